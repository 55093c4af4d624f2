"""Importing customers, holdings and relationship managers from bank export files.

One file is one transaction: rows are read as a stream, cleaned by the domain rules, and
upserted in batches; any failure rolls the whole file back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, select

from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.store.bulk import BulkInserter
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.tables import (
    customers_table,
    holdings_table,
    import_runs_table,
    rms_table,
)

BATCH_ROWS = 5000
# Portable bound for the number of values in one IN (...) list (SQLite's old limit is 999).
IN_CHUNK = 900
_CONSENT_COLUMNS = frozenset(f"consent_{channel}" for channel in CONSENT_CHANNELS)
# Page cache for the import's connection: index pages of a million-row table stay in memory.
IMPORT_CACHE_KIB = 256 * 1024

ProgressCallback = Callable[[int, int], None]


@dataclass
class ImportRequest:
    """What to import and how; plain values, as parsed by the CLI."""

    kind: str
    path: Path
    today: date
    actor: str
    encoding: str | None = None
    header_map: Mapping[str, str] | None = None
    rejects_path: Path | None = None
    dry_run: bool = False
    strict: bool = False


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a strict refusal, would have done)."""

    kind: str
    file: str
    format: str
    encoding: str | None
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejects_file: str | None = None
    unknown_columns: list[str] = field(default_factory=list)
    currency_defaulted: int = 0
    dry_run: bool = False
    written: bool = False
    strict_refused: bool = False


def _money_cents(value: Decimal) -> int:
    return int(value * 100)


def _now() -> datetime:
    return datetime.now(UTC)


def _customer_columns(record: dict[str, Any]) -> dict[str, Any]:
    """Store columns for a cleaned customer record (only the fields the file determined)."""
    columns = dict(record)
    aum = columns.pop("aum", None)
    if aum is not None:
        columns["aum_cents"] = _money_cents(aum)
    birth = columns.get("birth_date")
    if birth is not None:
        columns["birth_mmdd"] = birth.month * 100 + birth.day
    if "id_number" in columns and "id_number_raw" not in columns:
        # An 18-digit number replaces any 15-digit one recorded before.
        columns["id_number_raw"] = None
    return columns


def _holding_columns(record: dict[str, Any]) -> dict[str, Any]:
    columns = dict(record)
    amount = columns.pop("amount", None)
    if amount is not None:
        columns["amount_cents"] = _money_cents(amount)
    return columns


@dataclass(frozen=True)
class _Kind:
    name: str
    table: Table
    key: str
    to_columns: Callable[[dict[str, Any]], dict[str, Any]]


def _kinds() -> dict[str, _Kind]:
    return {
        "customers": _Kind("customers", customers_table, "customer_id", _customer_columns),
        "holdings": _Kind("holdings", holdings_table, "account_id", _holding_columns),
        "rms": _Kind("rms", rms_table, "rm_code", lambda record: dict(record)),
    }


def _cleaner(kind: str, today: date, excel_dates: bool) -> Callable[[dict[str, Any]], dict]:
    from bankcrm_cli.domain import records

    if kind == "customers":
        return lambda raw: records.clean_customer(raw, today, excel_dates=excel_dates)
    if kind == "holdings":
        return lambda raw: records.clean_holding(raw, today, excel_dates=excel_dates)
    return records.clean_rm


def _raw_key(value: object) -> str:
    """The key as the cleaners will see it, for spotting repeats even among rejected rows."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _fetch_existing(conn: Connection, table: Table, key: str, keys: list[str]) -> dict[str, dict]:
    column = table.c[key]
    found: dict[str, dict] = {}
    for chunk in _chunks(keys, IN_CHUNK):
        for row in conn.execute(select(table).where(column.in_(chunk))).mappings():
            found[row[key]] = dict(row)
    return found


def _known_customers(conn: Connection, ids: list[str]) -> set[str]:
    column = customers_table.c.customer_id
    known: set[str] = set()
    for chunk in _chunks(ids, IN_CHUNK):
        known.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
    return known


class _BatchWriter:
    """Classifies cleaned rows as new, changed or unchanged, and writes them in bulk."""

    def __init__(self, conn: Connection, kind: _Kind, result: ImportResult, request: ImportRequest):
        self.conn = conn
        self.kind = kind
        self.result = result
        self.request = request
        self.now = _now()
        table = kind.table
        self.update_stmt_cache: dict[tuple[str, ...], Any] = {}
        self.inserter = BulkInserter(conn, table)
        self.key_column = table.c[kind.key]
        self.template = {column.name: None for column in table.columns}
        # In a table that was empty when the import began, only this file's rows exist, and
        # repeats within the file are rejected before they get here: nothing to look up.
        self.started_empty = conn.execute(select(self.key_column).limit(1)).first() is None
        self.deferred_indexes = []
        if self.started_empty and not request.dry_run and conn.dialect.name == "sqlite":
            # Building an index once over a loaded table costs a fraction of keeping it up to
            # date row by row; the drop and the rebuild are inside the import's transaction.
            self.deferred_indexes = sorted(table.indexes, key=lambda index: index.name)
            for index in self.deferred_indexes:
                index.drop(conn)

    def finish(self) -> None:
        """Rebuild what was deferred; called once, after the last batch."""
        for index in self.deferred_indexes:
            index.create(self.conn)
        self.deferred_indexes = []

    def _update_stmt(self, columns: tuple[str, ...]):
        stmt = self.update_stmt_cache.get(columns)
        if stmt is None:
            table = self.kind.table
            stmt = (
                table.update()
                .where(self.key_column == bindparam("_key"))
                .values({name: bindparam(name) for name in columns})
            )
            self.update_stmt_cache[columns] = stmt
        return stmt

    def write(self, records: list[dict[str, Any]]) -> None:
        key = self.kind.key
        existing = (
            {}
            if self.started_empty
            else _fetch_existing(self.conn, self.kind.table, key, [r[key] for r in records])
        )
        inserts: list[dict[str, Any]] = []
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for record in records:
            columns = self.kind.to_columns(record)
            old = existing.get(record[key])
            if old is None:
                inserts.append(self._new_row(columns))
                continue
            changed = {name: value for name, value in columns.items() if old.get(name) != value}
            if not changed:
                self.result.unchanged += 1
                continue
            self._stamp_consent(changed, columns)
            changed["updated_at"] = self.now
            changed.pop(key, None)
            params = dict(changed)
            params["_key"] = record[key]
            updates.setdefault(tuple(sorted(changed)), []).append(params)
        self.result.inserted += len(inserts)
        self.result.updated += sum(len(group) for group in updates.values())
        if self.request.dry_run:
            return
        self.inserter.insert(inserts)
        for columns, params in updates.items():
            self.conn.execute(self._update_stmt(columns), params)

    def _new_row(self, columns: dict[str, Any]) -> dict[str, Any]:
        row = self.template.copy()
        row.update(columns)
        row["created_at"] = row["updated_at"] = self.now
        if self.kind.name == "holdings" and row.get("currency") is None:
            row["currency"] = "CNY"
            self.result.currency_defaulted += 1
        if self.kind.name == "customers":
            self._stamp_consent(row, columns)
        return row

    def _stamp_consent(self, target: dict[str, Any], columns: Mapping[str, Any]) -> None:
        if self.kind.name != "customers" or _CONSENT_COLUMNS.isdisjoint(target):
            return
        if any(columns.get(name) is not None for name in _CONSENT_COLUMNS if name in target):
            target["consent_updated_at"] = self.now
            target["consent_source"] = f"import {Path(self.request.path).name}"


class _StrictRefusal(Exception):
    """Raised inside the import transaction to roll it back when --strict meets a reject."""


@contextmanager
def _transaction(engine: Engine, read_only: bool) -> Iterator[Connection]:
    """The write transaction for an import; a dry run reads only and takes no write lock."""
    if not read_only:
        with write_transaction(engine) as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
            yield conn
        return
    with engine.connect() as conn, conn.begin() as transaction:
        yield conn
        transaction.rollback()


def run_import(
    engine: Engine, request: ImportRequest, progress: ProgressCallback | None = None
) -> ImportResult:
    """Import one file; returns the counts. Unusable input raises before anything is written."""
    from bankcrm_cli.io.readers import open_table
    from bankcrm_cli.io.writers import RejectsWriter

    with open_table(
        request.path, request.kind, encoding=request.encoding, header_map=request.header_map
    ) as table:
        rejects_path = request.rejects_path or request.path.with_name(
            f"{request.path.stem}.rejects.csv"
        )
        with RejectsWriter(rejects_path, table.header) as rejects:
            result = _ImportRun(request, table, rejects, progress).run(engine)
            result.rejects_file = str(rejects.close()) if rejects.count else None
    return result


class _ImportRun:
    """One file's rows, streamed through the cleaners into batched writes."""

    def __init__(self, request: ImportRequest, table, rejects, progress: ProgressCallback | None):
        self.request = request
        self.table = table
        self.rejects = rejects
        self.progress = progress
        self.kind = _kinds()[request.kind]
        self.result = ImportResult(
            kind=request.kind,
            file=str(request.path),
            format=table.format,
            encoding=table.encoding,
            unknown_columns=list(table.columns.unknown),
            dry_run=request.dry_run,
        )
        self.clean = _cleaner(request.kind, request.today, excel_dates=table.format == "xlsx")
        self.pairs = [(name, i) for i, name in enumerate(table.columns.fields) if name is not None]
        self.key_index = table.columns.fields.index(self.kind.key)
        self.width = len(table.header)
        # First line of each key seen: a later repeat is a duplicate, even of a rejected row.
        self.seen: dict[str, int] = {}

    def run(self, engine: Engine) -> ImportResult:
        started = _now()
        try:
            with _transaction(engine, self.request.dry_run) as conn:
                self._stream(conn)
                self.result.rejected = self.rejects.count
                if self.request.strict and self.result.rejected:
                    raise _StrictRefusal
                if not self.request.dry_run:
                    _record_run(conn, self.request, self.result, started)
                    self.result.written = True
        except _StrictRefusal:
            # Rolled back by the transaction's context manager: nothing of the file is kept.
            self.result.strict_refused = True
        return self.result

    def _stream(self, conn: Connection) -> None:
        writer = _BatchWriter(conn, self.kind, self.result, self.request)
        batch: list[dict[str, Any]] = []
        originals: list[list[object]] = []
        for row in self.table.rows:
            self.result.rows += 1
            values = self._padded(row.values)
            record = self._clean(row.line, values)
            if record is None:
                continue
            batch.append(record)
            originals.append(values)
            if len(batch) >= BATCH_ROWS:
                self._flush(conn, writer, batch, originals)
                batch, originals = [], []
                if self.progress is not None:
                    self.progress(self.table.position(), self.table.size)
        self._flush(conn, writer, batch, originals)
        writer.finish()
        if self.progress is not None:
            self.progress(self.table.size, self.table.size)

    def _padded(self, values: list[object]) -> list[object]:
        """Short rows padded to the header; extra cells kept, so a reject is written whole."""
        missing = self.width - len(values)
        return values + [""] * missing if missing > 0 else values

    def _clean(self, line: int, values: list[object]) -> dict[str, Any] | None:
        """The cleaned record, or None when the row was rejected (and written to the rejects)."""
        key = _raw_key(values[self.key_index])
        if key:
            first = self.seen.get(key)
            if first is not None:
                self.rejects.add(values, f"{self.kind.key}: duplicate of line {first}")
                return None
            self.seen[key] = line
        try:
            return self.clean({name: values[i] for name, i in self.pairs})
        except RowRejected as exc:
            self.rejects.add(values, str(exc))
            return None

    def _flush(self, conn: Connection, writer: _BatchWriter, batch, originals) -> None:
        if batch and self.kind.name == "holdings":
            batch = self._known_customers_only(conn, batch, originals)
        if batch:
            writer.write(batch)

    def _known_customers_only(self, conn: Connection, batch, originals) -> list[dict[str, Any]]:
        known = _known_customers(conn, sorted({r["customer_id"] for r in batch}))
        kept = []
        for record, values in zip(batch, originals, strict=True):
            if record["customer_id"] in known:
                kept.append(record)
            else:
                self.rejects.add(
                    values,
                    f"customer_id: unknown customer {record['customer_id']}; "
                    "import the customers first",
                )
        return kept


def _record_run(conn: Connection, request: ImportRequest, result: ImportResult, started) -> None:
    conn.execute(
        import_runs_table.insert(),
        {
            "kind": request.kind,
            "file_name": Path(request.path).name,
            "actor": request.actor,
            "started_at": started,
            "finished_at": _now(),
            "inserted": result.inserted,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rejected": result.rejected,
        },
    )
