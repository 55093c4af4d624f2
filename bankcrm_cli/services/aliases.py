"""Customer numbers merged into another: a command or an import naming one reaches the survivor.

A merge re-points the aliases of the record it removes, so an alias always names a customer
that exists: one look-up, never a chain.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from bankcrm_cli.store.tables import customer_aliases_table


def resolve_customer_id(conn: Connection, customer_id: str) -> str:
    """The customer a number names now: the survivor for a merged-away number, else itself."""
    a = customer_aliases_table.c
    survivor = conn.execute(
        select(a.customer_id).where(a.alias_id == customer_id)
    ).scalar_one_or_none()
    return survivor if survivor is not None else customer_id


def aliases_of(conn: Connection, customer_id: str) -> list[str]:
    """The merged-away numbers that now name this customer, in number order."""
    a = customer_aliases_table.c
    query = select(a.alias_id).where(a.customer_id == customer_id).order_by(a.alias_id)
    return list(conn.execute(query).scalars())


def alias_map(conn: Connection) -> dict[str, str]:
    """Every alias and its survivor (usually none, or a few): loaded once per import."""
    a = customer_aliases_table.c
    return {alias: survivor for alias, survivor in conn.execute(select(a.alias_id, a.customer_id))}
