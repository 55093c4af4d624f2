"""What an import reads and writes besides its rows: emptiness, keys, lunar birthday keys,
shared ID numbers and the record of the run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Connection, and_, bindparam, func, or_, select, update

from bankcrm_cli.store.bulk import bulk_loader
from bankcrm_cli.store.bulk.base import chunks, table_named
from bankcrm_cli.store.money_sum import money_sum
from bankcrm_cli.store.tables import (
    customers_table,
    holdings_table,
    import_runs_table,
    rms_table,
)


def table_is_empty(conn: Connection, table_name: str) -> bool:
    """Whether the table holds no row at all."""
    table = table_named(table_name)
    first_column = next(iter(table.primary_key.columns))
    return conn.execute(select(first_column).limit(1)).first() is None


def existing_customer_ids(conn: Connection, customer_ids: Sequence[str]) -> set[str]:
    """Which of these customer numbers the store holds."""
    return set(bulk_loader(conn, customers_table, ["customer_id"]).fetch_by_key(customer_ids))


def holdings_totals(conn: Connection, customer_ids: Sequence[str]) -> dict[str, int]:
    """Each of these customers' holdings added up as sizes (the sum of |amount| in cents)."""
    h = holdings_table.c
    totals: dict[str, int] = {}
    for chunk in chunks(customer_ids):
        query = (
            select(h.customer_id, money_sum(func.abs(h.amount_cents)))
            .where(h.customer_id.in_(chunk))
            .group_by(h.customer_id)
        )
        totals.update((customer, int(total or 0)) for customer, total in conn.execute(query))
    return totals


def stored_holdings(conn: Connection, account_ids: Sequence[str]) -> dict[str, tuple[str, int]]:
    """(customer_id, amount_cents or 0) of these accounts, those the store holds."""
    loader = bulk_loader(conn, holdings_table, ["account_id", "customer_id", "amount_cents"])
    return {
        account: (customer, int(amount or 0))
        for account, customer, amount in loader.fetch_by_key(account_ids).values()
    }


def known_rm_codes(conn: Connection, rm_codes: Sequence[str]) -> set[str]:
    """Which of these RM codes the store holds."""
    return set(bulk_loader(conn, rms_table, ["rm_code"]).fetch_by_key(rm_codes))


def clear_lunar_keys(conn: Connection, changed_since: datetime | None) -> int:
    """Clear the lunar birthday key of customers without a lunar birthday or a birth date
    (changed since `changed_since`, if given); returns how many were cleared."""
    c = customers_table.c
    recent = [] if changed_since is None else [c.updated_at >= changed_since]
    return conn.execute(
        update(customers_table)
        .where(c.lunar_mmdd.is_not(None), *recent)
        .where(or_(c.lunar_birthday.is_not(True), c.birth_date.is_(None)))
        .values(lunar_mmdd=None)
    ).rowcount


def lunar_birthday_rows(
    conn: Connection, changed_since: datetime | None
) -> list[tuple[str, date, str | None]]:
    """(customer_id, birth_date, stored lunar key) of customers with a lunar birthday and a
    birth date, changed since `changed_since` if given."""
    c = customers_table.c
    recent = [] if changed_since is None else [c.updated_at >= changed_since]
    query = select(c.customer_id, c.birth_date, c.lunar_mmdd).where(
        and_(c.lunar_birthday.is_(True), c.birth_date.is_not(None)), *recent
    )
    return [tuple(row) for row in conn.execute(query)]


def set_lunar_keys(conn: Connection, keys: Sequence[tuple[str, str | None]]) -> None:
    """Store each (customer_id, lunar key)."""
    if not keys:
        return
    c = customers_table.c
    conn.execute(
        update(customers_table)
        .where(c.customer_id == bindparam("_id"))
        .values(lunar_mmdd=bindparam("key")),
        [{"_id": customer_id, "key": key} for customer_id, key in keys],
    )


def count_shared_id_numbers(conn: Connection, changed_since: datetime | None) -> int:
    """How many customers changed since then (or at all, given None) share their ID number with
    another customer number."""
    c = customers_table.c
    shared = (
        select(c.id_number)
        .where(c.id_number.is_not(None))
        .group_by(c.id_number)
        .having(func.count() > 1)
    )
    if changed_since is None:
        sharing = shared.with_only_columns(func.count().label("n")).subquery()
        # int(): PostgreSQL sums a bigint count into numeric, which arrives as a Decimal
        return int(conn.execute(select(func.coalesce(func.sum(sharing.c.n), 0))).scalar_one())
    query = (
        select(func.count())
        .select_from(customers_table)
        .where(c.updated_at >= changed_since, c.id_number.in_(shared))
    )
    return conn.execute(query).scalar_one()


def insert_import_run(
    conn: Connection,
    *,
    kind: str,
    file_name: str,
    actor: str,
    started_at: datetime,
    finished_at: datetime,
    counts: dict[str, int],
) -> None:
    """Record one import: what, by whom, when, and its counts (inserted, updated, unchanged,
    rejected)."""
    conn.execute(
        import_runs_table.insert(),
        {
            "kind": kind,
            "file_name": file_name,
            "actor": actor,
            "started_at": started_at,
            "finished_at": finished_at,
            **counts,
        },
    )
