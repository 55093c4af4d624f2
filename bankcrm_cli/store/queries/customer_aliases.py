"""Reading customer aliases: merged-away numbers and the customer each names now."""

from __future__ import annotations

from sqlalchemy import Connection, select

from bankcrm_cli.store.tables import customer_aliases_table

_a = customer_aliases_table.c


def all_aliases(conn: Connection) -> dict[str, str]:
    """Every alias and the customer it names."""
    return {
        alias: survivor for alias, survivor in conn.execute(select(_a.alias_id, _a.customer_id))
    }


def alias_row(conn: Connection, number: str):
    """The whole alias row of a number (customer_id, merge_id, ...), or None."""
    return conn.execute(select(customer_aliases_table).where(_a.alias_id == number)).first()
