"""Importing customers, holdings and relationship managers from bank export files.

One file is one transaction: rows are read as a stream, validated by the domain rules, and
upserted in batches; any failure rolls the whole file back. A large file is read and validated
in a worker process while this one writes (worker.py), so both cores work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.memory import cycle_collector_paused
from bankcrm_cli.services.importing import reading, worker
from bankcrm_cli.services.importing.aliases import MergedNumbers
from bankcrm_cli.services.importing.customer_totals import CustomerTotals
from bankcrm_cli.services.importing.layout import STORE_FIELDS
from bankcrm_cli.services.importing.lunar_keys import refresh_lunar_keys
from bankcrm_cli.services.importing.messages import Batch, ReadSpec
from bankcrm_cli.services.importing.request import ImportRequest, ImportResult, ProgressCallback
from bankcrm_cli.services.importing.rm_check import UnknownRms
from bankcrm_cli.services.importing.writer import RecordWriter
from bankcrm_cli.store.bulk import tuning
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries.importing import (
    count_shared_id_numbers,
    existing_customer_ids,
    insert_import_run,
)
from bankcrm_cli.store.queries.value_history import (
    holdings_imported_before,
    insert_opened_holdings,
)


def _now() -> datetime:
    return datetime.now(UTC)


class _StrictRefusal(Exception):
    """Raised inside the import transaction to roll it back when --strict meets a reject."""


def run_import(
    engine: Engine, request: ImportRequest, progress: ProgressCallback | None = None
) -> ImportResult:
    """Import one file; returns the counts. Unusable input raises and nothing is written."""
    from bankcrm_cli.io.outputs import guard_input

    # A FIFO would be read forever; and no output (the rejects file) may replace the input.
    guard_input(request.path, "import_file")
    spec = ReadSpec(
        kind=request.kind,
        path=request.path,
        today=request.today,
        dialect=engine.dialect.name,
        batch_rows=reading.BATCH_ROWS,
        encoding=request.encoding,
        header_map=request.header_map,
        strict=request.strict,
    )
    parallel = worker.worth_a_worker(request.path)
    result = ImportResult(kind=request.kind, file=str(request.path), dry_run=request.dry_run)
    # Imported rows are hundreds of thousands of new objects, none in a cycle: the collector
    # would scan them again and again for nothing.
    with cycle_collector_paused():
        _import(engine, request, spec, parallel, result, progress)
    return result


def _import(engine, request, spec, parallel, result, progress) -> None:
    from bankcrm_cli.io.writers import RejectsWriter

    messages = worker.batches(spec, parallel)
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


@contextmanager
def _transaction(engine: Engine, read_only: bool) -> Iterator[Connection]:
    """The write transaction for an import; a dry run reads only and takes no write lock."""
    if not read_only:
        with write_transaction(engine) as conn:
            tuning.use_import_cache(conn)
            yield conn
        return
    with engine.connect() as conn, conn.begin() as transaction:
        yield conn
        transaction.rollback()


def _run(engine, request, result, messages, rejects, size, progress) -> None:
    started = _now()
    try:
        with _transaction(engine, request.dry_run) as conn:
            writer = RecordWriter(conn, request, result)
            _write_batches(conn, request, result, writer, messages, rejects, size, progress)
            writer.finish()
            if not request.dry_run:
                _after_write(conn, request, result, writer, started)
            result.rejected = rejects.count
            if request.strict and result.rejected:
                raise _StrictRefusal
            if not request.dry_run:
                _record_run(conn, request, result, started)
                result.written = True
    except _StrictRefusal:
        # Rolled back by the transaction's context manager: nothing of the file is kept.
        result.strict_refused = True


def _write_batches(conn, request, result, writer, messages, rejects, size, progress) -> None:
    """Every batch's rejects to the rejects file, its records to the store."""
    merged = MergedNumbers(conn, request.kind)
    totals = CustomerTotals(conn, writer.started_empty)
    unknown_rms = UnknownRms(conn, request.kind, request.strict)
    for batch in messages:
        result.rows += batch.rows_read
        for values, reason in batch.rejects:
            rejects.add(values, reason)
        unknown_rms.check(batch, rejects)
        merged.remap(batch)
        records = batch.records
        if request.kind == "holdings" and records:
            rows = _known_customers_only(conn, batch, rejects)
            records = totals.within_range(rows, rejects)
        if records:
            writer.write(records)
        if progress is not None:
            progress(batch.position, size)
    merged.flush(writer)
    result.merged_numbers = merged.rows
    result.unknown_rms, result.unknown_rm_codes = unknown_rms.rows, sorted(unknown_rms.codes)


def _after_write(
    conn: Connection,
    request: ImportRequest,
    result: ImportResult,
    writer: RecordWriter,
    started: datetime,
) -> None:
    """What the written rows imply: customers' lunar keys and shared ID numbers, holdings'
    openings (their changes are recorded by a trigger as they happen)."""
    if request.kind == "customers":
        # Into an empty table every row is this import's: look at the whole table rather than
        # through the index on when rows changed.
        since = None if writer.started_empty else started
        refresh_lunar_keys(conn, changed_since=since)
        result.duplicates = count_shared_id_numbers(conn, changed_since=since)
    if request.kind == "holdings":
        _record_opened_holdings(conn, since=started)


def _record_opened_holdings(conn: Connection, since: datetime) -> int:
    """Record the holdings an import opened (created since `since`), in its transaction.

    The first holdings import of a store records nothing: its rows are where history starts.
    """
    if not holdings_imported_before(conn, since):
        return 0
    return insert_opened_holdings(conn, since)


def _known_customers_only(conn: Connection, batch: Batch, rejects) -> list[tuple[tuple, list]]:
    """(record, original cells) of holdings whose customer exists; the others are rejected
    with their original cells."""
    position = STORE_FIELDS["holdings"].index("customer_id")
    wanted = sorted({record[position] for record in batch.records})
    known = existing_customer_ids(conn, wanted)
    kept = []
    for record, values in zip(batch.records, batch.originals, strict=True):
        if record[position] in known:
            kept.append((record, values))
        else:
            rejects.add(
                values,
                "customer_id: " + t("rj.unknown_customer", customer=record[position]),
            )
    return kept


def _record_run(conn: Connection, request: ImportRequest, result: ImportResult, started) -> None:
    insert_import_run(
        conn,
        kind=request.kind,
        file_name=Path(request.path).name,
        actor=request.actor,
        started_at=started,
        finished_at=_now(),
        counts={
            "inserted": result.inserted,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rejected": result.rejected,
        },
    )
