"""RM codes as stored, and renaming one to its normal form (`crm db upgrade`)."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from bankcrm_cli.store.tables import customers_table, rms_table


def customer_rm_codes(conn: Connection) -> list[str]:
    """Every RM code customers name, once each."""
    c = customers_table.c
    return list(conn.scalars(select(c.rm_code).where(c.rm_code.is_not(None)).distinct()))


def rm_codes(conn: Connection) -> list[str]:
    """Every RM's code."""
    return list(conn.scalars(select(rms_table.c.rm_code)))


def rename_customers_rm_code(conn: Connection, old: str, new: str) -> int:
    """Customers naming `old` name `new` instead; returns how many."""
    c = customers_table.c
    return conn.execute(
        update(customers_table).where(c.rm_code == old).values(rm_code=new)
    ).rowcount


def rename_rm(conn: Connection, old: str, new: str) -> int:
    """The RM stored as `old` is stored as `new` (which must be free); returns 1 or 0."""
    return conn.execute(
        update(rms_table).where(rms_table.c.rm_code == old).values(rm_code=new)
    ).rowcount
