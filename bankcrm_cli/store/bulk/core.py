"""The portable bulk path: SQLAlchemy Core statements, for a database with no faster one."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, select

from bankcrm_cli.store.bulk.base import LoadSpec, chunks, shaped_rows


class CoreLoader:
    """The bulk loader through SQLAlchemy Core, typed values (see `BulkLoader`)."""

    def __init__(self, conn: Connection, spec: LoadSpec):
        self.conn = conn
        self.spec = spec

    def fetch_by_key(self, keys: Sequence[str]) -> dict[str, tuple]:
        table = self.spec.table
        found: dict[str, tuple] = {}
        position = self.spec.columns.index(self.spec.key)
        wanted = [table.c[name] for name in self.spec.columns]
        for chunk in chunks(keys):
            for row in self.conn.execute(select(*wanted).where(table.c[self.spec.key].in_(chunk))):
                found[row[position]] = tuple(row)
        return found

    def insert(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        names = self.spec.inserted_columns
        params = [dict(zip(names, row, strict=True)) for row in shaped_rows(self.spec, rows)]
        self.conn.execute(self.spec.table.insert(), params)

    def update(self, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        if not rows:
            return
        table = self.spec.table
        statement = (
            table.update()
            .where(table.c[self.spec.key] == bindparam("_key"))
            .values({name: bindparam(name) for name in columns})
        )
        params = [{**dict(zip(columns, row[:-1], strict=True)), "_key": row[-1]} for row in rows]
        self.conn.execute(statement, params)
