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
_CONSENT_COLUMNS = tuple(f"consent_{channel}" for channel in CONSENT_CHANNELS)

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
        self.insert_stmt = table.insert()
        self.key_column = table.c[kind.key]

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
        existing = _fetch_existing(self.conn, self.kind.table, key, [r[key] for r in records])
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
        if inserts:
            self._insert(inserts)
        for columns, params in updates.items():
            self.conn.execute(self._update_stmt(columns), params)

    def _new_row(self, columns: dict[str, Any]) -> dict[str, Any]:
        row = {column.name: None for column in self.kind.table.columns}
        row.update(columns)
        row["created_at"] = row["updated_at"] = self.now
        if self.kind.name == "holdings" and row.get("currency") is None:
            row["currency"] = "CNY"
            self.result.currency_defaulted += 1
        if self.kind.name == "customers":
            self._stamp_consent(row, columns)
        return row

    def _stamp_consent(self, target: dict[str, Any], columns: Mapping[str, Any]) -> None:
        if self.kind.name != "customers":
            return
        if any(columns.get(name) is not None for name in _CONSENT_COLUMNS if name in target):
            target["consent_updated_at"] = self.now
            target["consent_source"] = f"import {Path(self.request.path).name}"

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        self.conn.execute(self.insert_stmt, rows)


class _StrictRefusal(Exception):
    """Raised inside the import transaction to roll it back when --strict meets a reject."""


@contextmanager
def _transaction(engine: Engine, read_only: bool) -> Iterator[Connection]:
    """The write transaction for an import; a dry run reads only and takes no write lock."""
    if not read_only:
        with write_transaction(engine) as conn:
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

    kind = _kinds()[request.kind]
    started = _now()
    with open_table(
        request.path, request.kind, encoding=request.encoding, header_map=request.header_map
    ) as table:
        result = ImportResult(
            kind=request.kind,
            file=str(request.path),
            format=table.format,
            encoding=table.encoding,
            unknown_columns=list(table.columns.unknown),
            dry_run=request.dry_run,
        )
        rejects_path = request.rejects_path or request.path.with_name(
            f"{request.path.stem}.rejects.csv"
        )
        clean = _cleaner(request.kind, request.today, excel_dates=table.format == "xlsx")
        pairs = [(name, i) for i, name in enumerate(table.columns.fields) if name is not None]
        key_index = table.columns.fields.index(kind.key)
        width = len(table.header)
        with RejectsWriter(rejects_path, table.header) as rejects:
            try:
                with _transaction(engine, request.dry_run) as conn:
                    writer = _BatchWriter(conn, kind, result, request)
                    seen: dict[str, int] = {}
                    batch: list[dict[str, Any]] = []
                    lines: list[tuple[int, list[object]]] = []
                    for row in table.rows:
                        result.rows += 1
                        values = row.values
                        if len(values) < width:
                            values = values + [""] * (width - len(values))
                        raw_key = _raw_key(values[key_index])
                        first = seen.get(raw_key) if raw_key else None
                        if first is not None:
                            rejects.add(values[:width], f"{kind.key}: duplicate of line {first}")
                            continue
                        if raw_key:
                            seen[raw_key] = row.line
                        try:
                            record = clean({name: values[i] for name, i in pairs})
                        except RowRejected as exc:
                            rejects.add(values[:width], str(exc))
                            continue
                        batch.append(record)
                        lines.append((row.line, values[:width]))
                        if len(batch) >= BATCH_ROWS:
                            _flush(conn, writer, kind, batch, lines, rejects)
                            batch, lines = [], []
                            if progress is not None:
                                progress(table.position(), table.size)
                    if batch:
                        _flush(conn, writer, kind, batch, lines, rejects)
                    if progress is not None:
                        progress(table.size, table.size)
                    result.rejected = rejects.count
                    if request.strict and result.rejected:
                        raise _StrictRefusal
                    if not request.dry_run:
                        _record_run(conn, request, result, started)
                        result.written = True
            except _StrictRefusal:
                # Rolled back by the transaction's context manager: nothing of the file is kept.
                result.strict_refused = True
            result.rejects_file = str(rejects.close()) if rejects.count else None
    return result


def _flush(conn, writer: _BatchWriter, kind: _Kind, batch, lines, rejects) -> None:
    if kind.name == "holdings":
        known = _known_customers(conn, sorted({r["customer_id"] for r in batch}))
        kept = []
        for record, (_line, values) in zip(batch, lines, strict=True):
            if record["customer_id"] in known:
                kept.append(record)
            else:
                rejects.add(
                    values,
                    f"customer_id: unknown customer {record['customer_id']}; "
                    "import the customers first",
                )
        batch = kept
    if batch:
        writer.write(batch)


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
