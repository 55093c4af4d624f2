"""The reading half of an import: file rows to validated records in the store's storage form.

Nothing here touches the database, so it can run in a worker process beside the writer.
Records are tuples in `RecordLayout.fields` order, `...` marking a field the file did not
determine (a blank cell or an absent column leaves the stored value as it is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.fields import CONSENT_CHANNELS

BATCH_ROWS = 5000
# With a worker, every n-th batch goes to the writing process to validate (1 in 3 measured no
# better than 1 in 2 on two cores).
HAND_OVER_EVERY = 2
ABSENT = ...

_CONSENT = tuple(f"consent_{channel}" for channel in CONSENT_CHANNELS)
# What the file can determine, per kind, as store columns.
STORE_FIELDS: dict[str, tuple[str, ...]] = {
    "customers": (
        "customer_id",
        "name",
        "id_number",
        "id_number_raw",
        "gender",
        "birth_date",
        "birth_mmdd",
        "lunar_birthday",
        "phone",
        "email",
        "fax",
        "address",
        "postal_code",
        "branch",
        "rm_code",
        "aum_cents",
        *_CONSENT,
    ),
    "holdings": (
        "account_id",
        "customer_id",
        "product_type",
        "product_name",
        "amount_cents",
        "currency",
        "open_date",
        "maturity_date",
        "auto_rollover",
    ),
    "rms": ("rm_code", "name", "phone", "email", "branch"),
}
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
    # Rows handed over unvalidated (repeats already rejected), for the receiver to validate.
    unvalidated: list[list[object]] = field(default_factory=list)
    rows_read: int = 0
    position: int = 0


def _cents(value: Decimal) -> int:
    return int(value * 100)


def _customer_columns(record: dict[str, Any]) -> dict[str, Any]:
    aum = record.pop("aum", None)
    if aum is not None:
        record["aum_cents"] = _cents(aum)
    birth = record.get("birth_date")
    if birth is not None:
        record["birth_mmdd"] = birth.month * 100 + birth.day
    if "id_number" in record and "id_number_raw" not in record:
        # An 18-digit number replaces any 15-digit one recorded before.
        record["id_number_raw"] = None
    return record


def _holding_columns(record: dict[str, Any]) -> dict[str, Any]:
    amount = record.pop("amount", None)
    if amount is not None:
        record["amount_cents"] = _cents(amount)
    return record


def _cleaner(
    kind: str, fields: list[str | None], today: date, excel_dates: bool
) -> Callable[[list[object]], dict]:
    from bankcrm_cli.domain.records import row_cleaner

    clean = row_cleaner(kind, fields, today, excel_dates=excel_dates)
    if kind == "customers":
        return lambda values: _customer_columns(clean(values))
    if kind == "holdings":
        return lambda values: _holding_columns(clean(values))
    return clean


def _raw_key(value: object) -> str:
    """The key as the cleaners will see it, for spotting repeats even among rejected rows."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""


class _RecordEncoder:
    """Cleaned record dicts to storage-form tuples in STORE_FIELDS order."""

    def __init__(self, kind: str, dialect: str):
        from bankcrm_cli.store.bulk import storage_converter
        from bankcrm_cli.store.tables import customers_table, holdings_table, rms_table

        table = {"customers": customers_table, "holdings": holdings_table, "rms": rms_table}[kind]
        self.fields = STORE_FIELDS[kind]
        self.template = dict.fromkeys(self.fields, ABSENT)
        self.conversions = [
            (i, convert)
            for i, name in enumerate(self.fields)
            if (convert := storage_converter(table, name, dialect)) is not None
        ]

    def encode(self, record: dict[str, Any]) -> tuple:
        row = self.template.copy()
        row.update(record)
        values = list(row.values())
        for i, convert in self.conversions:
            value = values[i]
            if value is not None and value is not ABSENT:
                values[i] = convert(value)
        return tuple(values)


class RowValidator:
    """The rules, then the storage form, for one file's rows; the same on either side."""

    def __init__(self, spec: ReadSpec, header: Header):
        self.clean = _cleaner(
            spec.kind, header.fields, spec.today, excel_dates=header.format == "xlsx"
        )
        self.encode = _RecordEncoder(spec.kind, spec.dialect).encode

    def add(self, batch: Batch, values: list[object]) -> None:
        """Validate one row into `batch`: a record (with its cells if kept), or a reject."""
        try:
            batch.records.append(self.encode(self.clean(values)))
        except RowRejected as exc:
            batch.rejects.append((values, str(exc)))
            return
        if batch.originals is not None:
            batch.originals.append(values)

    def finish(self, batch: Batch) -> Batch:
        """Validate what was handed over unvalidated."""
        for values in batch.unvalidated:
            self.add(batch, values)
        batch.unvalidated = []
        return batch


def read_batches(spec: ReadSpec, hand_over: bool = False) -> Iterator[Header | Batch]:
    """A Header, then Batches until the file ends. Unusable input raises.

    With `hand_over`, every HAND_OVER_EVERY-th batch comes unvalidated (repeats already
    rejected), for the receiving process to validate with its own RowValidator.
    """
    from bankcrm_cli.io.readers import open_table

    key = KEYS[spec.kind]
    keep_originals = spec.kind == "holdings"
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
        # First line of each key: a later repeat is a duplicate, even of a rejected row.
        seen: dict[str, int] = {}
        number = 0
        batch = Batch(originals=[] if keep_originals else None)
        rows_in_batch = 0
        for row in table.rows:
            batch.rows_read += 1
            values = row.values
            missing = width - len(values)
            if missing > 0:
                values = values + [""] * missing
            raw_key = _raw_key(values[key_index])
            if raw_key:
                first = seen.get(raw_key)
                if first is not None:
                    batch.rejects.append((values, f"{key}: duplicate of line {first}"))
                    continue
                seen[raw_key] = row.line
            if hand_over and number % HAND_OVER_EVERY == HAND_OVER_EVERY - 1:
                batch.unvalidated.append(values)
            else:
                validator.add(batch, values)
            rows_in_batch += 1
            if rows_in_batch >= spec.batch_rows:
                batch.position = table.position()
                yield batch
                number += 1
                rows_in_batch = 0
                batch = Batch(originals=[] if keep_originals else None)
        batch.position = table.size
        yield batch
