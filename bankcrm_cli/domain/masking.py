"""Masking personal data for screens: ID numbers, phone numbers, e-mail addresses."""

from __future__ import annotations


def mask_text(s: str | None, keep_start: int, keep_end: int) -> str:
    """`s` with all but `keep_start` leading and `keep_end` trailing characters as `*`."""
    if not s:
        return ""
    hidden = len(s) - keep_start - keep_end
    # Too short to hide anything in the middle: showing the ends would show it all.
    if hidden <= 0:
        return "*" * len(s)
    return s[:keep_start] + "*" * hidden + (s[len(s) - keep_end :] if keep_end else "")


def mask_id(number: str | None) -> str:
    """An ID number with its region and last 4 shown: `110105********002X`."""
    if not number:
        return ""
    number = number.strip()
    # Region and sequence of an 18- or 15-digit ID; anything shorter shows less.
    if len(number) >= 15:
        return mask_text(number, 6, 4)
    return mask_text(number, 2, 2)


def mask_phone(number: str | None) -> str:
    """A phone number with its first 3 and last 4 digits shown: `138****8000`."""
    if not number:
        return ""
    number = number.strip()
    if len(number) >= 11:
        return mask_text(number, 3, 4)
    return mask_text(number, 2, 2)


def mask_email(address: str | None) -> str:
    """An e-mail address with the first letter and the domain shown: `z***@example.com`."""
    if not address:
        return ""
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return mask_text(address, 0, 0)
    # A fixed three stars, so the mask does not tell the length of the name.
    return f"{local[0]}***@{domain}"
