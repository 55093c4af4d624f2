"""What `crm customers show` prints for people: the profile, the holdings and the timeline."""

from __future__ import annotations

from bankcrm_cli.cli.common import out, print_table
from bankcrm_cli.domain.catalogue import t, t_or


def _money(value) -> str:
    from bankcrm_cli.domain.money import format_money

    return "" if value is None else format_money(value)


def _timeline_id(entry) -> str:
    """A follow-up's id a part a line (kind, key, date): its column as wide as its longest
    part, never breaking a number or a date."""
    if entry.entity != "followup":
        return entry.entity_id
    return entry.entity_id.replace(":", "\n")


def print_timeline(timeline, zone) -> None:
    if not timeline:
        return
    at, number = t("tl.at"), t("tl.id")
    print_table(
        t("tl.title"),
        [at, t("tl.kind"), number, t("tl.action"), t("tl.actor"), t("tl.note")],
        (
            [
                entry.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                t_or("entity", entry.entity),
                _timeline_id(entry),
                t_or("action", entry.action),
                entry.actor,
                entry.reason or "",
            ]
            for entry in timeline
        ),
        no_wrap=frozenset({at, number}),
    )


def _consent(value: bool | None) -> str:
    return t("consent.yes" if value else "consent.no" if value is False else "consent.unknown")


def print_profile(detail, reveal: bool) -> None:
    from rich.table import Table

    from bankcrm_cli.domain.names import salutation

    c = detail.customer if reveal else detail.customer.masked()
    profile = Table.grid(padding=(0, 2))
    profile.add_column(style="bold")
    profile.add_column()
    consent = ", ".join(
        f"{t(f'channel.{channel}')}: {_consent(value)}" for channel, value in c.consent.items()
    )
    rm = detail.rm
    rows = [
        ("show.id", c.customer_id),
        ("show.name", f"{c.name}  ({salutation(c.name, c.gender)})"),
        ("show.id_number", c.id_number or ""),
        ("show.gender", t_or("gender", c.gender)),
        ("show.birth_date", f"{c.birth_date or ''}{t('show.lunar') if c.lunar_birthday else ''}"),
        ("show.phone", c.phone or ""),
        ("show.email", c.email or ""),
        ("show.fax", c.fax or ""),
        ("show.address", f"{c.address or ''} {c.postal_code or ''}".strip()),
        ("show.branch", c.branch or ""),
        ("show.rm", f"{rm.name} ({rm.rm_code})" if rm else (c.rm_code or "")),
        ("show.aum", _money(c.aum)),
        ("show.consent", consent),
    ]
    if detail.aliases:
        rows.append(("show.aliases", ", ".join(detail.aliases)))
    for label, value in rows:
        profile.add_row(t(label), str(value))
    console = out()
    console.print(profile)
    _print_holdings(console, detail.holdings)


def _print_holdings(console, holdings) -> None:
    from bankcrm_cli.render.tables import Col, print_fitted

    columns = [
        Col(t("hold.account"), fixed=True),
        Col(t("hold.product")),
        Col(t("hold.amount"), fixed=True, right=True),
        Col(t("hold.currency"), fixed=True),
        Col(t("hold.dates"), fixed=True),
        Col(t("hold.rollover")),
    ]
    rows = [
        [
            h.account_id,
            "\n".join(filter(None, (t_or("product", h.product_type), h.product_name))),
            "" if h.amount is None else f"{h.amount:,.2f}",
            h.currency,
            "\n".join(str(d or "—") for d in (h.open_date, h.maturity_date)),
            {True: t("yes"), False: t("no")}.get(h.auto_rollover, ""),
        ]
        for h in holdings
    ]
    caption = None if holdings else t("hold.none")
    print_fitted(console, t("hold.title"), columns, rows, caption=caption)
