"""Whole-row cleaners for imports: one raw row in, its validated values out, or `RowRejected`.

A blank cell leaves the stored value as it is, so its field is left out of the result. A present
but invalid value rejects the whole row with `field: what is wrong`; nothing is silently fixed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from bankcrm_cli.domain.contact import parse_email, parse_fax, parse_mobile, parse_postal_code
from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.fields import REQUIRED_COLUMNS
from bankcrm_cli.domain.identity import id_parts
from bankcrm_cli.domain.names import normalise_name
from bankcrm_cli.domain.products import parse_product_type
from bankcrm_cli.domain.values import (
    integral_text,
    is_blank,
    parse_amount,
    parse_bool,
    parse_currency,
    parse_date,
    parse_gender,
    quote,
)

MAX_TEXT_LENGTH = 500
_EARLIEST_BIRTH = date(1900, 1, 1)
_ZERO = Decimal(0)
# Cc characters: C0 controls, DEL and C1 controls; tabs and line breaks included.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# In a multi-line cell (Excel's Alt+Enter in an address) tabs and line breaks are content.
_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CELL_TYPES = (str, int, float, date, Decimal)


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


def _excel_date(value: object) -> date:
    return parse_date(value, excel_serial=True)


def _phone_or_landline(value: object) -> str:
    try:
        return parse_mobile(value)
    except ValueError:
        pass
    try:
        return parse_fax(value)
    except ValueError:
        raise ValueError(f"not a phone number: {quote(value)}") from None


_Parsers = dict[str, Callable[[object], object]]

_CUSTOMER_PARSERS: _Parsers = {
    "customer_id": _key,
    "name": _name,
    "gender": parse_gender,
    "birth_date": parse_date,
    "lunar_birthday": parse_bool,
    "phone": parse_mobile,
    "email": parse_email,
    "fax": parse_fax,
    "address": _multiline_text,
    "postal_code": parse_postal_code,
    "branch": _text,
    "rm_code": _key,
    "aum": parse_amount,
    "consent_email": parse_bool,
    "consent_sms": parse_bool,
    "consent_phone": parse_bool,
    "consent_mail": parse_bool,
    "consent_fax": parse_bool,
}
_CUSTOMER_PARSERS_EXCEL: _Parsers = _CUSTOMER_PARSERS | {"birth_date": _excel_date}

_HOLDING_PARSERS: _Parsers = {
    "account_id": _key,
    "customer_id": _key,
    "product_type": parse_product_type,
    "product_name": _text,
    "amount": parse_amount,
    "currency": parse_currency,
    "open_date": parse_date,
    "maturity_date": parse_date,
    "auto_rollover": parse_bool,
}
_HOLDING_PARSERS_EXCEL: _Parsers = _HOLDING_PARSERS | {
    "open_date": _excel_date,
    "maturity_date": _excel_date,
}

_RM_PARSERS: _Parsers = {
    "rm_code": _key,
    "name": _name,
    "phone": _phone_or_landline,
    "email": parse_email,
    "branch": _text,
}


def _check_not_future(out: dict[str, object], field: str, today: date) -> None:
    day = out.get(field)
    if isinstance(day, date) and day > today:
        raise RowRejected(f"{field}: in the future: {day}")


def clean_customer(
    raw: Mapping[str, object], today: date, *, excel_dates: bool = False
) -> dict[str, object]:
    """Validate one customer row; birth date and gender are derived from the ID when not given."""
    return _clean_one("customers", raw, today, excel_dates)


def _finish_customer(out: dict[str, object], id_raw: object, today: date) -> dict[str, object]:
    """The rules across fields: the ID against birth date and gender, dates, AUM."""
    if not is_blank(id_raw):
        try:
            number, given, born, gender = id_parts(_id_text(id_raw), today)
        except ValueError as error:
            raise RowRejected(f"id_number: {error}") from None
        out["id_number"] = number
        if len(given) == 15:
            out["id_number_raw"] = given
        stated = out.setdefault("gender", gender)
        if stated != gender:
            raise RowRejected(f"gender: {stated} contradicts id_number ({gender})")
        stated = out.setdefault("birth_date", born)
        if stated != born:
            raise RowRejected(f"birth_date: {stated} contradicts id_number ({born})")
    else:
        _check_not_future(out, "birth_date", today)
        born_stated = out.get("birth_date")
        if isinstance(born_stated, date) and born_stated < _EARLIEST_BIRTH:
            raise RowRejected(f"birth_date: before 1900: {born_stated}")

    aum = out.get("aum")
    if isinstance(aum, Decimal) and aum < _ZERO:
        raise RowRejected(f"aum: must not be negative: {aum}")
    return out


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


def clean_holding(
    raw: Mapping[str, object], today: date, *, excel_dates: bool = False
) -> dict[str, object]:
    """Validate one holding row; the currency is left out when blank (the caller's default)."""
    return _clean_one("holdings", raw, today, excel_dates)


def _finish_holding(out: dict[str, object], today: date) -> dict[str, object]:
    _check_not_future(out, "open_date", today)
    opened = out.get("open_date")
    matures = out.get("maturity_date")
    if isinstance(opened, date) and isinstance(matures, date) and matures < opened:
        raise RowRejected(f"maturity_date: {matures} is before open_date {opened}")
    return out


def clean_rm(raw: Mapping[str, object]) -> dict[str, object]:
    """Validate one relationship-manager row; the phone may be a mobile or a landline."""
    return _clean_one("rms", raw, None, False)


def _clean_one(
    kind: str, raw: Mapping[str, object], today: date | None, excel_dates: bool
) -> dict[str, object]:
    return row_cleaner(kind, list(raw), today, excel_dates=excel_dates)(list(raw.values()))


def row_cleaner(
    kind: str, fields: Sequence[str | None], today: date | None, *, excel_dates: bool = False
) -> Callable[[Sequence[object]], dict[str, object]]:
    """A cleaner for one file's rows, given as lists aligned with `fields` (None = unused).

    The same rules as clean_customer/clean_holding/clean_rm; the column plan is worked out once
    per file instead of once per row, which is what a million-row import needs.
    """
    if kind == "customers":
        parsers = _CUSTOMER_PARSERS_EXCEL if excel_dates else _CUSTOMER_PARSERS
    elif kind == "holdings":
        parsers = _HOLDING_PARSERS_EXCEL if excel_dates else _HOLDING_PARSERS
    else:
        parsers = _RM_PARSERS
    plan = [(name, i, parsers[name]) for i, name in enumerate(fields) if name in parsers]
    required = [(name, fields.index(name)) for name in REQUIRED_COLUMNS[kind] if name in fields]
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in fields]
    id_index = fields.index("id_number") if kind == "customers" and "id_number" in fields else None

    def clean(values: Sequence[object]) -> dict[str, object]:
        if missing:
            raise RowRejected(f"{missing[0]}: missing")
        for name, i in required:
            if is_blank(values[i]):
                raise RowRejected(f"{name}: missing")
        out: dict[str, object] = {}
        name = ""
        try:
            for name, i, parse in plan:
                value = values[i]
                if value.__class__ is str:
                    if not value or value.isspace():
                        continue
                elif value is None:
                    continue
                elif not isinstance(value, _CELL_TYPES):
                    raise ValueError(f"unsupported value of type {type(value).__name__}")
                out[name] = parse(value)
        except ValueError as error:
            raise RowRejected(f"{name}: {error}") from None
        if kind == "customers":
            return _finish_customer(out, None if id_index is None else values[id_index], today)
        if kind == "holdings":
            return _finish_holding(out, today)
        return out

    return clean
