"""Customer numbers merged into another: a command or an import naming one reaches the survivor.

A merge re-points the aliases of the record it removes, so an alias always names a customer
that exists: one look-up, never a chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bankcrm_cli.store.queries import customer_view

if TYPE_CHECKING:
    from sqlalchemy import Connection


def resolve_customer_id(conn: Any, customer_id: str) -> str:
    """The customer a number names now: the survivor for a merged-away number, else itself."""
    survivor = customer_view.alias_survivor(conn, customer_id)
    return survivor if survivor is not None else customer_id


def aliases_of(conn: Any, customer_id: str) -> list[str]:
    """The merged-away numbers that now name this customer, in number order."""
    return customer_view.aliases_of(conn, customer_id)


def alias_map(conn: Connection) -> dict[str, str]:
    """Every alias and its survivor (usually none, or a few): loaded once per import."""
    from bankcrm_cli.store.queries.customer_aliases import all_aliases

    return all_aliases(conn)
