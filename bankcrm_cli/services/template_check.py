"""`crm templates check`: render a template for the sample bank's customers, before any real run.

The sample bank is loaded into a throw-away store, given a few complaints (one resolved), and
the template is merged for customers chosen to cover the cases a template must handle: with and
without an RM, holdings, a known gender; and for the follow-ups it is written for.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bankcrm_cli.render.templating import TemplateFailed

SAMPLE_CUSTOMERS = 40
FOLLOWUP_SEARCH_DAYS = 120


@dataclass(frozen=True)
class CheckOutcome:
    channel: str
    source: str
    rendered: int
    skipped: int
    error: str | None


def _sample_store(folder: Path, today: date):
    from sqlalchemy import select

    from bankcrm_cli.resources import sample_data_dir
    from bankcrm_cli.services.contacts.complaints import act, open_complaint
    from bankcrm_cli.services.importing import ImportRequest, run_import
    from bankcrm_cli.store.engine import make_engine, resolve_url
    from bankcrm_cli.store.migrate import ensure_current
    from bankcrm_cli.store.tables import customers_table

    engine = make_engine(resolve_url(str(folder / "sample.sqlite3")))
    ensure_current(engine)
    for kind in ("rms", "customers", "holdings"):
        run_import(
            engine,
            ImportRequest(
                kind=kind,
                path=sample_data_dir() / f"{kind}.csv",
                today=today,
                actor="check",
                rejects_path=folder / f"{kind}.rejects.csv",
            ),
        )
    c = customers_table.c
    with engine.connect() as conn:
        first = select(c.customer_id).order_by(c.customer_id).limit(SAMPLE_CUSTOMERS)
        ids = list(conn.execute(first).scalars())
        # Complaints go to customers every medium can reach, so each medium renders one.
        reachable = (
            select(c.customer_id)
            .where(c.email.is_not(None), c.address.is_not(None), c.fax.is_not(None))
            .order_by(c.customer_id)
            .limit(3)
        )
        complainants = list(conn.execute(reachable).scalars())
    ids += [cid for cid in complainants if cid not in ids]
    received = datetime.now(UTC) - timedelta(days=3)
    for index, customer_id in enumerate(complainants):
        complaint_id, _ = open_complaint(
            engine,
            customer_id,
            category="收费争议",
            summary="客户认为账户管理费扣收未事先告知。",
            actor="check",
            received_at=received,
            received_on=received.date(),
            channel="phone",
        )
        if index == 0:
            act(
                engine,
                complaint_id,
                "resolve",
                actor="check",
                today=received.date(),
                resolution="经核查，该笔费用系系统参数设置错误所致，我行已全额退还并致歉。",
                root_cause="系统参数",
                at=received,
                on=received.date(),
            )
    return engine, ids


def check_template(settings, name: str, *, today: date, templates_dir: Path | None = None):
    """Merge `name` (every medium it exists for) against the sample bank; report each run."""
    from bankcrm_cli.domain.errors import NotFound
    from bankcrm_cli.services.followups import FollowupRules, upcoming
    from bankcrm_cli.services.mailmerge import MergeRequest, run_mailmerge, template_library
    from bankcrm_cli.services.merge_recipients import RecipientSource

    library = template_library(settings, templates_dir)
    infos = [info for info in library.all() if info.name == name]
    if not infos:
        raise NotFound(f"no template named {name!r}; see `crm templates list`")
    outcomes: list[CheckOutcome] = []
    with tempfile.TemporaryDirectory(prefix="crm-check-") as tmp:
        folder = Path(tmp)
        engine, ids = _sample_store(folder, today)
        try:
            sources = [("customers", RecipientSource(customers=tuple(ids)), today)]
            kinds = {info.followups for info in infos if info.followups}
            for kind in sorted(kinds):
                grouped = upcoming(
                    engine,
                    today,
                    FOLLOWUP_SEARCH_DAYS,
                    FollowupRules.from_settings(settings),
                    kinds=[kind],
                )
                for day, items in grouped.items():
                    if items:
                        sources.append(
                            (f"followups {kind} on {day}", RecipientSource(followups=kind), day)
                        )
                        break
            for info in infos:
                params = {key: f"〈{key}〉" for key in info.required_params}
                for label, source, day in sources:
                    if label.startswith("followups") and info.followups not in label:
                        continue
                    request = MergeRequest(
                        template=name,
                        channel=info.channel,
                        source=source,
                        day=day,
                        today=today,
                        out=folder / f"{info.channel}-{len(outcomes)}",
                        params=params,
                        templates_dir=templates_dir,
                    )
                    try:
                        result = run_mailmerge(engine, settings, request, actor="check")
                    except TemplateFailed as exc:
                        outcomes.append(CheckOutcome(info.channel, label, 0, 0, str(exc)))
                        continue
                    outcomes.append(
                        CheckOutcome(
                            info.channel, label, result.rendered, len(result.skipped), None
                        )
                    )
        finally:
            engine.dispose()
    return outcomes
