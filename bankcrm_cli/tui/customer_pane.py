"""The customer pane: profile (masked unless revealed), tier and AUM, holdings with the
maturing one highlighted, consent per channel, open complaints with their deadlines, and the
timeline newest first."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from bankcrm_cli.domain.catalogue import t, t_or

if TYPE_CHECKING:
    from bankcrm_cli.tui.session import CustomerPane

# Timeline entries shown; the rest are a `crm customers show` away.
TIMELINE_SHOWN = 30


def _consent(value: bool | None) -> str:
    return t("consent.yes" if value else "consent.no" if value is False else "consent.unknown")


def _money(value) -> str:
    from bankcrm_cli.domain.money import format_money

    return "" if value is None else format_money(value)


def profile_table(pane: CustomerPane) -> Table:
    from bankcrm_cli.domain.names import salutation
    from bankcrm_cli.domain.segments import tier_for

    c = pane.detail.customer if pane.revealed else pane.detail.customer.masked()
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    aum_cents = None if c.aum is None else int(c.aum * 100)
    rm = pane.detail.rm
    rows = [
        ("show.id", c.customer_id),
        ("show.name", f"{c.name}（{salutation(c.name, c.gender)}）"),
        ("fu.col.tier", t_or("tier", tier_for(aum_cents))),
        ("show.aum", _money(c.aum)),
        ("show.phone", c.phone or ""),
        ("show.id_number", c.id_number or ""),
        ("show.birth_date", f"{c.birth_date or ''}{t('show.lunar') if c.lunar_birthday else ''}"),
        ("show.email", c.email or ""),
        ("show.rm", f"{rm.name} ({rm.rm_code})" if rm else (c.rm_code or "")),
        (
            "show.consent",
            "  ".join(f"{t(f'channel.{ch}')} {_consent(v)}" for ch, v in c.consent.items()),
        ),
    ]
    for label, value in rows:
        grid.add_row(t(label), Text(str(value)))
    return grid


def holdings_text(pane: CustomerPane, maturing_account: str | None) -> Text:
    """A holding a line and its figures under it; the maturing one (the item's) highlighted."""
    text = Text(t("hold.title") + "\n", style="bold")
    if not pane.detail.holdings:
        return text.append(t("hold.none"), style="italic")
    for h in pane.detail.holdings:
        maturing = h.account_id == maturing_account
        product = " ".join(filter(None, (t_or("product", h.product_type), h.product_name)))
        amount = "" if h.amount is None else f"{h.amount:,.2f} {h.currency}"
        dates = f"{h.open_date or '—'} → {h.maturity_date or '—'}"
        mark = f" {t('work.pane.maturing')}" if maturing else ""
        lines = f"{product} …{h.account_id[-4:]}\n  {amount}  {dates}{mark}\n"
        text.append(lines, style="bold reverse" if maturing else None)
    return text


def complaints_text(pane: CustomerPane) -> Text:
    text = Text(t("work.pane.complaints") + "\n", style="bold")
    if not pane.complaints:
        text.append(t("work.pane.no_complaints"), style="italic")
        return text
    for c in pane.complaints:
        line = t(
            "work.pane.complaint",
            id=c.id,
            category=c.category,
            summary=c.summary,
            due=c.due_date,
            status=t_or("status", c.status),
            late=f" {t('fu.overdue')}" if c.overdue else "",
        )
        text.append(line + "\n", style="bold red" if c.overdue else None)
    return text


def timeline_text(pane: CustomerPane, zone: tzinfo) -> Text:
    text = Text(t("tl.title") + "\n", style="bold")
    if not pane.timeline:
        text.append(t("work.pane.no_timeline"), style="italic")
    for entry in pane.timeline[:TIMELINE_SHOWN]:
        at = entry.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        text.append(at, style="dim")
        what = f" {t_or('entity', entry.entity)} {t_or('action', entry.action)} {entry.actor}"
        text.append(what)
        if entry.reason:
            text.append(f" · {entry.reason}")
        text.append("\n")
    return text


class CustomerPaneView(VerticalScroll):
    """The right-hand pane; `show` puts a customer in it, `clear` a hint."""

    shown: str | None = None

    def compose(self):
        yield Static(Text(t("work.pick"), style="italic"), id="customer")

    def show(self, pane: CustomerPane, zone: tzinfo, maturing_account: str | None = None) -> None:
        body = Group(
            profile_table(pane),
            Text(""),
            complaints_text(pane),
            holdings_text(pane, maturing_account),
            timeline_text(pane, zone),
        )
        self.query_one("#customer", Static).update(body)
        # Read again after an action, the same customer keeps where the pane was scrolled to.
        if pane.detail.customer.customer_id != self.shown:
            self.scroll_home(animate=False)
        self.shown = pane.detail.customer.customer_id

    def clear(self, hint: str) -> None:
        self.query_one("#customer", Static).update(Text(hint, style="italic"))
        self.shown = None
