"""One row (or one ID number) at a time through the import's rules, with typed values.

The import only ever cleans whole batches (`batch_cleaner`, `id_parts`); these helpers let the
rule tests state each case as one value in, typed values out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bankcrm_cli.domain.cell_rules import CONSENT_FIELDS
from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.identity import id_parts
from bankcrm_cli.domain.records import ABSENT, RECORD_FIELDS, batch_cleaner

_CENT = Decimal("0.01")
_DATE_FIELDS = frozenset({"birth_date", "open_date", "maturity_date"})
_YES_NO_FIELDS = frozenset({"lunar_birthday", "auto_rollover", *CONSENT_FIELDS})
_KEY_FIELDS = frozenset({"birth_mmdd", "lunar_mmdd"})


def _typed(kind: str, record: tuple) -> dict[str, object]:
    """A record's values by field name as the domain types them (Decimal amounts under their
    file names), leaving out blanks and the derived keys."""
    out: dict[str, object] = {}
    for name, value in zip(RECORD_FIELDS[kind], record, strict=True):
        if value is ABSENT or name in _KEY_FIELDS:
            continue
        if name == "id_number_raw":
            if value is not None:
                out[name] = value
        elif name in _DATE_FIELDS:
            out[name] = date.fromisoformat(value)
        elif name in _YES_NO_FIELDS:
            out[name] = bool(value)
        elif name.endswith("_cents"):
            out[name.removesuffix("_cents")] = (Decimal(value) / 100).quantize(_CENT)
        else:
            out[name] = value
    return out


def row_cleaner(
    kind: str, fields: Sequence[str | None], today: date | None, *, excel_dates: bool = False
) -> Callable[[Sequence[object]], dict[str, object]]:
    """`batch_cleaner` one row at a time, giving typed values by field name; a refused row
    raises RowRejected."""
    clean = batch_cleaner(kind, fields, today, excel_dates=excel_dates)

    def clean_row(values: Sequence[object]) -> dict[str, object]:
        records, refused = clean([values])
        if refused:
            raise RowRejected(refused[0][1])
        return _typed(kind, records[0])

    return clean_row


def _clean_one(
    kind: str, raw: Mapping[str, object], today: date | None, excel_dates: bool
) -> dict[str, object]:
    return row_cleaner(kind, list(raw), today, excel_dates=excel_dates)(list(raw.values()))


def clean_customer(
    raw: Mapping[str, object], today: date, *, excel_dates: bool = False
) -> dict[str, object]:
    """Validate one customer row; birth date and gender are derived from the ID when not given."""
    return _clean_one("customers", raw, today, excel_dates)


def clean_holding(
    raw: Mapping[str, object], today: date, *, excel_dates: bool = False
) -> dict[str, object]:
    """Validate one holding row; the currency is left out when blank (the caller's default)."""
    return _clean_one("holdings", raw, today, excel_dates)


def clean_rm(raw: Mapping[str, object]) -> dict[str, object]:
    """Validate one relationship-manager row; the phone may be a mobile or a landline."""
    return _clean_one("rms", raw, None, False)


@dataclass(frozen=True)
class IdInfo:
    """What an ID number says: its 18-digit form, the form given, birth date and gender."""

    number: str  # 18-digit form, upper-case X
    given: str  # as given, stripped and upper-cased
    birth_date: date
    gender: str  # "M" or "F"


def parse_id_number(raw: str, today: date) -> IdInfo:
    """Validate an 18- or 15-digit ID number and read its birth date and gender."""
    number, given, born, gender = id_parts(raw, today)
    return IdInfo(number, given, born, gender)
