"""The reading half of an import: file rows to validated records in the store's storage form.

Nothing here touches the database, so it can run in a worker process beside the writer.
Records are tuples in `STORE_FIELDS` order, ABSENT marking a field the file did not determine
(a blank cell or an absent column leaves the stored value as it is).
"""

from __future__ import annotations

import marshal
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from bankcrm_cli.domain.records import ABSENT, RECORD_FIELDS

BATCH_ROWS = 5000
# With a worker, every n-th batch goes to the writing process to validate; 0: none does.
# 1 in 2 keeps both processes busy on two cores (1 in 3 left the writer waiting longer).
HAND_OVER_EVERY = 2

# What the file can determine, per kind, as store columns.
STORE_FIELDS: dict[str, tuple[str, ...]] = RECORD_FIELDS
KEYS: dict[str, str] = {"customers": "customer_id", "holdings": "account_id", "rms": "rm_code"}


@dataclass(frozen=True)
class ReadSpec:
    """Everything the reading half needs; plain values, so it crosses a process boundary."""

    kind: str
    path: Path
    today: date
    dialect: str
    encoding: str | None = None
    header_map: Mapping[str, str] | None = None
    batch_rows: int = BATCH_ROWS


@dataclass
class Header:
    """First message of a read: what the file is."""

    format: str
    encoding: str | None
    header: list[str]
    unknown_columns: list[str]
    size: int
    fields: list[str | None] = field(default_factory=list)


@dataclass
class Batch:
    """Validated records, and the rows rejected on the way, in file order."""

    records: list[tuple] = field(default_factory=list)
    # The file's cells for each record: kept only where the writer may still reject the row.
    originals: list[list[object]] | None = None
    rejects: list[tuple[list[object], str]] = field(default_factory=list)
    # Rows not validated yet (repeats already rejected), for whichever process validates them,
    # and for each of `rejects`, how many of these rows came before it in the file.
    unvalidated: list[list[object]] = field(default_factory=list)
    reject_positions: list[int] = field(default_factory=list)
    rows_read: int = 0
    position: int = 0


_BATCH_FIELDS = tuple(f.name for f in fields(Batch))


def to_message(item: Header | Batch | BaseException | None) -> bytes:
    """One message of a worker's stream. A Batch of plain values goes by marshal, which writes
    and reads it several times faster than pickle; anything else by pickle."""
    if isinstance(item, Batch):
        try:
            return b"m" + marshal.dumps(tuple(getattr(item, name) for name in _BATCH_FIELDS))
        except ValueError:  # typed values (dates) for databases other than SQLite
            pass
    return b"p" + pickle.dumps(item, pickle.HIGHEST_PROTOCOL)


def from_message(data: bytes) -> Header | Batch | BaseException | None:
    """What `to_message` sent."""
    body = memoryview(data)[1:]
    if data[:1] == b"m":
        return Batch(**dict(zip(_BATCH_FIELDS, marshal.loads(body), strict=True)))
    return pickle.loads(body)


def _raw_key(value: object) -> str:
    """The key as the cleaners will see it, for spotting repeats even among rejected rows."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""


class _TypedValues:
    """Storage-form records to the typed values SQLAlchemy binds, for databases other than
    SQLite: ISO dates to dates, 1/0 to booleans."""

    def __init__(self, kind: str):
        from sqlalchemy import Boolean, Date

        from bankcrm_cli.store.tables import customers_table, holdings_table, rms_table

        table = {"customers": customers_table, "holdings": holdings_table, "rms": rms_table}[kind]
        self.conversions = []
        for i, name in enumerate(STORE_FIELDS[kind]):
            kind_of = table.c[name].type
            if isinstance(kind_of, Date):
                self.conversions.append((i, date.fromisoformat))
            elif isinstance(kind_of, Boolean):
                self.conversions.append((i, bool))

    def convert(self, record: tuple) -> tuple:
        values = list(record)
        for i, convert in self.conversions:
            value = values[i]
            if value is not None and value is not ABSENT:
                values[i] = convert(value)
        return tuple(values)


# Fields whose rules already bound their length: ID numbers, mobiles, postal codes, genders,
# currency codes and product types are normalised to a fixed form or rejected.
_BOUNDED_BY_FORMAT = {
    "customers": {"id_number", "id_number_raw", "gender", "phone", "postal_code"},
    "holdings": {"product_type", "currency"},
}


class _ColumnLimits:
    """Text longer than its store column holds (a 64-character customer number, a 32-character
    RM code) is rejected, on every store alike: SQLite would keep it, PostgreSQL would refuse
    the whole file. Columns as long as the domain's own text limit need no check here."""

    def __init__(self, kind: str):
        from operator import itemgetter

        from bankcrm_cli.domain.records import MAX_TEXT_LENGTH
        from bankcrm_cli.store.tables import customers_table, holdings_table, rms_table

        table = {"customers": customers_table, "holdings": holdings_table, "rms": rms_table}[kind]
        lengths = {column.name: getattr(column.type, "length", None) for column in table.c}
        bounded = _BOUNDED_BY_FORMAT.get(kind, ())
        self.checks = [
            (i, name, itemgetter(i), lengths[name])
            for i, name in enumerate(STORE_FIELDS[kind])
            if isinstance(lengths[name], int)
            and lengths[name] < MAX_TEXT_LENGTH
            and name not in bounded
        ]

    def too_long(self, records: list[tuple]) -> dict[int, str]:
        """Which records (by position) hold a value too long for its column, and why."""
        found: dict[int, str] = {}
        for i, name, value_of, length in self.checks:
            # The longest value of the column first, at C speed; rows only if one is too long.
            try:
                longest = max(map(len, map(value_of, records)), default=0)
            except TypeError:  # a None among them
                longest = max(map(len, filter(None, map(value_of, records))), default=0)
            if longest <= length:
                continue
            for k, record in enumerate(records):
                value = record[i]
                if value and len(value) > length:
                    found.setdefault(k, f"{name}: longer than {length} characters")
        return found


def _refuse_records(
    rows: list, records: list[tuple], refused: list[tuple[int, str]], more: dict[int, str]
) -> tuple[list[tuple], list[tuple[int, str]]]:
    """Move the records at positions `more` to the refused rows (by row position)."""
    dropped = {j for j, _ in refused}
    accepted = [j for j in range(len(rows)) if j not in dropped]
    refused = [*refused, *((accepted[k], reason) for k, reason in more.items())]
    return [record for k, record in enumerate(records) if k not in more], refused


class RowValidator:
    """The rules, in the store's form, for one file's rows; the same on either side."""

    def __init__(self, spec: ReadSpec, header: Header):
        from bankcrm_cli.domain.records import batch_cleaner
        from bankcrm_cli.store.bulk import uses_storage_form

        self.clean = batch_cleaner(
            spec.kind, header.fields, spec.today, excel_dates=header.format == "xlsx"
        )
        self.typed = None if uses_storage_form(spec.dialect) else _TypedValues(spec.kind)
        self.keep_originals = spec.kind == "holdings"
        self.limits = _ColumnLimits(spec.kind)

    def finish(self, batch: Batch) -> Batch:
        """Validate the batch's rows into records and rejects, keeping file order."""
        rows = batch.unvalidated
        records, refused = self.clean(rows)
        if too_long := self.limits.too_long(records):
            records, refused = _refuse_records(rows, records, refused, too_long)
        if self.typed is not None:
            records = [self.typed.convert(record) for record in records]
        batch.records = records
        if self.keep_originals:
            if refused:
                dropped = {j for j, _ in refused}
                batch.originals = [values for j, values in enumerate(rows) if j not in dropped]
            else:
                batch.originals = rows
        if refused:
            batch.rejects = _in_file_order(batch, refused)
        batch.unvalidated = []
        batch.reject_positions = []
        return batch


def _in_file_order(batch: Batch, refused: list[tuple[int, str]]) -> list[tuple[list, str]]:
    """The batch's repeats and its refused rows, merged back into file order."""
    rows = batch.unvalidated
    merged = [
        ((position, 0), reject)
        for position, reject in zip(batch.reject_positions, batch.rejects, strict=True)
    ]
    merged += [((j, 1), (rows[j], reason)) for j, reason in refused]
    merged.sort(key=lambda item: item[0])
    return [reject for _, reject in merged]


def read_batches(spec: ReadSpec, hand_over: bool = False) -> Iterator[Header | Batch]:
    """A Header, then Batches until the file ends. Unusable input raises.

    With `hand_over`, every HAND_OVER_EVERY-th batch comes unvalidated (repeats already
    rejected), for the receiving process to validate with its own RowValidator.
    """
    from bankcrm_cli.io.readers import open_table

    key = KEYS[spec.kind]
    with open_table(
        spec.path, spec.kind, encoding=spec.encoding, header_map=spec.header_map
    ) as table:
        header = Header(
            format=table.format,
            encoding=table.encoding,
            header=list(table.header),
            unknown_columns=list(table.columns.unknown),
            size=table.size,
            fields=list(table.columns.fields),
        )
        yield header
        validator = RowValidator(spec, header)
        key_index = header.fields.index(key)
        width = len(table.header)
        every = HAND_OVER_EVERY if hand_over else 0
        # First line of each key: a later repeat is a duplicate, even of a rejected row.
        first_line = {}.setdefault
        batch_rows = spec.batch_rows
        number = 0
        batch = Batch()
        rows = batch.unvalidated
        for row in table.rows:
            values = row.values
            if len(values) < width:
                values = values + [""] * (width - len(values))
            raw_key = values[key_index]
            raw_key = raw_key.strip() if raw_key.__class__ is str else _raw_key(raw_key)
            if raw_key:
                line = row.line
                first = first_line(raw_key, line)
                if first != line:
                    batch.rejects.append((values, f"{key}: duplicate of line {first}"))
                    batch.reject_positions.append(len(rows))
                    batch.rows_read += 1
                    continue
            rows.append(values)
            if len(rows) >= batch_rows:
                batch.rows_read += len(rows)
                batch.position = table.position()
                number += 1
                # Let go of the batch's rows before handing it on: cells referenced once are
                # what marshal writes fastest (it tracks every object referenced twice).
                full, batch = batch, Batch()
                rows = batch.unvalidated
                yield full if every and number % every == 0 else validator.finish(full)
        batch.rows_read += len(rows)
        batch.position = table.size
        yield validator.finish(batch)
