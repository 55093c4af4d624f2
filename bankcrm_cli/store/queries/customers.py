"""Reading customers, their holdings and their RMs: lists, search, one profile."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Result, Row, func, or_, select

from bankcrm_cli.store.tables import customers_table, rms_table

_c = customers_table.c


def _filters(rm_code: str | None, branch: str | None) -> list[Any]:
    conditions = []
    if rm_code:
        conditions.append(_c.rm_code == rm_code)
    if branch:
        conditions.append(_c.branch == branch)
    return conditions


def count_customers(conn: Connection, *, rm_code: str | None, branch: str | None) -> int:
    query = select(func.count()).select_from(customers_table).where(*_filters(rm_code, branch))
    return conn.execute(query).scalar_one()


def customer_rows(
    conn: Connection, *, rm_code: str | None, branch: str | None, limit: int | None
) -> Result:
    """Customer rows in customer-number order, fetched in batches as they are read."""
    query = select(customers_table).where(*_filters(rm_code, branch)).order_by(_c.customer_id)
    if limit:
        query = query.limit(limit)
    return conn.execution_options(yield_per=2000).execute(query)


def search_customer_rows(
    conn: Connection,
    needle: str,
    *,
    number_tail: str | None,
    number_anywhere: str | None,
    limit: int | None,
) -> list[Row]:
    """Customers whose name contains NEEDLE or whose number starts with it; also those whose
    phone or ID number ends with `number_tail`, or contains `number_anywhere`; in number order."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    conditions = [
        _c.name.like(f"%{escaped}%", escape="\\"),
        _c.customer_id.like(f"{escaped}%", escape="\\"),
    ]
    # Both are digits (and an ID's X) only: nothing in them is a LIKE wildcard.
    if number_tail:
        conditions += [_c.phone.like(f"%{number_tail}"), _c.id_number.like(f"%{number_tail}")]
    if number_anywhere:
        conditions += [
            _c.phone.like(f"%{number_anywhere}%"),
            _c.id_number.like(f"%{number_anywhere}%"),
        ]
    query = select(customers_table).where(or_(*conditions)).order_by(_c.customer_id)
    if limit:
        query = query.limit(limit)
    return list(conn.execute(query))


def rm_rows(conn: Connection) -> list[Row]:
    return list(conn.execute(select(rms_table).order_by(rms_table.c.rm_code)).all())
