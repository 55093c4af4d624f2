"""Moving customers from one RM's book to another's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, update

from bankcrm_cli.store.tables import customers_table

_c = customers_table.c


def reassign_customers(
    conn: Connection,
    from_rm: str,
    to_rm: str,
    customer_ids: Sequence[str] | None,
    at: datetime,
) -> list[str]:
    """Give FROM's customers (or only those named) to TO; returns the numbers moved."""
    query = (
        update(customers_table).where(_c.rm_code == from_rm).values(rm_code=to_rm, updated_at=at)
    )
    if customer_ids is not None:
        query = query.where(_c.customer_id.in_(list(customer_ids)))
    return sorted(conn.execute(query.returning(_c.customer_id)).scalars())
