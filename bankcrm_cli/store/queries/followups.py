"""What follow-ups read and write: the day's birthdays, maturities, call-backs and complaint
deadlines with what an item needs of its customer, and the done/snooze actions on items.

The store is asked only for the day's keys (an indexed birthday month-day, an indexed maturity
range); the rules in domain/ then decide on the few rows that come back. How each read is
shaped for SQLite's planner, and read (one JSON array, a second connection), is kept here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from functools import reduce
from operator import add
from typing import Any

from sqlalchemy import Connection, Select, and_, case, or_, select

from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.store.fast_reads import BackgroundRead, fetch_rows, values_table
from bankcrm_cli.store.tables import (
    campaign_members_table,
    complaints_table,
    contacts_table,
    customers_table,
    followup_actions_table,
    holdings_table,
)

# The channels a customer refused, as one bit mask the store computes (bit i:
# CONSENT_CHANNELS[i] refused): a whole bank's day is thousands of rows, and five booleans a
# row cost more to read and check than one number.
_REFUSED_MASK = reduce(
    add,
    (
        case((customers_table.c[f"consent_{channel}"].is_(False), 1 << bit), else_=0)
        for bit, channel in enumerate(CONSENT_CHANNELS)
    ),
).label("refused")

# What an item needs of its customer, in this order: no timestamps, nothing to type-process.
# Every row read here starts with these: customer_id, name, rm_code, branch, aum_cents, phone,
# refused.
_CUSTOMER_COLUMNS = [
    *(customers_table.c[name] for name in ("customer_id", "name", "rm_code", "branch")),
    customers_table.c.aum_cents,
    customers_table.c.phone,
    _REFUSED_MASK,
]


def _customer_filters(
    rm_code: str | None, branch: str | None, customer_id: str | None = None
) -> list:
    # A day's birthdays, maturities, call-backs and complaints are far fewer than one RM's
    # customers. Compared as expressions (`|| ''`), these filters check the rows found instead
    # of leading the store to start from every customer of the RM or branch.
    c = customers_table.c
    conditions = []
    if rm_code:
        conditions.append(c.rm_code + "" == rm_code)
    if branch:
        conditions.append(c.branch + "" == branch)
    if customer_id is not None:
        conditions.append(c.customer_id == customer_id)
    return conditions


def birthday_rows(
    conn: Connection,
    gregorian_keys: Iterable[int],
    lunar_keys: Iterable[int],
    *,
    rm_code: str | None = None,
    branch: str | None = None,
    customer_id: str | None = None,
) -> list[Sequence[Any]]:
    """Customers whose Gregorian (or, for lunar ones, lunar) month-day key is one of these.

    Each row: customer_id, name, rm_code, branch, aum_cents, phone, refused, birth_date,
    lunar_birthday.
    """
    c = customers_table.c
    query = select(*_CUSTOMER_COLUMNS, c.birth_date, c.lunar_birthday).where(
        or_(
            and_(c.birth_mmdd.in_(sorted(gregorian_keys)), c.lunar_birthday.is_not(True)),
            and_(c.lunar_mmdd.in_(sorted(lunar_keys)), c.lunar_birthday.is_(True)),
        ),
        *_customer_filters(rm_code, branch, customer_id),
    )
    return fetch_rows(conn, query)


def _maturity_query(
    first: date, last: date, rm_code: str | None, branch: str | None, account_id: str | None
) -> Select:
    h = holdings_table.c
    query = (
        select(
            *_CUSTOMER_COLUMNS,
            h.account_id,
            h.product_type,
            h.product_name,
            h.amount_cents,
            h.currency,
            h.maturity_date,
            h.auto_rollover,
        )
        .join(customers_table, customers_table.c.customer_id == h.customer_id)
        .where(h.maturity_date.between(first, last), *_customer_filters(rm_code, branch))
    )
    if account_id is not None:
        query = query.where(h.account_id == account_id)
    return query


def maturity_rows(
    conn: Connection,
    first: date,
    last: date,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
    account_id: str | None = None,
) -> list[Sequence[Any]]:
    """Holdings maturing from `first` to `last`, with their customers.

    Each row: the customer's columns as in `birthday_rows`, then account_id, product_type,
    product_name, amount_cents, currency, maturity_date, auto_rollover.
    """
    return fetch_rows(conn, _maturity_query(first, last, rm_code, branch, account_id))


def maturity_rows_in_background(
    conn: Connection,
    first: date,
    last: date,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
) -> BackgroundRead:
    """`maturity_rows` read on a connection of its own, in a thread: `.rows()` waits for them.

    A write committed while it runs shows in it or not, as in a run a moment later.
    """
    return BackgroundRead(conn, _maturity_query(first, last, rm_code, branch, None))


def open_callback_rows(
    conn: Connection, last: date, *, rm_code: str | None = None, branch: str | None = None
) -> list:
    """Call-backs asked for on or before `last` and not closed, with their customers
    (named: contact_id, next_date, next_note, outcome, and the customer's columns)."""
    k = contacts_table.c
    query = (
        select(*_CUSTOMER_COLUMNS, k.id.label("contact_id"), k.next_date, k.next_note, k.outcome)
        .join(customers_table, customers_table.c.customer_id == k.customer_id)
        .where(k.next_date.is_not(None), k.callback_closed_at.is_(None))
        .where(k.next_date <= last, *_customer_filters(rm_code, branch))
    )
    return conn.execute(query).fetchall()


def complaint_deadline_rows(
    conn: Connection,
    statuses: Collection[str],
    due_by: date,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
) -> list:
    """Complaints in one of `statuses` due by `due_by`, with their customers (named:
    complaint_id, category, summary, due_date, policy, status, and the customer's columns)."""
    t = complaints_table.c
    query = (
        select(
            *_CUSTOMER_COLUMNS,
            t.id.label("complaint_id"),
            t.category,
            t.summary,
            t.due_date,
            t.policy,
            t.status,
        )
        .join(customers_table, customers_table.c.customer_id == t.customer_id)
        .where(t.status.in_(tuple(statuses)), t.due_date <= due_by)
        .where(*_customer_filters(rm_code, branch))
    )
    return conn.execute(query).fetchall()


def latest_actions(conn: Connection, item_ids: Iterable[str]) -> dict[str, tuple[str, date | None]]:
    """The latest action (done/snooze, until) on each of these items that has one."""
    a = followup_actions_table.c
    listed = values_table(conn, set(item_ids), a.item_id.type)
    rows = conn.execute(
        select(a.item_id, a.action, a.until)
        .join_from(listed, followup_actions_table, a.item_id == listed.c.value)
        .order_by(a.id)
    )
    return {item_id: (action, until) for item_id, action, until in rows}


def snoozed_until_between(conn: Connection, first: date, last: date) -> set[str]:
    """The items ever snoozed until a day from `first` to `last`."""
    a = followup_actions_table.c
    query = select(a.item_id).where(a.action == "snooze", a.until.between(first, last))
    return set(conn.execute(query).scalars())


# What a follow-up id names, by kind: the customer it is about and the day its key holds
# (none for a birthday: that day is worked out from the birth date).
_SUBJECTS = {
    "birthday": (customers_table.c.customer_id, customers_table.c.customer_id, None),
    "maturity": (
        holdings_table.c.account_id,
        holdings_table.c.customer_id,
        holdings_table.c.maturity_date,
    ),
    "callback": (contacts_table.c.id, contacts_table.c.customer_id, contacts_table.c.next_date),
    "complaint": (
        complaints_table.c.id,
        complaints_table.c.customer_id,
        complaints_table.c.due_date,
    ),
    "campaign": (
        campaign_members_table.c.id,
        campaign_members_table.c.customer_id,
        campaign_members_table.c.drawn_at,
    ),
}


def followup_subject(conn: Connection, kind: str, key: str | int) -> tuple[str, date | None] | None:
    """The customer and day (maturity, call-back or deadline date) of the holding, contact,
    complaint or customer a follow-up id names; None when it is not stored."""
    key_column, customer, day = _SUBJECTS[kind]
    day_column = day if day is not None else customers_table.c.birth_date
    row = conn.execute(select(customer, day_column).where(key_column == key)).first()
    return None if row is None else (row[0], row[1])


def ever_acted_on(conn: Connection, item_id: str) -> bool:
    """Whether a done or snooze was ever recorded on this item."""
    a = followup_actions_table.c
    return conn.execute(select(a.id).where(a.item_id == item_id).limit(1)).first() is not None


def contact_customer(conn: Connection, contact_id: int) -> str:
    """The customer a logged contact is with."""
    k = contacts_table.c
    return conn.execute(select(k.customer_id).where(k.id == contact_id)).scalar_one()


def insert_followup_action(
    conn: Connection,
    *,
    item_id: str,
    kind: str,
    action: str,
    until: date | None,
    note: str | None,
    actor: str,
    at: datetime,
) -> None:
    """Keep one done/snooze action on an item."""
    conn.execute(
        followup_actions_table.insert(),
        {
            "item_id": item_id,
            "kind": kind,
            "action": action,
            "until": until,
            "note": note,
            "actor": actor,
            "at": at,
        },
    )
