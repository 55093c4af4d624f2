"""What a bulk import does to the database around its rows, as named steps.

SQLite: a large page cache for the import's connection (index pages of a million-row table
stay in memory); a table that was empty loads without its indexes, which are built once at the
end, inside the same transaction. PostgreSQL: fresh planner statistics after a large write.
"""

from __future__ import annotations

from sqlalchemy import Connection, Index

from bankcrm_cli.store.bulk.base import table_named

IMPORT_CACHE_KIB = 256 * 1024
# Loading an empty table and building its indexes afterwards goes best with SQLite's own small
# cache: the sorter then sorts cache-sized runs and merges them, less work than one huge sort in
# memory, and the load itself needs no page twice.
LOAD_CACHE_KIB = 2000
# Writes that make a table's planner statistics worth refreshing at once: the next import's
# lookups by key should use the index, not a plan made when the table was small.
ANALYZE_MIN_ROWS = 10_000


def use_import_cache(conn: Connection) -> None:
    """Give the import's connection a page cache sized for bulk upserts (SQLite)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")


def defer_indexes(conn: Connection, table_name: str) -> list[Index]:
    """Drop an empty table's indexes for a load, returning them for `rebuild_indexes` (SQLite;
    elsewhere nothing is deferred). Building an index once over a loaded table costs a fraction
    of keeping it up to date row by row."""
    if conn.dialect.name != "sqlite":
        return []
    deferred = sorted(table_named(table_name).indexes, key=lambda index: index.name)
    for index in deferred:
        index.drop(conn)
    conn.exec_driver_sql(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    return deferred


def rebuild_indexes(conn: Connection, deferred: list[Index]) -> None:
    """Build the indexes `defer_indexes` dropped."""
    for index in deferred:
        index.create(conn)


def refresh_statistics(conn: Connection, table_name: str, rows_written: int) -> None:
    """ANALYZE a table after a bulk write of at least ANALYZE_MIN_ROWS rows (PostgreSQL)."""
    if conn.dialect.name == "postgresql" and rows_written >= ANALYZE_MIN_ROWS:
        conn.exec_driver_sql(f'ANALYZE "{table_name}"')
