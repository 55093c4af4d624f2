"""Importing customers, holdings and relationship managers from bank export files.

One file is one transaction: rows are read as a stream, validated by the domain rules, and
upserted in batches; any failure rolls the whole file back. A large file is read and validated
in a worker process while this one writes, so both cores work (import_reading.py is that half).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from bankcrm_cli.domain.errors import CrmError
from bankcrm_cli.memory import cycle_collector_paused
from bankcrm_cli.services import import_reading
from bankcrm_cli.services.import_aliases import MergedNumbers
from bankcrm_cli.services.import_reading import (
    ABSENT,
    KEYS,
    STORE_FIELDS,
    Batch,
    Header,
    ReadSpec,
    read_batches,
)
from bankcrm_cli.store import pg_copy
from bankcrm_cli.store.bulk import (
    BulkInserter,
    BulkUpdater,
    Stamp,
    existing_keys,
    fetch_by_key,
    storage_converter,
)
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.tables import (
    customers_table,
    holdings_table,
    import_runs_table,
    rms_table,
)

# Files at least this large are read and validated in a worker process (below it, start-up
# costs more than it saves).
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
# Page cache for the import's connection: index pages of a million-row table stay in memory.
IMPORT_CACHE_KIB = 256 * 1024
# Loading an empty table and building its indexes afterwards goes best with SQLite's own small
# cache: the sorter then sorts cache-sized runs and merges them, a quarter less work than one
# huge sort in memory, and the load itself needs no page twice.
LOAD_CACHE_KIB = 2000

TABLES = {"customers": customers_table, "holdings": holdings_table, "rms": rms_table}
_CONSENT_FIELDS = frozenset(
    name for name in STORE_FIELDS["customers"] if name.startswith("consent_")
)

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
    format: str = ""
    encoding: str | None = None
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejects_file: str | None = None
    unknown_columns: list[str] = field(default_factory=list)
    currency_defaulted: int = 0
    # Rows of this import whose ID number another customer number already has (or gets).
    duplicates: int | None = None
    # Rows naming a customer number merged into another: they went to the survivor.
    merged_numbers: int = 0
    dry_run: bool = False
    written: bool = False
    strict_refused: bool = False


def _now() -> datetime:
    return datetime.now(UTC)


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


class _Writer:
    """Classifies records as new, changed or unchanged against the store, and writes them."""

    def __init__(self, conn: Connection, request: ImportRequest, result: ImportResult):
        self.conn = conn
        self.request = request
        self.result = result
        self.kind = request.kind
        self.table = TABLES[self.kind]
        self.fields = STORE_FIELDS[self.kind]
        self.key = KEYS[self.kind]
        dialect = conn.dialect.name
        now = _now()
        stamp = storage_converter(self.table, "updated_at", dialect)
        self.now = stamp(now) if stamp else now
        self.source = f"import {Path(request.path).name}"
        self.is_customers = self.kind == "customers"
        self.consent_positions = [
            i for i, name in enumerate(self.fields) if name in _CONSENT_FIELDS
        ]
        self.currency_position = self.fields.index("currency") if self.kind == "holdings" else None
        stamps = {"created_at": Stamp(self.now), "updated_at": Stamp(self.now)}
        if self.is_customers:
            consent = tuple(name for name in self.fields if name in _CONSENT_FIELDS)
            stamps["consent_updated_at"] = Stamp(self.now, when_given=consent)
            stamps["consent_source"] = Stamp(self.source, when_given=consent)
        self.inserter = BulkInserter(
            conn,
            self.table,
            self.fields,
            blank=ABSENT,
            defaults={"currency": "CNY"} if self.kind == "holdings" else None,
            stamps=stamps,
        )
        self.updater = BulkUpdater(conn, self.table, self.key)
        key_column = self.table.c[self.key]
        # In a table that was empty when the import began, only this file's rows exist, and
        # repeats within the file are rejected before they get here: nothing to look up.
        self.started_empty = conn.execute(select(key_column).limit(1)).first() is None
        self.deferred_indexes = []
        if self.started_empty and not request.dry_run and dialect == "sqlite":
            # Building an index once over a loaded table costs a fraction of keeping it up to
            # date row by row; the drop and the rebuild are inside the import's transaction.
            self.deferred_indexes = sorted(self.table.indexes, key=lambda index: index.name)
            for index in self.deferred_indexes:
                index.drop(conn)
            conn.exec_driver_sql(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")

    def write(self, records: list[tuple]) -> None:
        # Records go to the insert as they are: it stores blanks as NULL and adds the stamps.
        inserts: list[tuple] = records
        updates: dict[tuple[int, ...], list[tuple]] = {}
        if not self.started_empty:
            inserts = []
            keys = [r[0] for r in records]
            existing = fetch_by_key(self.conn, self.table, self.key, self.fields, keys)
            for record in records:
                old = existing.get(record[0])
                if old is None:
                    inserts.append(record)
                    continue
                changed = tuple(
                    i for i, value in enumerate(record) if value is not ABSENT and value != old[i]
                )
                if not changed:
                    self.result.unchanged += 1
                    continue
                updates.setdefault(changed, []).append(record)
        self.result.inserted += len(inserts)
        self.result.updated += sum(len(group) for group in updates.values())
        if self.currency_position is not None:
            position = self.currency_position
            self.result.currency_defaulted += sum(1 for r in inserts if r[position] is ABSENT)
        if self.request.dry_run:
            return
        self.inserter.insert(inserts)
        for changed, group in updates.items():
            self._update(changed, group)

    def _consent_given(self, record: tuple, positions) -> bool:
        return any(record[i] is not None and record[i] is not ABSENT for i in positions)

    def _update(self, changed: tuple[int, ...], group: list[tuple]) -> None:
        names = [self.fields[i] for i in changed]
        consent = [i for i in changed if i in self.consent_positions]
        stamped: list[tuple] = []
        plain: list[tuple] = []
        for record in group:
            values = tuple(record[i] for i in changed)
            if consent and self._consent_given(record, consent):
                stamped.append((*values, self.now, self.now, self.source, record[0]))
            else:
                plain.append((*values, self.now, record[0]))
        self.updater.update([*names, "updated_at"], plain)
        self.updater.update([*names, "updated_at", "consent_updated_at", "consent_source"], stamped)

    def finish(self) -> None:
        """Rebuild what was deferred; called once, after the last batch."""
        for index in self.deferred_indexes:
            index.create(self.conn)
        self.deferred_indexes = []
        if not self.request.dry_run:
            written = self.result.inserted + self.result.updated
            pg_copy.refresh_statistics(self.conn, self.table.name, written)


def _produce(spec: ReadSpec, out) -> None:
    """Worker process: read and validate (every other batch is left to the receiver), sending
    the Header, each Batch, then None."""
    try:
        for item in read_batches(spec, hand_over=True):
            out.send_bytes(import_reading.to_message(item))
        out.send_bytes(import_reading.to_message(None))
    except CrmError as exc:
        out.send_bytes(import_reading.to_message(exc))
    except KeyboardInterrupt:
        pass
    except Exception as exc:  # a bug: hand it over whole, so it is not lost with this process
        import traceback

        failed = RuntimeError(f"reading {spec.path} failed:\n{traceback.format_exc()}")
        out.send_bytes(import_reading.to_message(failed))
        raise SystemExit(1) from exc
    finally:
        out.close()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _receive(reader, worker, spec: ReadSpec):
    """The worker's next message. Its death, even half-way through a message, ends the
    import with an error instead of a wait: this process holds no copy of the pipe's
    writing end, so a dead worker means end-of-file."""
    from multiprocessing.connection import wait

    stopped = CrmError(f"reading {spec.path} stopped unexpectedly; nothing was imported")
    while True:
        ready = wait([reader, worker.sentinel], timeout=1.0)
        if reader in ready:
            try:
                item = import_reading.from_message(reader.recv_bytes())
            except (EOFError, OSError):  # OSError: it died half-way through a message
                raise stopped from None
            if isinstance(item, BaseException):
                raise item
            return item
        if worker.sentinel in ready:
            raise stopped


def _batches(spec: ReadSpec, parallel: bool) -> Iterator[Header | Batch]:
    """A Header, then validated Batches in file order, from a worker process or this one."""
    if not parallel:
        yield from read_batches(spec)
        return
    context = multiprocessing.get_context("fork")
    # One-way pipe: the worker blocks while the writer is behind, which keeps memory flat.
    reader, writer = context.Pipe(duplex=False)
    worker = context.Process(target=_produce, args=(spec, writer), daemon=True)
    worker.start()
    writer.close()
    try:
        validator = None
        while (item := _receive(reader, worker, spec)) is not None:
            if isinstance(item, Header):
                validator = import_reading.RowValidator(spec, item)
            elif item.unvalidated:
                validator.finish(item)
            yield item
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        reader.close()


def run_import(
    engine: Engine, request: ImportRequest, progress: ProgressCallback | None = None
) -> ImportResult:
    """Import one file; returns the counts. Unusable input raises and nothing is written."""

    spec = ReadSpec(
        kind=request.kind,
        path=request.path,
        today=request.today,
        dialect=engine.dialect.name,
        encoding=request.encoding,
        header_map=request.header_map,
        batch_rows=import_reading.BATCH_ROWS,
    )
    parallel = _can_fork() and _file_size(request.path) >= PARALLEL_MIN_BYTES
    result = ImportResult(kind=request.kind, file=str(request.path), dry_run=request.dry_run)
    with cycle_collector_paused():
        _import(engine, request, spec, parallel, result, progress)
    return result


def _import(engine, request, spec, parallel, result, progress) -> None:
    from bankcrm_cli.io.writers import RejectsWriter

    messages = _batches(spec, parallel)
    try:
        header = next(messages)
        result.format, result.encoding = header.format, header.encoding
        result.unknown_columns = header.unknown_columns
        rejects_path = request.rejects_path or request.path.with_name(
            f"{request.path.stem}.rejects.csv"
        )
        with RejectsWriter(rejects_path, header.header) as rejects:
            _run(engine, request, result, messages, rejects, header.size, progress)
            result.rejects_file = str(rejects.close()) if rejects.count else None
    finally:
        messages.close()


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _run(engine, request, result, messages, rejects, size, progress) -> None:
    started = _now()
    try:
        with _transaction(engine, request.dry_run) as conn:
            writer = _Writer(conn, request, result)
            merged = MergedNumbers(conn, request.kind)
            for batch in messages:
                result.rows += batch.rows_read
                for values, reason in batch.rejects:
                    rejects.add(values, reason)
                merged.remap(batch)
                records = batch.records
                if request.kind == "holdings" and records:
                    records = _known_customers_only(conn, batch, rejects)
                if records:
                    writer.write(records)
                if progress is not None:
                    progress(batch.position, size)
            merged.flush(writer)
            result.merged_numbers = merged.rows
            writer.finish()
            if request.kind == "customers" and not request.dry_run:
                # Into an empty table every row is this import's: look at the whole table
                # rather than through the index on when rows changed.
                since = None if writer.started_empty else started
                refresh_lunar_keys(conn, changed_since=since)
                result.duplicates = count_shared_id_numbers(conn, changed_since=since)
            if request.kind == "holdings" and not request.dry_run:
                # Changes are recorded by a trigger as they happen; openings are recorded here.
                from bankcrm_cli.services.holding_history import record_opened_holdings

                record_opened_holdings(conn, since=started)
            result.rejected = rejects.count
            if request.strict and result.rejected:
                raise _StrictRefusal
            if not request.dry_run:
                _record_run(conn, request, result, started)
                result.written = True
    except _StrictRefusal:
        # Rolled back by the transaction's context manager: nothing of the file is kept.
        result.strict_refused = True


def refresh_lunar_keys(conn: Connection, changed_since: datetime | None = None) -> int:
    """Set the lunar birthday key of lunar-birthday customers whose key is missing or stale,
    and clear it elsewhere; only rows changed since `changed_since` if given (an import's own
    rows: the others were kept right when they last changed). Returns how many rows changed."""
    from sqlalchemy import and_, or_, update

    from bankcrm_cli.domain.birthdays import LUNAR_FIRST_DAY, LUNAR_LAST_DAY, lunar_mmdd_lookup

    c = customers_table.c
    recent = [] if changed_since is None else [c.updated_at >= changed_since]
    cleared = conn.execute(
        update(customers_table)
        .where(c.lunar_mmdd.is_not(None), *recent)
        .where(or_(c.lunar_birthday.is_not(True), c.birth_date.is_(None)))
        .values(lunar_mmdd=None)
    ).rowcount
    rows = conn.execute(
        select(c.customer_id, c.birth_date, c.lunar_mmdd).where(
            and_(c.lunar_birthday.is_(True), c.birth_date.is_not(None)), *recent
        )
    ).all()
    changes = []
    lunar_mmdd = lunar_mmdd_lookup(len(rows))
    for customer_id, born, stored in rows:
        key = lunar_mmdd(born) if LUNAR_FIRST_DAY <= born <= LUNAR_LAST_DAY else None
        if key != stored:
            changes.append({"_id": customer_id, "key": key})
    if changes:
        from sqlalchemy import bindparam

        conn.execute(
            update(customers_table)
            .where(c.customer_id == bindparam("_id"))
            .values(lunar_mmdd=bindparam("key")),
            changes,
        )
    return cleared + len(changes)


def count_shared_id_numbers(conn: Connection, changed_since: datetime | None) -> int:
    """How many customers changed since then (or at all, given None) share their ID number with
    another customer number: candidates for `crm customers duplicates` and merging."""
    from sqlalchemy import func

    c = customers_table.c
    shared = (
        select(c.id_number)
        .where(c.id_number.is_not(None))
        .group_by(c.id_number)
        .having(func.count() > 1)
    )
    if changed_since is None:
        sharing = shared.with_only_columns(func.count().label("n")).subquery()
        # int(): PostgreSQL sums a bigint count into numeric, which arrives as a Decimal
        return int(conn.execute(select(func.coalesce(func.sum(sharing.c.n), 0))).scalar_one())
    query = (
        select(func.count())
        .select_from(customers_table)
        .where(c.updated_at >= changed_since, c.id_number.in_(shared))
    )
    return conn.execute(query).scalar_one()


def _known_customers_only(conn: Connection, batch: Batch, rejects) -> list[tuple]:
    """Holdings whose customer exists; the others are rejected with their original cells."""
    position = STORE_FIELDS["holdings"].index("customer_id")
    wanted = sorted({record[position] for record in batch.records})
    known = existing_keys(conn, customers_table, "customer_id", wanted)
    kept = []
    for record, values in zip(batch.records, batch.originals, strict=True):
        if record[position] in known:
            kept.append(record)
        else:
            rejects.add(
                values,
                f"customer_id: unknown customer {record[position]}; import the customers first",
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
