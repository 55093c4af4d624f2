"""Reading customer aliases: merged-away numbers and the customer each names now."""

from __future__ import annotations

from sqlalchemy import Connection, select

from bankcrm_cli.store.tables import customer_aliases_table

_a = customer_aliases_table.c


def alias_survivor(conn: Connection, number: str) -> str | None:
    """The customer a merged-away number names, or None when it is no alias."""
    return conn.execute(select(_a.customer_id).where(_a.alias_id == number)).scalar_one_or_none()


def aliases_of(conn: Connection, customer_id: str) -> list[str]:
    """The merged-away numbers that name this customer, in number order."""
    query = select(_a.alias_id).where(_a.customer_id == customer_id).order_by(_a.alias_id)
    return list(conn.execute(query).scalars())


def all_aliases(conn: Connection) -> dict[str, str]:
    """Every alias and the customer it names."""
    return {
        alias: survivor for alias, survivor in conn.execute(select(_a.alias_id, _a.customer_id))
    }


def alias_row(conn: Connection, number: str):
    """The whole alias row of a number (customer_id, merge_id, ...), or None."""
    return conn.execute(select(customer_aliases_table).where(_a.alias_id == number)).first()
