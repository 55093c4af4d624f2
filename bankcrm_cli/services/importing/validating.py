"""Validating a batch of file rows into records in the store's form, by the domain's rules.

Nothing here touches the database, so it runs in a worker process as well as in the writer;
what it needs to know about the store's columns comes from store/columns.py as plain values.
"""

from __future__ import annotations

from datetime import date

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.services.importing.layout import ABSENT, STORE_FIELDS
from bankcrm_cli.services.importing.messages import Batch, Header, ReadSpec


class _TypedValues:
    """Storage-form records to the typed values SQLAlchemy binds, for databases other than
    SQLite: ISO dates to dates, 1/0 to booleans."""

    def __init__(self, kind: str):
        from bankcrm_cli.store.columns import column_kinds

        convert = {"date": date.fromisoformat, "boolean": bool}
        self.conversions = [
            (i, convert[kind_of])
            for i, kind_of in enumerate(column_kinds(kind, STORE_FIELDS[kind]))
            if kind_of is not None
        ]

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

        from bankcrm_cli.domain.cell_rules import MAX_TEXT_LENGTH
        from bankcrm_cli.store.columns import text_lengths

        lengths = text_lengths(kind)
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
                    found.setdefault(k, f"{name}: " + t("rj.too_long", length=length, count=length))
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
        from bankcrm_cli.store.bulk.storage_form import uses_storage_form

        self.clean = batch_cleaner(
            spec.kind, header.fields, spec.today, excel_dates=header.format == "xlsx"
        )
        self.typed = None if uses_storage_form(spec.dialect) else _TypedValues(spec.kind)
        self.keep_originals = spec.kind == "holdings" or (spec.kind == "customers" and spec.strict)
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
