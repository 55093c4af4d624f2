"""What follow-ups read for a day: the day's birthdays, maturities, call-backs and complaint
deadlines with what an item needs of its customer, and the done/snooze actions on items.

The store is asked only for the day's keys (an indexed birthday month-day, an indexed maturity
range); the rules in domain/ then decide on the few rows that come back. The statements are
in store/read_statements.py; on SQLite they run without SQLAlchemy (store/reads.py), so
`crm followups today` does not load it. Writes are in store/queries/followup_actions.py.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import Any

from bankcrm_cli.store import reads


def birthday_rows(
    conn: Any,
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
    params: dict[str, Any] = {"gregorian": sorted(gregorian_keys), "lunar": sorted(lunar_keys)}
    shape = (bool(rm_code), bool(branch), customer_id is not None)
    params.update(_filters(rm_code, branch))
    if customer_id is not None:
        params["customer_id"] = customer_id
    return reads.rows(conn, "birthday_rows", shape, params)


def _filters(rm_code: str | None, branch: str | None) -> dict[str, str]:
    given = {"rm_code": rm_code, "branch": branch}
    return {name: value for name, value in given.items() if value}


def _maturity_params(first, last, rm_code, branch, account_id) -> tuple[tuple, dict]:
    params: dict[str, Any] = {"first": first, "last": last, **_filters(rm_code, branch)}
    if account_id is not None:
        params["account_id"] = account_id
    return (bool(rm_code), bool(branch), account_id is not None), params


def maturity_rows(
    conn: Any,
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
    shape, params = _maturity_params(first, last, rm_code, branch, account_id)
    return reads.rows(conn, "maturity_rows", shape, params)


def maturity_rows_in_background(
    conn: Any,
    first: date,
    last: date,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
):
    """`maturity_rows` read on a connection of its own, in a thread: `.rows()` waits for them.

    A write committed while it runs shows in it or not, as in a run a moment later.
    """
    shape, params = _maturity_params(first, last, rm_code, branch, None)
    return reads.rows_in_background(conn, "maturity_rows", shape, params)


def open_callback_rows(
    conn: Any, last: date, *, rm_code: str | None = None, branch: str | None = None
) -> list:
    """Call-backs asked for on or before `last` and not closed, with their customers
    (named: contact_id, next_date, next_note, outcome, and the customer's columns)."""
    shape = (bool(rm_code), bool(branch))
    return reads.rows(
        conn, "open_callback_rows", shape, {"last": last, **_filters(rm_code, branch)}
    )


def complaint_deadline_rows(
    conn: Any,
    statuses: Collection[str],
    due_by: date,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
) -> list:
    """Complaints in one of `statuses` due by `due_by`, with their customers (named:
    complaint_id, category, summary, due_date, policy, status, and the customer's columns)."""
    shape = (bool(rm_code), bool(branch))
    params = {"statuses": list(statuses), "due_by": due_by, **_filters(rm_code, branch)}
    return reads.rows(conn, "complaint_deadline_rows", shape, params)


def latest_actions(conn: Any, item_ids: Iterable[str]) -> dict[str, tuple[str, date | None]]:
    """The latest action (done/snooze, until) on each of these items that has one."""
    found = reads.rows(conn, "latest_actions", (), {"item_ids": sorted(set(item_ids))})
    return {item_id: (action, until) for item_id, action, until in found}


def snoozed_until_between(conn: Any, first: date, last: date) -> set[str]:
    """The items ever snoozed until a day from `first` to `last`."""
    found = reads.rows(conn, "snoozed_until_between", (), {"first": first, "last": last})
    return {item_id for (item_id,) in found}


def call_list_rows(
    conn: Any, day: date, *, rm_code: str | None = None, branch: str | None = None
) -> list:
    """Each RM's campaign calls for `day`: members of active phone campaigns started by then
    (and not ended), not in the holdout, without an answer yet; the `calls_per_day` with the
    highest AUM per campaign and RM. Rows start with the follow-up customer columns, then
    member_id, campaign name and title."""
    given = {"rm_code": rm_code, "branch": branch}
    params = {"day": day, **{name: value for name, value in given.items() if value}}
    return reads.rows(conn, "call_list_rows", (bool(rm_code), bool(branch)), params)
