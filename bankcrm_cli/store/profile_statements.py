"""What `crm customers show` reads, as Core statements (store/read_statements.py names them
all): the customer, their holdings, RM and merged-away numbers, and their timeline (history,
deliveries sent, campaign memberships and steps); and, for the workbench's customer pane, their
complaints still open."""

from __future__ import annotations

from sqlalchemy import Select, String, bindparam, select

from bankcrm_cli.store.queries.complaints import with_customer
from bankcrm_cli.store.read_parts import listed
from bankcrm_cli.store.tables import (
    campaign_member_events_table,
    campaign_members_table,
    campaigns_table,
    complaints_table,
    customer_aliases_table,
    customers_table,
    deliveries_table,
    history_table,
    holdings_table,
    rms_table,
)


def customer_row(dialect: str) -> Select:
    """The customer numbered `customer_id`, every column."""
    return select(customers_table).where(customers_table.c.customer_id == bindparam("customer_id"))


def holding_rows(dialect: str) -> Select:
    """The customer's holdings, maturing first (those without a maturity last)."""
    h = holdings_table.c
    return (
        select(holdings_table)
        .where(h.customer_id == bindparam("customer_id"))
        .order_by(h.maturity_date.is_(None), h.maturity_date, h.account_id)
    )


def rm_row(dialect: str) -> Select:
    """The RM coded `rm_code`, every column."""
    return select(rms_table).where(rms_table.c.rm_code == bindparam("rm_code"))


def alias_survivor(dialect: str) -> Select:
    """The customer the merged-away `number` names (no row when it is no alias)."""
    a = customer_aliases_table.c
    return select(a.customer_id).where(a.alias_id == bindparam("number"))


def aliases_of(dialect: str) -> Select:
    """The merged-away numbers that name `customer_id`, in number order."""
    a = customer_aliases_table.c
    return select(a.alias_id).where(a.customer_id == bindparam("customer_id")).order_by(a.alias_id)


def history_rows_of_customers(dialect: str) -> Select:
    """History entries about any of the `customer_ids`, newest first."""
    h = history_table.c
    numbers = select(listed(dialect, "customer_ids", String).c.value)
    return select(history_table).where(h.customer_id.in_(numbers)).order_by(h.id.desc())


def sent_delivery_rows(dialect: str) -> Select:
    """Deliveries sent to any of the `customer_ids`, newest first."""
    d = deliveries_table.c
    numbers = select(listed(dialect, "customer_ids", String).c.value)
    return (
        select(deliveries_table)
        .where(d.customer_id.in_(numbers), d.status == "sent")
        .order_by(d.id.desc())
    )


def customer_memberships(dialect: str) -> Select:
    """The `customer_ids`' campaign memberships (the targeting step), with name and title."""
    k, m = campaigns_table.c, campaign_members_table.c
    numbers = select(listed(dialect, "customer_ids", String).c.value)
    return (
        select(m.id, m.customer_id, m.drawn_at, m.actor, m.holdout, k.name, k.title)
        .join(campaigns_table, k.id == m.campaign_id)
        .where(m.customer_id.in_(numbers))
        .order_by(m.drawn_at, m.id)
    )


def customer_steps(dialect: str) -> Select:
    """The `customer_ids`' campaign steps, with each campaign's name and title, in time order."""
    k, e = campaigns_table.c, campaign_member_events_table.c
    numbers = select(listed(dialect, "customer_ids", String).c.value)
    return (
        select(e.customer_id, e.at, e.actor, e.step, e.channel, e.note, k.name, k.title)
        .join(campaigns_table, k.id == e.campaign_id)
        .where(e.customer_id.in_(numbers))
        .order_by(e.at, e.id)
    )


def complaint_rows_of_customer(dialect: str) -> Select:
    """The complaints of `customer_id` whose status is one of `statuses`, with the customer's
    name and RM code, by deadline then number (as `crm complaints list --customer` lists them)."""
    t = complaints_table.c
    statuses = select(listed(dialect, "statuses", String).c.value)
    return (
        with_customer()
        .where(t.customer_id == bindparam("customer_id"), t.status.in_(statuses))
        .order_by(t.due_date, t.id)
    )
