"""Rules for one cell and for one column of cells of an import file (see records.py).

Each field's rule runs in one loop over its column, with a shortcut for the common well-formed
cell: a pattern checked against the whole column from C, cells it passes kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import repeat
from operator import itemgetter

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.contact import (
    MOBILE_PATTERN,
    parse_email,
    parse_fax,
    parse_mobile,
    parse_postal_code,
)
from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.domain.names import normalise_name
from bankcrm_cli.domain.products import parse_product_type
from bankcrm_cli.domain.rm_codes import normalise_rm_code
from bankcrm_cli.domain.values import (
    AMOUNT_DIGITS,
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
EARLIEST_BIRTH = date(1900, 1, 1).isoformat()
# Cc characters: C0 controls, DEL and C1 controls; tabs and line breaks included.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# In a multi-line cell (Excel's Alt+Enter in an address) tabs and line breaks are content.
_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CELL_TYPES = (str, int, float, date, Decimal)
# Cells each rule returns unchanged, as patterns a whole column is checked against from C.
# An amount with exactly two decimal places and no decoration: its digits are its cents.
_PLAIN_AMOUNT = re.compile(f"[0-9]{{1,{AMOUNT_DIGITS}}}\\.[0-9]{{2}}")
_PLAIN_KEY = re.compile(r"[0-9A-Za-z]{1,500}")
# An RM code already in its one form (rm_codes.py): upper-case letters and digits.
_PLAIN_RM_CODE = re.compile(r"[0-9A-Z]{1,500}")
# Printable characters that are not space-like: ASCII, the middle dot, CJK punctuation and
# ideographs, full-width forms. Text of them, with single spaces inside, needs no cleaning.
_SAFE = "!-~\u00b7\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fef\uff01-\uff5e"
_PLAIN_TEXT = re.compile(f"[{_SAFE}](?:[{_SAFE} ]{{0,498}}[{_SAFE}])?")
_PLAIN_NAME = re.compile("(?=.{1,500}\\Z)[\u4e00-\u9fef]+(?:\u00b7[\u4e00-\u9fef]+)*")
_PLAIN_EMAIL = re.compile(r"[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z0-9-]+")
_PLAIN_POSTAL_CODE = re.compile(r"[0-9]{6}")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MONTH_OF, DAY_OF = itemgetter(slice(5, 7)), itemgetter(slice(8, 10))
_YES_NO_CELLS = {"": "", **{word: int(flag) for word, flag in YES_NO_WORDS.items()}}


# A blank cell's field in a record. No cleaned value is an empty string, so it cannot be taken
# for one; bulk inserts store it as NULL.
ABSENT = ""

CONSENT_FIELDS = tuple(f"consent_{channel}" for channel in CONSENT_CHANNELS)


# --- one cell ----------------------------------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, str):
        text = value.strip()
    else:
        digits = integral_text(value) if isinstance(value, (int, float)) else None
        text = digits if digits is not None else str(value)
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(t("rj.too_long", length=MAX_TEXT_LENGTH, count=MAX_TEXT_LENGTH))
    # isprintable() is a fast C check; only text it flags needs the exact search.
    if not text.isprintable() and _CONTROL.search(text):
        raise ValueError(t("rj.control"))
    return text


def _multiline_text(value: object) -> str:
    """Free text that may span lines (addresses): other control characters still rejected."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_TEXT_LENGTH:
            raise ValueError(t("rj.too_long", length=MAX_TEXT_LENGTH, count=MAX_TEXT_LENGTH))
        if not text.isprintable() and _CONTROL_BUT_LAYOUT.search(text):
            raise ValueError(t("rj.control"))
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
            raise ValueError(t("rj.lost_digits", value=quote(value)))
    raise ValueError(t("rj.not_identifier", value=quote(value)))


def _rm_code(value: object) -> str:
    code = _key(value)
    return normalise_rm_code(code) if code else code


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
        raise ValueError(t("rj.not_phone", value=quote(value))) from None


def _yes_no(value: object) -> int:
    return 1 if parse_bool(value) else 0


def _excel_date_text(value: object) -> str:
    return parse_date_text(value, excel_serial=True)


def id_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = integral_text(value)
        if digits is not None:
            return digits
        if isinstance(value, float):
            # 18 digits exceed Excel's 15 significant ones: the cell no longer holds the number.
            raise ValueError(t("rj.id_lost_digits"))
    raise ValueError(t("rj.not_id_number", value=quote(value)))


def money_text(cents: int) -> str:
    units, hundredths = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{units}.{hundredths:02d}"


# --- one column --------------------------------------------------------------------------------


class Invalid:
    """A cell its rule refused, and why."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


Column = Callable[[Sequence[object]], list]


def _cell_rule(parse: Callable[[object], object], failures: list) -> Callable[[object], object]:
    """`parse` for one cell: ABSENT for a blank, an Invalid (noted in `failures`) if refused."""

    def cell(value: object) -> object:
        if value.__class__ is str:
            if not value or value.isspace():
                return ABSENT
        elif value is None:
            return ABSENT
        elif not isinstance(value, _CELL_TYPES):
            invalid = Invalid(f"unsupported value of type {type(value).__name__}")
            failures.append(invalid)
            return invalid
        try:
            return parse(value)
        except ValueError as error:
            invalid = Invalid(str(error))
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


def column_rules(kind: str, excel_dates: bool, failures: list) -> dict[str, tuple[str, Column]]:
    """Per file field: the record field it fills and the rule for a column of its cells. The
    patterns in front of a rule accept only cells the rule would return unchanged."""

    def rule(parse: Callable[[object], object]) -> Column:
        cell = _cell_rule(parse, failures)
        return _blank_aware(lambda cells: [ABSENT if c == "" else cell(c) for c in cells])

    def kept_if(pattern: re.Pattern[str], parse: Callable[[object], object]) -> Column:
        return _blank_aware(_kept_if(pattern.fullmatch, _cell_rule(parse, failures)))

    def looked_up(words: Mapping[str, object], parse: Callable[[object], object]) -> Column:
        return _blank_aware(_looked_up(words, _cell_rule(parse, failures)))

    keys = kept_if(_PLAIN_KEY, _key)
    rm_codes = kept_if(_PLAIN_RM_CODE, _rm_code)
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
            "rm_code": ("rm_code", rm_codes),
            "aum": ("aum_cents", cents),
            **{consent: (consent, yes_nos) for consent in CONSENT_FIELDS},
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
        "rm_code": ("rm_code", rm_codes),
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
