"""Whole-row cleaners for imports: raw rows in, validated records out, or why a row is refused.

A blank cell leaves the stored value as it is, so its field is ABSENT in the record. A present
but invalid value rejects the whole row with `field: what is wrong`; nothing is silently fixed.
Records hold values as the store keeps them: ISO dates, money in integer cents, yes/no as 1/0.

Rows are cleaned a batch at a time, column by column: each field's rule runs in one loop over
its column, with a shortcut for the common well-formed cell, which is what a million-row import
needs. `row_cleaner` and `clean_customer`/`clean_holding`/`clean_rm` apply the same rules to one
row and give typed values (dates, Decimal amounts, booleans) by field name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import compress, repeat
from operator import add, eq, itemgetter, ne

from bankcrm_cli.domain.birthdays import LUNAR_FIRST_DAY, LUNAR_LAST_DAY, lunar_mmdd_lookup
from bankcrm_cli.domain.contact import (
    MOBILE_PATTERN,
    parse_email,
    parse_fax,
    parse_mobile,
    parse_postal_code,
)
from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.fields import CONSENT_CHANNELS, REQUIRED_COLUMNS
from bankcrm_cli.domain.identity import id_parts, plain_id_column, plain_id_facts
from bankcrm_cli.domain.names import normalise_name
from bankcrm_cli.domain.products import parse_product_type
from bankcrm_cli.domain.values import (
    GENDER_WORDS,
    YES_NO_WORDS,
    integral_text,
    parse_bool,
    parse_cents,
    parse_currency,
    parse_date_text,
    parse_gender,
    quote,
)

MAX_TEXT_LENGTH = 500
_EARLIEST_BIRTH = date(1900, 1, 1).isoformat()
_CENT = Decimal("0.01")
# Cc characters: C0 controls, DEL and C1 controls; tabs and line breaks included.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# In a multi-line cell (Excel's Alt+Enter in an address) tabs and line breaks are content.
_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CELL_TYPES = (str, int, float, date, Decimal)
# Cells each rule returns unchanged, as patterns a whole column is checked against from C.
# An amount with exactly two decimal places and no decoration: its digits are its cents.
_PLAIN_AMOUNT = re.compile(r"[0-9]{1,15}\.[0-9]{2}")
_PLAIN_KEY = re.compile(r"[0-9A-Za-z]{1,500}")
# Printable characters that are not space-like: ASCII, the middle dot, CJK punctuation and
# ideographs, full-width forms. Text of them, with single spaces inside, needs no cleaning.
_SAFE = "!-~\u00b7\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fef\uff01-\uff5e"
_PLAIN_TEXT = re.compile(f"[{_SAFE}](?:[{_SAFE} ]{{0,498}}[{_SAFE}])?")
_PLAIN_NAME = re.compile("(?=.{1,500}\\Z)[\u4e00-\u9fef]+(?:\u00b7[\u4e00-\u9fef]+)*")
_PLAIN_EMAIL = re.compile(r"[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z0-9-]+")
_PLAIN_POSTAL_CODE = re.compile(r"[0-9]{6}")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH, _DAY = itemgetter(slice(5, 7)), itemgetter(slice(8, 10))
_YES_NO_CELLS = {"": "", **{word: int(flag) for word, flag in YES_NO_WORDS.items()}}


# A blank cell's field in a record. No cleaned value is an empty string, so it cannot be taken
# for one; bulk inserts store it as NULL.
ABSENT = ""

_CONSENT = tuple(f"consent_{channel}" for channel in CONSENT_CHANNELS)
# What a file can determine, per kind, in record order. Besides the file's own fields: the ID
# number as given when it was a 15-digit one (None once an 18-digit number is given), the
# birthday's month-day key, and the lunar one when the row says both birth date and lunar
# birthday (the store works it out otherwise). Money is kept in cents.
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "customers": (
        "customer_id",
        "name",
        "id_number",
        "id_number_raw",
        "gender",
        "birth_date",
        "birth_mmdd",
        "lunar_birthday",
        "lunar_mmdd",
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
_DATE_FIELDS = frozenset({"birth_date", "open_date", "maturity_date"})
_YES_NO_FIELDS = frozenset({"lunar_birthday", "auto_rollover", *_CONSENT})
_KEY_FIELDS = frozenset({"birth_mmdd", "lunar_mmdd"})

# Rows in; the valid rows' records, and (row index, reason) of each refused row, out.
BatchCleaner = Callable[[Sequence[Sequence[object]]], tuple[list[tuple], list[tuple[int, str]]]]


# --- one cell ----------------------------------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, str):
        text = value.strip()
    else:
        digits = integral_text(value) if isinstance(value, (int, float)) else None
        text = digits if digits is not None else str(value)
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"longer than {MAX_TEXT_LENGTH} characters")
    # isprintable() is a fast C check; only text it flags needs the exact search.
    if not text.isprintable() and _CONTROL.search(text):
        raise ValueError("contains control characters")
    return text


def _multiline_text(value: object) -> str:
    """Free text that may span lines (addresses): other control characters still rejected."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_TEXT_LENGTH:
            raise ValueError(f"longer than {MAX_TEXT_LENGTH} characters")
        if not text.isprintable() and _CONTROL_BUT_LAYOUT.search(text):
            raise ValueError("contains control characters")
        return text
    return _text(value)


def _key(value: object) -> str:
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = integral_text(value)
        if digits is not None:
            return digits
        if isinstance(value, float) and value.is_integer():
            raise ValueError(
                f"{quote(value)} was stored as a number and lost digits; format the column as text"
            )
    raise ValueError(f"not an identifier: {quote(value)}")


def _name(value: object) -> str:
    # Most names are a few Chinese characters: letters only, nothing to strip or unify.
    if isinstance(value, str) and value.isalpha() and len(value) <= MAX_TEXT_LENGTH:
        return value
    return normalise_name(_text(value))


def _phone_or_landline(value: object) -> str:
    try:
        return parse_mobile(value)
    except ValueError:
        pass
    try:
        return parse_fax(value)
    except ValueError:
        raise ValueError(f"not a phone number: {quote(value)}") from None


def _yes_no(value: object) -> int:
    return 1 if parse_bool(value) else 0


def _excel_date_text(value: object) -> str:
    return parse_date_text(value, excel_serial=True)


def _id_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = integral_text(value)
        if digits is not None:
            return digits
        if isinstance(value, float):
            # 18 digits exceed Excel's 15 significant ones: the cell no longer holds the number.
            raise ValueError(
                "stored as a number and lost its last digits; format the column as text"
            )
    raise ValueError(f"not an ID number: {quote(value)}")


def _money_text(cents: int) -> str:
    units, hundredths = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{units}.{hundredths:02d}"


# --- one column --------------------------------------------------------------------------------


class _Invalid:
    """A cell its rule refused, and why."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


Column = Callable[[Sequence[object]], list]


def _cell_rule(parse: Callable[[object], object], failures: list) -> Callable[[object], object]:
    """`parse` for one cell: ABSENT for a blank, an _Invalid (noted in `failures`) if refused."""

    def cell(value: object) -> object:
        if value.__class__ is str:
            if not value or value.isspace():
                return ABSENT
        elif value is None:
            return ABSENT
        elif not isinstance(value, _CELL_TYPES):
            invalid = _Invalid(f"unsupported value of type {type(value).__name__}")
            failures.append(invalid)
            return invalid
        try:
            return parse(value)
        except ValueError as error:
            invalid = _Invalid(str(error))
            failures.append(invalid)
            return invalid

    return cell


def _kept_if(check: Callable[[object], object], cell: Callable[[object], object]) -> Column:
    """A column rule: cells `check` passes (a pattern's fullmatch, run from C over the whole
    column) are kept as they are; the others, blanks included, go through `cell`."""

    def column(cells: Sequence[object]) -> list:
        try:
            passed = list(map(check, cells))
        except TypeError:  # not all text: a spreadsheet's numbers or dates
            return list(map(cell, cells))
        if all(passed):
            return list(cells)
        return [c if ok else cell(c) for c, ok in zip(cells, passed, strict=True)]

    return column


def _looked_up(words: Mapping[str, object], cell: Callable[[object], object]) -> Column:
    """A column rule for cells that name a value (男, Y, 是): looked up all at once; the few
    others go through `cell`."""

    def column(cells: Sequence[object]) -> list:
        try:
            found = list(map(words.get, cells))
        except TypeError:  # an unhashable cell
            return list(map(cell, cells))
        if None not in found:
            return found
        return [c if c is not None else cell(raw) for raw, c in zip(cells, found, strict=True)]

    return column


def _blank_aware(rule: Column) -> Column:
    """`rule`, except that a column of blanks (a field the export leaves empty) is all ABSENT."""

    def column(cells: Sequence[object]) -> list:
        if cells.count("") == len(cells):
            return [ABSENT] * len(cells)
        return rule(cells)

    return column


def _column_rules(kind: str, excel_dates: bool, failures: list) -> dict[str, tuple[str, Column]]:
    """Per file field: the record field it fills and the rule for a column of its cells.

    The patterns in front of a rule accept only cells the rule itself would return unchanged;
    anything else (blanks included) goes through the rule.
    """

    def rule(parse: Callable[[object], object]) -> Column:
        cell = _cell_rule(parse, failures)
        return _blank_aware(lambda cells: [ABSENT if c == "" else cell(c) for c in cells])

    def kept_if(pattern: re.Pattern[str], parse: Callable[[object], object]) -> Column:
        return _blank_aware(_kept_if(pattern.fullmatch, _cell_rule(parse, failures)))

    def looked_up(words: Mapping[str, object], parse: Callable[[object], object]) -> Column:
        return _blank_aware(_looked_up(words, _cell_rule(parse, failures)))

    keys = kept_if(_PLAIN_KEY, _key)
    texts = kept_if(_PLAIN_TEXT, _text)
    yes_nos = looked_up(_YES_NO_CELLS, _yes_no)
    emails = kept_if(_PLAIN_EMAIL, parse_email)
    dates = _blank_aware(
        _date_column(_cell_rule(_excel_date_text if excel_dates else parse_date_text, failures))
    )
    cents = _blank_aware(_cents_column(_cell_rule(parse_cents, failures)))
    if kind == "customers":
        return {
            "customer_id": ("customer_id", keys),
            "name": ("name", kept_if(_PLAIN_NAME, _name)),
            "gender": ("gender", looked_up(GENDER_WORDS, parse_gender)),
            "birth_date": ("birth_date", dates),
            "lunar_birthday": ("lunar_birthday", yes_nos),
            "phone": ("phone", kept_if(MOBILE_PATTERN, parse_mobile)),
            "email": ("email", emails),
            "fax": ("fax", rule(parse_fax)),
            "address": ("address", kept_if(_PLAIN_TEXT, _multiline_text)),
            "postal_code": ("postal_code", kept_if(_PLAIN_POSTAL_CODE, parse_postal_code)),
            "branch": ("branch", texts),
            "rm_code": ("rm_code", keys),
            "aum": ("aum_cents", cents),
            **{consent: (consent, yes_nos) for consent in _CONSENT},
        }
    if kind == "holdings":
        return {
            "account_id": ("account_id", keys),
            "customer_id": ("customer_id", keys),
            "product_type": ("product_type", rule(parse_product_type)),
            "product_name": ("product_name", texts),
            "amount": ("amount_cents", cents),
            "currency": ("currency", rule(parse_currency)),
            "open_date": ("open_date", dates),
            "maturity_date": ("maturity_date", dates),
            "auto_rollover": ("auto_rollover", yes_nos),
        }
    return {
        "rm_code": ("rm_code", keys),
        "name": ("name", kept_if(_PLAIN_NAME, _name)),
        "phone": ("phone", rule(_phone_or_landline)),
        "email": ("email", emails),
        "branch": ("branch", texts),
    }


def _date_column(cell: Callable[[object], object]) -> Column:
    """Dates: a column of ISO dates that are all real ones is kept as it is."""

    def column(cells: Sequence[object]) -> list:
        try:
            if all(map(_PLAIN_DATE.fullmatch, cells)):
                all(map(date.fromisoformat, cells))  # raises at the first date that is not real
                return list(cells)
        except (TypeError, ValueError):
            pass
        return list(map(cell, cells))

    return column


def _cents_column(cell: Callable[[object], object]) -> Column:
    """Amounts: `1234567.89` is 123456789 cents, worked out from C for the whole column."""

    def column(cells: Sequence[object]) -> list:
        try:
            passed = list(map(_PLAIN_AMOUNT.fullmatch, cells))
        except TypeError:
            return list(map(cell, cells))
        if all(passed):
            return list(map(int, map(str.replace, cells, repeat("."), repeat(""))))
        return [
            int(c.replace(".", "")) if ok else cell(c) for c, ok in zip(cells, passed, strict=True)
        ]

    return column


# --- the rules across fields -------------------------------------------------------------------


def _customer_rules(
    columns: dict[str, list],
    ids: Sequence[object] | None,
    n: int,
    today: date,
    refused: dict[int, str],
) -> None:
    """The ID against birth date and gender (filling them in from it), dates, AUM, and the
    derived keys. Works on `columns` in place; reasons go to `refused`."""
    absent = [ABSENT] * n
    columns.setdefault("gender", list(absent))
    columns.setdefault("birth_date", list(absent))
    plain = plain_id_column(ids, today) if ids is not None else None
    if plain is not None:
        _plain_id_rules(columns, ids, *plain, refused)
    else:
        _id_rules(columns, ids if ids is not None else absent, today, refused)
    births = columns["birth_date"]

    aum = columns.get("aum_cents")
    if aum is not None and min(compress(aum, map(isinstance, aum, repeat(int))), default=0) < 0:
        for j, cents in enumerate(aum):
            if cents.__class__ is int and cents < 0:
                refused.setdefault(j, f"aum: must not be negative: {_money_text(cents)}")

    try:
        columns["birth_mmdd"] = list(map(int, map(add, map(_MONTH, births), map(_DAY, births))))
    except (TypeError, ValueError):  # blanks, or refused cells
        columns["birth_mmdd"] = [
            int(born[5:7] + born[8:10]) if born.__class__ is str and born else ABSENT
            for born in births
        ]
    lunar = columns.get("lunar_birthday")
    if lunar is not None and 1 in lunar:
        key = lunar_mmdd_lookup(lunar.count(1))
        first, last = LUNAR_FIRST_DAY.isoformat(), LUNAR_LAST_DAY.isoformat()
        keys = [ABSENT] * n
        for j in compress(range(n), map(eq, lunar, repeat(1))):
            born = births[j]
            if born.__class__ is str and first <= born <= last:
                keys[j] = key(date.fromisoformat(born))
        columns["lunar_mmdd"] = keys


def _plain_id_rules(
    columns: dict[str, list],
    numbers: Sequence[str],
    born_of: list[str],
    sex_of: list[str],
    refused: dict[int, str],
) -> None:
    """`_id_rules` for a column of valid, plainly written 18-digit numbers, a column at a time."""
    n = len(numbers)
    columns["id_number"] = list(numbers)
    # An 18-digit number replaces any 15-digit one recorded before.
    columns["id_number_raw"] = [None] * n
    for name, derived in (("gender", sex_of), ("birth_date", born_of)):
        stated = columns[name]
        if ABSENT in stated:
            stated = [d if s is ABSENT else s for s, d in zip(stated, derived, strict=True)]
            columns[name] = stated
        if stated != derived:
            for j in compress(range(n), map(ne, stated, derived)):
                refused.setdefault(j, f"{name}: {stated[j]} contradicts id_number ({derived[j]})")


def _id_rules(
    columns: dict[str, list], ids: Sequence[object], today: date, refused: dict[int, str]
) -> None:
    """The ID against birth date and gender, filling them in from it; without an ID, the birth
    date on its own. Row by row, for any ID numbers."""
    n = len(ids)
    genders, births = columns["gender"], columns["birth_date"]
    today_text = today.isoformat()
    numbers, given_15 = [ABSENT] * n, [ABSENT] * n
    for j, raw in enumerate(ids):
        if raw is None or (raw.__class__ is str and (not raw or raw.isspace())):
            born = births[j]
            if born.__class__ is str and born:
                if born > today_text:
                    refused.setdefault(j, f"birth_date: in the future: {born}")
                elif born < _EARLIEST_BIRTH:
                    refused.setdefault(j, f"birth_date: before 1900: {born}")
            continue
        facts = plain_id_facts(raw, today_text) if raw.__class__ is str else None
        if facts is not None:
            numbers[j] = raw
            # An 18-digit number replaces any 15-digit one recorded before.
            given_15[j] = None
            born, sex = facts
        else:
            try:
                number, given, born_day, sex = id_parts(_id_text(raw), today)
            except ValueError as error:
                refused.setdefault(j, f"id_number: {error}")
                continue
            numbers[j] = number
            given_15[j] = given if len(given) == 15 else None
            born = born_day.isoformat()
        stated = genders[j]
        if stated is ABSENT:
            genders[j] = sex
        elif stated != sex:
            refused.setdefault(j, f"gender: {stated} contradicts id_number ({sex})")
            continue
        stated = births[j]
        if stated is ABSENT:
            births[j] = born
        elif stated != born:
            refused.setdefault(j, f"birth_date: {stated} contradicts id_number ({born})")
    columns["id_number"], columns["id_number_raw"] = numbers, given_15


def _holding_rules(columns: dict[str, list], n: int, today: date, refused: dict[int, str]) -> None:
    """Open date not in the future; maturity not before the open date."""
    opened = columns.get("open_date")
    if opened is None:
        return
    today_text = today.isoformat()
    matures = columns.get("maturity_date", [ABSENT] * n)
    for j, (start, end) in enumerate(zip(opened, matures, strict=True)):
        if start.__class__ is not str or not start:
            continue
        if start > today_text:
            refused.setdefault(j, f"open_date: in the future: {start}")
        elif end.__class__ is str and end and end < start:
            refused.setdefault(j, f"maturity_date: {end} is before open_date {start}")


# --- whole rows --------------------------------------------------------------------------------


def batch_cleaner(
    kind: str, fields: Sequence[str | None], today: date | None, *, excel_dates: bool = False
) -> BatchCleaner:
    """A cleaner for one file's rows, given as lists aligned with `fields` (None = unused).

    It takes a batch of rows and returns the records of the valid ones, in order, and the index
    and reason of each refused one, in order. A row gets the reason it would get on its own: a
    missing required value first, then its first invalid field in file order, then the rules
    across fields. The column plan is worked out once per file.
    """
    layout = RECORD_FIELDS[kind]
    failures: list[_Invalid] = []
    rules = _column_rules(kind, excel_dates, failures)
    plan = [(name, i, *rules[name]) for i, name in enumerate(fields) if name in rules]
    required = [(name, rules[name][0]) for name in REQUIRED_COLUMNS[kind] if name in fields]
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in fields]
    id_index = fields.index("id_number") if kind == "customers" and "id_number" in fields else None

    def clean(rows: Sequence[Sequence[object]]) -> tuple[list[tuple], list[tuple[int, str]]]:
        n = len(rows)
        if not n:
            return [], []
        if missing:
            return [], [(j, f"{missing[0]}: missing") for j in range(n)]
        # Columns, transposed in C; cells beyond the header (ragged rows) are cut off.
        cells = list(zip(*rows, strict=False))
        refused: dict[int, str] = {}
        columns: dict[str, list] = {}
        for name, i, target, rule in plan:
            column = rule(cells[i])
            if failures:
                failures.clear()
                for j, value in enumerate(column):
                    if value.__class__ is _Invalid:
                        refused.setdefault(j, f"{name}: {value.message}")
            columns[target] = column
        # A missing required value outranks any other reason; the first required field first.
        for name, target in reversed(required):
            column = columns[target]
            if ABSENT in column:
                for j, value in enumerate(column):
                    if value is ABSENT:
                        refused[j] = f"{name}: missing"
        if kind == "customers":
            ids = cells[id_index] if id_index is not None else None
            _customer_rules(columns, ids, n, today, refused)
        elif kind == "holdings":
            _holding_rules(columns, n, today, refused)
        absent = [ABSENT] * n
        records = list(zip(*(columns.get(name, absent) for name in layout), strict=True))
        if not refused:
            return records, []
        kept = [record for j, record in enumerate(records) if j not in refused]
        return kept, sorted(refused.items())

    return clean


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
