"""Customer numbers merged into another: a command or an import naming one reaches the survivor.

A merge re-points the aliases of the record it removes, so an alias always names a customer
that exists: one look-up, never a chain.
"""

from __future__ import annotations

from sqlalchemy import Connection

from bankcrm_cli.store.queries import customer_aliases as queries


def resolve_customer_id(conn: Connection, customer_id: str) -> str:
    """The customer a number names now: the survivor for a merged-away number, else itself."""
    survivor = queries.alias_survivor(conn, customer_id)
    return survivor if survivor is not None else customer_id


def aliases_of(conn: Connection, customer_id: str) -> list[str]:
    """The merged-away numbers that now name this customer, in number order."""
    return queries.aliases_of(conn, customer_id)


def alias_map(conn: Connection) -> dict[str, str]:
    """Every alias and its survivor (usually none, or a few): loaded once per import."""
    return queries.all_aliases(conn)
