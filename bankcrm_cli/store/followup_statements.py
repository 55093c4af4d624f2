"""The follow-up reads as Core statements (store/read_statements.py names them all): a day's
birthdays, maturities, call-backs, complaint deadlines and campaign calls, the done/snooze
actions on items, and whether an RM code is known."""

from __future__ import annotations

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    func,
    literal,
    or_,
    select,
    true,
)

from bankcrm_cli.store.read_parts import CUSTOMER_COLUMNS, customer_filters, listed
from bankcrm_cli.store.tables import (
    campaign_members_table,
    campaigns_table,
    complaints_table,
    contacts_table,
    customers_table,
    followup_actions_table,
    holdings_table,
    rms_table,
)

_c = customers_table.c


def birthday_rows(dialect: str, rm: bool, branch: bool, customer: bool) -> Select:
    """Customers whose Gregorian (or, for lunar ones, lunar) month-day key is in `gregorian`
    (or `lunar`): the customer's columns, birth_date, lunar_birthday."""
    gregorian = select(listed(dialect, "gregorian", Integer).c.value)
    lunar = select(listed(dialect, "lunar", Integer).c.value)
    return select(*CUSTOMER_COLUMNS, _c.birth_date, _c.lunar_birthday).where(
        or_(
            and_(_c.birth_mmdd.in_(gregorian), _c.lunar_birthday.is_not(True)),
            and_(_c.lunar_mmdd.in_(lunar), _c.lunar_birthday.is_(True)),
        ),
        *customer_filters(rm, branch, customer),
    )


def maturity_rows(dialect: str, rm: bool, branch: bool, account: bool) -> Select:
    """Holdings maturing from `first` to `last` with their customers: the customer's columns,
    then account_id, product_type, product_name, amount_cents, currency, maturity_date,
    auto_rollover."""
    h = holdings_table.c
    query = (
        select(
            *CUSTOMER_COLUMNS,
            h.account_id,
            h.product_type,
            h.product_name,
            h.amount_cents,
            h.currency,
            h.maturity_date,
            h.auto_rollover,
        )
        .join(customers_table, _c.customer_id == h.customer_id)
        .where(
            h.maturity_date.between(bindparam("first", type_=Date), bindparam("last", type_=Date)),
            *customer_filters(rm, branch),
        )
    )
    if account:
        query = query.where(h.account_id == bindparam("account_id"))
    return query


def open_callback_rows(dialect: str, rm: bool, branch: bool) -> Select:
    """Call-backs asked for on or before `last` and not closed, with their customers."""
    k = contacts_table.c
    return (
        select(*CUSTOMER_COLUMNS, k.id.label("contact_id"), k.next_date, k.next_note, k.outcome)
        .join(customers_table, _c.customer_id == k.customer_id)
        .where(k.next_date.is_not(None), k.callback_closed_at.is_(None))
        .where(k.next_date <= bindparam("last", type_=Date), *customer_filters(rm, branch))
    )


def complaint_deadline_rows(dialect: str, rm: bool, branch: bool) -> Select:
    """Complaints in one of `statuses` due by `due_by`, with their customers."""
    t = complaints_table.c
    statuses = select(listed(dialect, "statuses", String).c.value)
    return (
        select(
            *CUSTOMER_COLUMNS,
            t.id.label("complaint_id"),
            t.category,
            t.summary,
            t.due_date,
            t.policy,
            t.status,
        )
        .join(customers_table, _c.customer_id == t.customer_id)
        .where(t.status.in_(statuses), t.due_date <= bindparam("due_by", type_=Date))
        .where(*customer_filters(rm, branch))
    )


def latest_actions(dialect: str) -> Select:
    """The done/snooze actions on the items of `item_ids`, oldest first."""
    a = followup_actions_table.c
    items = listed(dialect, "item_ids", String)
    return (
        select(a.item_id, a.action, a.until)
        .join_from(items, followup_actions_table, a.item_id == items.c.value)
        .order_by(a.id)
    )


def snoozed_until_between(dialect: str) -> Select:
    """The items ever snoozed until a day from `first` to `last`."""
    a = followup_actions_table.c
    return select(a.item_id).where(
        a.action == "snooze",
        a.until.between(bindparam("first", type_=Date), bindparam("last", type_=Date)),
    )


def call_list_rows(dialect: str, rm: bool, branch: bool) -> Select:
    """Each RM's campaign calls for `day`: members of active phone campaigns started by then
    (and not ended), not in the holdout, without an answer yet; the `calls_per_day` with the
    highest AUM per campaign and RM. The customer's columns, then member_id, campaign name and
    title, calls_per_day, rank."""
    k, m = campaigns_table.c, campaign_members_table.c
    day = bindparam("day", type_=Date)
    rank = (
        func.row_number()
        .over(
            partition_by=(m.campaign_id, _c.rm_code),
            order_by=(_c.aum_cents.desc().nulls_last(), _c.customer_id),
        )
        .label("rank")
    )
    base = (
        select(
            *CUSTOMER_COLUMNS,
            m.id.label("member_id"),
            k.name.label("campaign"),
            k.title,
            k.calls_per_day,
            rank,
        )  # fmt: skip
        .join(campaign_members_table, m.customer_id == _c.customer_id)
        .join(campaigns_table, k.id == m.campaign_id)
        .where(
            k.status == "active",
            func.coalesce(k.start_date, day) <= day,
            func.coalesce(k.end_date, day) >= day,
            ("," + k.channels + ",").contains(",phone,"),
            m.holdout.is_not(true()),
            m.status.in_([literal("targeted"), literal("contacted")]),
        )
    )
    if rm:
        base = base.where(_c.rm_code == bindparam("rm_code"))
    if branch:
        base = base.where(_c.branch == bindparam("branch"))
    ranked = base.subquery()
    return select(ranked).where(ranked.c.rank <= ranked.c.calls_per_day)


def rm_code_known(dialect: str) -> Select:
    """`rm_code` on the RM list or on some customer (a bank may load customers first)."""
    code = bindparam("rm_code")
    listed = select(rms_table.c.rm_code).where(rms_table.c.rm_code == code)
    assigned = select(_c.rm_code).where(_c.rm_code == code)
    return listed.union(assigned).limit(1)
