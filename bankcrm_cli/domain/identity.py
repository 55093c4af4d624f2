"""Chinese resident ID numbers (GB 11643-1999 and its 15-digit predecessor)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from itertools import repeat
from operator import eq, itemgetter, mod, mul

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.values import halfwidth

_CHECK_CHARS = "10X98765432"
_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_LAST_CHARS = frozenset("0123456789X")
_FIRST17, _BORN, _SEX_DIGIT, _LAST = (
    itemgetter(slice(0, 17)),
    itemgetter(slice(6, 14)),
    itemgetter(16),
    itemgetter(17),
)
_SEX = {digit: "M" if digit in "13579" else "F" for digit in "0123456789"}
_ID15 = re.compile(r"[0-9]{15}")
_EARLIEST_BIRTH = date(1900, 1, 1)
_EARLIEST_BIRTH_TEXT = _EARLIEST_BIRTH.isoformat()


def check_digit(first17: str) -> str:
    """The check character for the first 17 digits of an 18-digit ID (GB 11643-1999): the
    digits weighted 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2, summed, mod 11."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("the check digit needs exactly 17 digits")
    # The weights are 2**(17-i) mod 11, and 13 = 2 (mod 11), so reading the 17 digits in base 13
    # gives half the weighted sum mod 11 without a Python-level loop.
    return _CHECK_CHARS[int(first17, 13) * 2 % 11]


def to_18(id15: str) -> str:
    """The 18-digit form of an old 15-digit ID: `19` after the region, plus the check digit."""
    id15 = id15.strip()
    if _ID15.fullmatch(id15) is None:
        raise ValueError("a 15-digit ID must be 15 digits")
    first17 = id15[:6] + "19" + id15[6:]
    return first17 + check_digit(first17)


def id_parts(raw: str, today: date) -> tuple[str, str, date, str]:
    """Validate an 18- or 15-digit ID number: (its 18-digit form, the form given, birth date,
    gender "M" or "F")."""
    given = raw.strip().upper()
    if len(given) == 18:
        # Plain ASCII digits are the common case, and cheaper to see than with the pattern.
        plain = given.isascii() and given[:17].isdigit() and given[17] in _LAST_CHARS
        number = given if plain else _digits_only(given, _ID18)
        expected = check_digit(number[:17])
        if number[17] != expected:
            # The date is a plainer mistake to report than the checksum it also breaks.
            _birth_date(number[6:14], today)
            raise ValueError(t("rj.check_digit", digit=expected))
    elif len(given) == 15:
        number = to_18(given if _ID15.fullmatch(given) else _digits_only(given, _ID15))
    else:
        raise ValueError(t("rj.id_length", length=len(given)))
    born = _birth_date(number[6:14], today)
    return number, given, born, "M" if number[16] in "13579" else "F"


def plain_id_facts(number: str, today_text: str) -> tuple[str, str] | None:
    """Birth date (ISO text) and gender of a valid 18-digit ID number written the way exports
    usually write it: ASCII digits, upper-case X, nothing around it. None for anything else,
    valid or not: `id_parts` judges those and says what is wrong. `today_text` is ISO too."""
    if len(number) != 18 or not number.isascii() or not number[:17].isdigit():
        return None
    # check_digit's formula written inline: this runs once per row of a mixed column.
    if number[17] != _CHECK_CHARS[int(number[:17], 13) * 2 % 11]:
        return None
    born = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    if not _EARLIEST_BIRTH_TEXT <= born <= today_text:
        return None
    try:
        date.fromisoformat(born)
    except ValueError:
        return None
    return born, "M" if number[16] in "13579" else "F"


def plain_id_column(numbers: Sequence[object], today: date) -> tuple[list[str], list[str]] | None:
    """Birth dates (ISO text) and genders of a column of ID numbers when every one is a valid
    18-digit number written plainly (as `plain_id_facts` takes them), else None. The checks run
    from C over the whole column: a batch of a clean export costs no Python step per number."""
    if not numbers:
        return [], []
    try:
        if not all(map(_ID18.fullmatch, numbers)):
            return None
    except TypeError:  # not all text
        return None
    # The check digit of each, as in check_digit: base-13 value * 2 mod 11.
    sums = map(mul, map(int, map(_FIRST17, numbers), repeat(13)), repeat(2))
    expected = map(_CHECK_CHARS.__getitem__, map(mod, sums, repeat(11)))
    if not all(map(eq, expected, map(_LAST, numbers))):
        return None
    try:
        born = list(map(date.fromisoformat, map(_BORN, numbers)))
    except ValueError:
        return None
    if min(born) < _EARLIEST_BIRTH or max(born) > today:
        return None
    return list(map(date.isoformat, born)), list(map(_SEX.__getitem__, map(_SEX_DIGIT, numbers)))


def _digits_only(given: str, form: re.Pattern[str]) -> str:
    # Full-width digits are the same number typed with a Chinese input method.
    converted = halfwidth(given)
    if form.fullmatch(converted) is None:
        raise ValueError(t("rj.non_digits"))
    return converted


def _birth_date(yyyymmdd: str, today: date) -> date:
    try:
        born = date.fromisoformat(yyyymmdd)
    except ValueError:
        raise ValueError(t("rj.id_birth_unreal", day=yyyymmdd)) from None
    if born > today:
        raise ValueError(t("rj.id_birth_future", day=yyyymmdd))
    if born < _EARLIEST_BIRTH:
        raise ValueError(t("rj.id_birth_1900", day=yyyymmdd))
    return born


def _canonical(number: str) -> str:
    number = halfwidth(number.strip().upper())
    if _ID15.fullmatch(number):
        return to_18(number)
    return number


def is_same_person(a: str, b: str) -> bool:
    """True when two ID numbers are the same, counting a 15-digit ID and its 18-digit form."""
    first = _canonical(a)
    return bool(first) and first == _canonical(b)
