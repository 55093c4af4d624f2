"""Parsers for the plain values bank exports hold: dates, amounts, yes/no, gender, currency."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from bankcrm_cli.domain.catalogue import t

_T = TypeVar("_T")
_CENT = Decimal("0.01")
# Excel keeps 15 significant digits; a float this large has lost some of them.
_FLOAT_EXACT_LIMIT = 1e15


def quote(raw: object) -> str:
    """How a raw value appears in an error message: the repr of its text, shortened."""
    text = raw.strip() if isinstance(raw, str) else str(raw)
    if len(text) > 40:
        text = text[:40] + "…"
    return repr(text)


def halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation as their ASCII forms (NFKC)."""
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def is_blank(raw: object) -> bool:
    """True for None and for strings of nothing but whitespace (full-width space included)."""
    if raw is None:
        return True
    # str.isspace knows U+3000 and the other Unicode spaces.
    return isinstance(raw, str) and (not raw or raw.isspace())


def integral_text(raw: int | float) -> str | None:
    """The digits of a whole number a spreadsheet stored as int or float; None if it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if math.isfinite(raw) and raw.is_integer() and abs(raw) < _FLOAT_EXACT_LIMIT:
        return str(int(raw))
    return None


# --- dates -------------------------------------------------------------------------------------

# A time of day after the date is how Excel writes dates to CSV; it is ignored.
_TIME = (
    r"(?:(?:T|\s+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
_DATE_FORMS = (
    re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})" + _TIME),
    re.compile(r"([0-9]{4})()([0-9]{2})([0-9]{2})" + _TIME),
    re.compile(r"([0-9]{4})\s*年\s*()([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日?" + _TIME),
)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?")
# Excel's 1900 date system counts 1900-02-29, which never existed, as serial 60.
_EXCEL_EPOCH_BEFORE_LEAP_BUG = date(1899, 12, 31)
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_LAST_SERIAL = 2958465  # 9999-12-31


def parse_date(raw: object, *, excel_serial: bool = False) -> date:
    """A date from the forms bank exports use; numbers are Excel serials when `excel_serial`."""
    if isinstance(raw, str):
        text = raw.strip()
        # Fast path: ISO `1985-03-07` and compact `19850307`, the commonest forms.
        if (len(text) == 10 and text[4] == "-" and text[7] == "-") or (
            len(text) == 8 and text.isascii() and text.isdigit()
        ):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        # Excel's CSV output of a date cell: `1985-03-07 00:00:00`.
        elif len(text) == 19 and text[4] == "-" and text[10:] == " 00:00:00":
            try:
                return date.fromisoformat(text[:10])
            except ValueError:
                pass
        return _parse_date_text(text, excel_serial)
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if excel_serial:
            return excel_serial_date(raw)
        digits = integral_text(raw)
        if digits is not None and len(digits) == 8:
            return _parse_date_text(digits, excel_serial)
    raise ValueError(t("rj.not_date", value=quote(raw)))


def parse_date_text(raw: object, *, excel_serial: bool = False) -> str:
    """`parse_date` as ISO text (YYYY-MM-DD): the form dates are stored and compared in."""
    if raw.__class__ is str and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        # Already ISO: checking it is a real date is all there is to do.
        try:
            date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            return raw
    return parse_date(raw, excel_serial=excel_serial).isoformat()


def _parse_date_text(text: str, excel_serial: bool) -> date:
    shown = quote(text)
    text = halfwidth(text)
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match is not None:
            year, _, month, day = match.groups()
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                raise ValueError(t("rj.not_real_date", value=shown)) from None
    if excel_serial and _NUMBER.fullmatch(text):
        return excel_serial_date(float(text))
    raise ValueError(t("rj.not_date", value=shown))


def excel_serial_date(serial: int | float) -> date:
    """The date of an Excel 1900-system serial number (its time of day is dropped)."""
    if not math.isfinite(serial):
        raise ValueError(t("rj.not_date", value=quote(serial)))
    days = math.floor(serial)
    if days > _EXCEL_LAST_SERIAL:
        digits = integral_text(serial)
        # A number too big to be a serial may be a date typed as YYYYMMDD into a numeric cell.
        if digits is not None and len(digits) == 8:
            return _parse_date_text(digits, False)
        raise ValueError(t("rj.excel_too_large", value=quote(serial)))
    if days < 1:
        raise ValueError(t("rj.excel_before_1", value=quote(serial)))
    if days == 60:
        raise ValueError(t("rj.excel_60"))
    if days < 60:
        return _EXCEL_EPOCH_BEFORE_LEAP_BUG + timedelta(days=days)
    return _EXCEL_EPOCH + timedelta(days=days)


# --- amounts -----------------------------------------------------------------------------------

# The largest amount crm stores, either way, per value and per customer's total: under 10**12
# yuan (docs/importing.md says why). Any sum of such values stays far inside 64-bit cents.
MAX_AMOUNT_CENTS = 10**14 - 1
# Digits before the point of an amount in range: those parse_cents reads without Decimal.
AMOUNT_DIGITS = 12
_PLAIN_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_GROUPED_AMOUNT = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_AMOUNT = re.compile(
    r"(?P<sign1>[-+])?\s*(?:¥|RMB|CNY|人民币)?\s*(?P<sign2>[-+])?\s*"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<frac>\.[0-9]+)?\s*元?",
    re.IGNORECASE,
)


def parse_amount(raw: object) -> Decimal:
    """A money amount with 2 decimal places; `¥1,234.50`, `RMB 100` and numbers accepted."""
    if isinstance(raw, str):
        text = raw.strip()
        if _PLAIN_AMOUNT.fullmatch(text) is None:
            text = _amount_digits(text)
        return _text_to_cents(text, raw)
    if isinstance(raw, bool):
        raise ValueError(t("rj.not_amount", value=quote(raw)))
    if isinstance(raw, int):
        return _to_cents(Decimal(raw), raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValueError(t("rj.not_amount", value=quote(raw)))
        rounded = round(raw, 2)
        # Spreadsheet formulas leave binary noise (0.1 + 0.2 = 0.30000000000000004): a difference
        # a trillion times smaller than the amount is that noise, not a third decimal place.
        if rounded != raw and abs(rounded - raw) > max(abs(raw), 1.0) * 1e-12:
            raise ValueError(t("rj.decimals", value=quote(raw)))
        # The shortest repr of a float is the decimal text it was typed as.
        return _text_to_cents(repr(rounded), raw)
    if isinstance(raw, Decimal) and raw.is_finite():
        return _to_cents(raw, raw)
    raise ValueError(t("rj.not_amount", value=quote(raw)))


def parse_cents(raw: object) -> int:
    """`parse_amount` in integer cents: the form money is stored in."""
    if raw.__class__ is str and raw.isascii():
        # Plain `1234567.89` or `1234567`, the commonest forms, need no Decimal.
        whole, dot, fraction = raw.partition(".")
        if whole.isdigit() and len(whole) <= AMOUNT_DIGITS:
            if not dot:
                return int(whole) * 100
            if len(fraction) == 2 and fraction.isdigit():
                return int(whole) * 100 + int(fraction)
    cents = int(parse_amount(raw) * 100)
    if abs(cents) > MAX_AMOUNT_CENTS:
        raise ValueError(t("rj.beyond", value=quote(raw), limit=amount_limit()))
    return cents


def amount_limit() -> str:
    """The range of amounts crm stores, in words."""
    return t("rj.amount_limit", most=f"{MAX_AMOUNT_CENTS // 100:,}")


def _text_to_cents(text: str, raw: object) -> Decimal:
    dot = text.find(".")
    if dot >= 0 and len(text) - dot == 3:
        return Decimal(text)  # already exactly two places
    return _to_cents(Decimal(text), raw)


def _amount_digits(text: str) -> str:
    # The commonest decorations first: a yuan sign, thousands separators.
    body = text[1:].lstrip() if text.startswith(("¥", "￥")) else text
    if _PLAIN_AMOUNT.fullmatch(body):
        return body
    if _GROUPED_AMOUNT.fullmatch(body):
        return body.replace(",", "")
    match = _AMOUNT.fullmatch(halfwidth(text))
    if match is None or (match["sign1"] and match["sign2"]):
        raise ValueError(t("rj.not_amount", value=quote(text)))
    sign = "-" if "-" in (match["sign1"], match["sign2"]) else ""
    return sign + match["int"].replace(",", "") + (match["frac"] or "")


def _to_cents(value: Decimal, raw: object) -> Decimal:
    try:
        cents = value.quantize(_CENT)
    except InvalidOperation:
        raise ValueError(t("rj.beyond", value=quote(raw), limit=amount_limit())) from None
    if cents != value:
        raise ValueError(t("rj.decimals", value=quote(raw)))
    return cents


# --- yes/no, gender, currency ------------------------------------------------------------------


def _with_cases(table: dict[str, _T]) -> dict[str, _T]:
    # Exact-match keys in the cases exports use, so the common cell needs one dict lookup.
    full: dict[str, _T] = {}
    for key, value in table.items():
        for variant in (key, key.upper(), key.capitalize()):
            full[variant] = value
    return full


YES_NO_WORDS: dict[str, bool] = _with_cases(
    {
        "是": True,
        "否": False,
        "y": True,
        "n": False,
        "yes": True,
        "no": False,
        "true": True,
        "false": False,
        "t": True,
        "f": False,
        "1": True,
        "0": False,
        "同意": True,
        "不同意": False,
    }
)


def parse_bool(raw: object) -> bool:
    """Yes or no from 是/否, Y/N, yes/no, true/false, T/F, 1/0, 同意/不同意."""
    if isinstance(raw, str):
        found = YES_NO_WORDS.get(raw)
        if found is None:
            found = YES_NO_WORDS.get(halfwidth(raw.strip()).lower())
        if found is not None:
            return found
    elif isinstance(raw, bool):
        return raw
    elif isinstance(raw, (int, float)) and raw in (0, 1):
        return raw == 1
    raise ValueError(t("rj.not_yes_no", value=quote(raw)))


GENDER_WORDS: dict[str, str] = _with_cases(
    {
        "男": "M",
        "女": "F",
        "男性": "M",
        "女性": "F",
        "m": "M",
        "f": "F",
        "male": "M",
        "female": "F",
        "1": "M",
        "2": "F",
    }
)


def parse_gender(raw: object) -> str:
    """`M` or `F` from 男/女, M/F, male/female, 1/2."""
    if isinstance(raw, str):
        found = GENDER_WORDS.get(raw)
        if found is None:
            found = GENDER_WORDS.get(halfwidth(raw.strip()).lower())
        if found is not None:
            return found
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw in (1, 2):
        return "M" if raw == 1 else "F"
    raise ValueError(t("rj.not_gender", value=quote(raw)))


CURRENCY_CODES: frozenset[str] = frozenset(
    [
        "CNY",
        "USD",
        "HKD",
        "EUR",
        "JPY",
        "GBP",
        "AUD",
        "CAD",
        "SGD",
        "CHF",
        "MOP",
        "TWD",
        "KRW",
        "NZD",
    ]
)
_CURRENCY_NAMES: dict[str, str] = {
    "人民币": "CNY",
    "人民币元": "CNY",
    "元": "CNY",
    "RMB": "CNY",
    "美元": "USD",
    "美金": "USD",
    "港币": "HKD",
    "港元": "HKD",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "澳元": "AUD",
    "加元": "CAD",
    "新加坡元": "SGD",
    "瑞士法郎": "CHF",
    "澳门元": "MOP",
    "新台币": "TWD",
    "韩元": "KRW",
    "新西兰元": "NZD",
}
_CURRENCIES: dict[str, str] = {code: code for code in CURRENCY_CODES} | _CURRENCY_NAMES


def parse_currency(raw: object) -> str:
    """An ISO currency code from a code (any case) or the Chinese name of the currency."""
    if isinstance(raw, str):
        found = _CURRENCIES.get(raw)
        if found is None:
            found = _CURRENCIES.get(halfwidth(raw.strip()).upper())
        if found is not None:
            return found
    raise ValueError(t("rj.currency", value=quote(raw)))
