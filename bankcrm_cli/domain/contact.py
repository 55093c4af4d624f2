"""Contact details: mobile numbers, e-mail addresses, fax or landline numbers, postal codes."""

from __future__ import annotations

import re

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.values import halfwidth, integral_text, quote

MOBILE_PATTERN = re.compile(r"1[3-9][0-9]{9}")
# Control characters, spaces and the list separators people paste between addresses.
EMAIL_PATTERN = re.compile(
    r"[^@\s\x00-\x1f\x7f,;<>]+@(?:[^@\s\x00-\x1f\x7f,;<>.]+\.)+[^@\s\x00-\x1f\x7f,;<>.]+"
)
_FAX = re.compile(r"\+?[0-9()\-]+")
_POSTAL_CODE = re.compile(r"[0-9]{6}")


def _cell_text(raw: object, what: str) -> str:
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, (int, float)):
        digits = integral_text(raw)
        if digits is not None:
            return digits
    raise ValueError(f"not {what}: {quote(raw)}")


def parse_mobile(raw: object) -> str:
    """The 11 digits of a mainland mobile number, without spaces, dashes or a +86/0086 prefix."""
    if isinstance(raw, str):
        if len(raw) == 11 and MOBILE_PATTERN.fullmatch(raw):
            return raw
        text = halfwidth(raw.strip())
    elif type(raw) is int:
        text = str(raw)  # a spreadsheet number cell
    else:
        text = _cell_text(raw, "a mainland mobile number")
    text = text.replace(" ", "").replace("-", "")
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if MOBILE_PATTERN.fullmatch(text) is None:
        raise ValueError(t("rj.not_mobile", value=quote(raw)))
    return text


def parse_email(raw: object) -> str:
    """An e-mail address, stripped, its domain lower-cased."""
    text = raw.strip() if isinstance(raw, str) else ""
    if EMAIL_PATTERN.fullmatch(text) is None:
        raise ValueError(t("rj.not_email", value=quote(raw)))
    if text.islower() or text.lower() == text:
        return text
    # The local part is case-sensitive in principle; only the domain is safe to fold.
    at = text.index("@") + 1
    return text[:at] + text[at:].lower()


def parse_fax(raw: object) -> str:
    """A fax or landline number of 7 to 20 digits; `+`, `-` and parentheses kept, spaces removed."""
    if isinstance(raw, str) and raw.isascii():
        text = raw.strip().replace(" ", "")
    else:
        text = halfwidth(_cell_text(raw, "a fax number")).replace(" ", "")
    if _FAX.fullmatch(text) is None:
        raise ValueError(t("rj.not_fax", value=quote(raw)))
    # The pattern admits only digits and `+-()`, so the rest are digits.
    digits = len(text) - text.count("-") - text.count("(") - text.count(")") - text.count("+")
    if not 7 <= digits <= 20:
        raise ValueError(t("rj.not_fax", value=quote(raw)))
    return text


def parse_postal_code(raw: object) -> str:
    """A 6-digit postal code; a number from a spreadsheet gets back its leading zeros."""
    if isinstance(raw, str) and len(raw) == 6 and raw.isdigit() and raw.isascii():
        return raw
    if type(raw) is int and 0 <= raw <= 999999:
        return f"{raw:06d}"
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        digits = integral_text(raw)
        if digits is not None and 0 <= int(digits) <= 999999:
            return digits.zfill(6)
    elif isinstance(raw, str):
        text = halfwidth(raw.strip())
        if _POSTAL_CODE.fullmatch(text):
            return text
    raise ValueError(t("rj.not_postal_code", value=quote(raw)))
