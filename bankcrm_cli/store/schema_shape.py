"""The shape of a SQLite store's schema, read from SQLite's own catalogue, and the shape each
crm schema revision has (built by this crm's migrations), so a file can be compared with it.

A shape is structural: tables and their columns (name, type, nullability, default, primary
key), CHECK clauses and foreign keys; indexes by table, uniqueness and columns; triggers and
views by their SQL with whitespace, quoting and case made uniform.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

# One entry of a shape: (kind, table, name) → what it is, comparable with ==.
Key = tuple[str, str, str]

_QUOTES = re.compile(r'["`\[\]]')
_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([(),;=<>+*/-])\s*")


def normalised_sql(sql: str | None) -> str:
    """SQL with whitespace, identifier quoting and letter case made uniform."""
    text = _SPACE.sub(" ", _QUOTES.sub("", sql or "")).strip().lower()
    return _AROUND_PUNCTUATION.sub(r"\1", text)


@dataclass(frozen=True)
class SchemaShape:
    """What a store's schema is made of; `parts` maps (kind, table, name) to its description."""

    parts: dict[Key, object] = field(default_factory=dict)


def _checks(sql: str) -> tuple[str, ...]:
    """The CHECK clauses of a table's (normalised) SQL, in order."""
    found = []
    for match in re.finditer(r"\bcheck\(", sql):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            if depth == 0:
                break
        found.append(sql[match.start() : end + 1])
    return tuple(found)


def _table_parts(conn: sqlite3.Connection, table: str, sql: str) -> dict[Key, object]:
    parts: dict[Key, object] = {("table", table, table): _checks(normalised_sql(sql))}
    for _cid, name, kind, notnull, default, pk in conn.execute(
        "SELECT * FROM pragma_table_info(?)", (table,)
    ):
        parts["column", table, name] = (kind.upper(), bool(notnull), default, pk)
    keys = conn.execute("SELECT * FROM pragma_foreign_key_list(?)", (table,)).fetchall()
    if keys:
        # (id, seq, table, from, to, on_update, on_delete, match) without the numbering
        parts["foreign keys", table, table] = sorted(tuple(row[2:]) for row in keys)
    for _seq, name, unique, origin, partial in conn.execute(
        "SELECT * FROM pragma_index_list(?)", (table,)
    ):
        columns = tuple(
            (column, bool(desc), coll)
            for _seqno, _cid, column, desc, coll, key in conn.execute(
                "SELECT * FROM pragma_index_xinfo(?)", (name,)
            )
            if key
        )
        parts["index", table, name] = (bool(unique), origin, bool(partial), columns)
    return parts


def read_schema_shape(path: Path) -> SchemaShape:
    """The shape of the schema of the SQLite file at `path`, read-only."""
    parts: dict[Key, object] = {}
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        catalogue = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for kind, name, table, sql in catalogue:
            if kind == "table":
                parts.update(_table_parts(conn, name, sql))
            elif kind in ("trigger", "view"):
                parts[kind, table, name] = normalised_sql(sql)
            # Indexes are read with their tables (pragma_index_list), automatic ones included.
    return SchemaShape(parts)


_REFERENCES: dict[str, SchemaShape] = {}


def revision_shape(revision: str) -> SchemaShape:
    """The shape a store has at `revision`: a store built by this crm's migrations, in a
    temporary file."""
    if revision not in _REFERENCES:
        from bankcrm_cli.store import migrate
        from bankcrm_cli.store.engine import make_engine

        with tempfile.TemporaryDirectory(prefix="crm-schema-") as folder:
            path = Path(folder) / "reference.sqlite3"
            engine = make_engine(f"sqlite:///{path}")
            try:
                migrate.upgrade(engine, revision)
            finally:
                engine.dispose()
            _REFERENCES[revision] = read_schema_shape(path)
    return _REFERENCES[revision]
