"""The one place a bulk loader's backend is chosen: from the connection's dialect."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table

from bankcrm_cli.store.bulk.base import BulkLoader, LoadSpec, Stamp, table_named
from bankcrm_cli.store.bulk.postgresql import uses_copy


def bulk_loader(
    conn: Connection,
    table: Table | str,
    columns: Sequence[str],
    *,
    key: str | None = None,
    blank: Any = None,
    defaults: Mapping[str, Any] | None = None,
    stamps: Mapping[str, Stamp] | None = None,
) -> BulkLoader:
    """A bulk loader of `table` for this connection's database; `key` defaults to the first
    column."""
    spec = LoadSpec(
        table=table_named(table) if isinstance(table, str) else table,
        columns=tuple(columns),
        key=key or columns[0],
        blank=blank,
        defaults=dict(defaults or {}),
        stamps=dict(stamps or {}),
    )
    if conn.dialect.name == "sqlite":
        from bankcrm_cli.store.bulk.sqlite import SqliteLoader

        return SqliteLoader(conn, spec)
    if uses_copy(conn):
        from bankcrm_cli.store.bulk.postgresql import PostgresqlLoader

        return PostgresqlLoader(conn, spec)
    from bankcrm_cli.store.bulk.core import CoreLoader

    return CoreLoader(conn, spec)
