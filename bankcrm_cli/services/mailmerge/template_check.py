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
from typing import TYPE_CHECKING, Any

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.render.templating import TemplateFailed

if TYPE_CHECKING:
    from bankcrm_cli.settings import Settings

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
    """The sample bank in a new store in `folder`, a few complaints added; and the customers
    to write to."""
    from bankcrm_cli.store.engine import make_engine, resolve_url
    from bankcrm_cli.store.migrate import ensure_current

    engine = make_engine(resolve_url(str(folder / "sample.sqlite3")))
    ensure_current(engine)
    _import_sample_bank(engine, folder, today)
    from bankcrm_cli.store.queries.mailmerge import (
        customer_ids_reachable_by_every_channel,
        first_customer_ids,
    )

    with engine.connect() as conn:
        ids = first_customer_ids(conn, SAMPLE_CUSTOMERS)
        # Complaints go to customers every medium can reach, so each medium renders one.
        complainants = customer_ids_reachable_by_every_channel(conn, 3)
    ids += [cid for cid in complainants if cid not in ids]
    _add_complaints(engine, complainants)
    return engine, ids


def _import_sample_bank(engine, folder: Path, today: date) -> None:
    from bankcrm_cli.resources import sample_data_dir
    from bankcrm_cli.services.importing import ImportRequest, run_import

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


def _add_complaints(engine, complainants: list[str]) -> None:
    """A complaint for each, received three days ago; the first one resolved."""
    from bankcrm_cli.services.contacts.complaints import act, open_complaint

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


def check_template(
    settings: Settings, name: str, *, today: date, templates_dir: Path | None = None
) -> list[CheckOutcome]:
    """Merge `name` (every medium it exists for) against the sample bank; report each run."""
    from bankcrm_cli.domain.errors import NotFound
    from bankcrm_cli.services.mailmerge.campaign import MergeRequest
    from bankcrm_cli.services.mailmerge.run import run_mailmerge, template_library

    library = template_library(settings, templates_dir)
    infos = [info for info in library.all() if info.name == name]
    if not infos:
        raise NotFound(t("err.no_template", name=repr(name)))
    outcomes: list[CheckOutcome] = []
    with tempfile.TemporaryDirectory(prefix="crm-check-") as tmp:
        folder = Path(tmp)
        engine, ids = _sample_store(folder, today)
        try:
            sources = _sources(engine, settings, infos, ids, today)
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


def _sources(engine, settings, infos, ids: list[str], today: date) -> list[tuple[str, Any, date]]:
    """(label, recipients, day): the sample customers, and for each follow-up kind a template
    is written for, the first day within FOLLOWUP_SEARCH_DAYS that has such follow-ups."""
    from bankcrm_cli.services.followups import upcoming
    from bankcrm_cli.services.mailmerge.recipients import RecipientSource
    from bankcrm_cli.settings import followup_rules

    sources: list[tuple[str, Any, date]] = [
        ("customers", RecipientSource(customers=tuple(ids)), today)
    ]
    kinds = {info.followups for info in infos if info.followups}
    for kind in sorted(kinds):
        grouped = upcoming(
            engine, today, FOLLOWUP_SEARCH_DAYS, followup_rules(settings), kinds=[kind]
        )
        for day, items in grouped.items():
            if items:
                sources.append((f"followups {kind} on {day}", RecipientSource(followups=kind), day))
                break
    return sources
