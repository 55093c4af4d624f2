"""Valid test data built by the same rules the importer checks."""

from __future__ import annotations

from bankcrm_cli.domain.identity import check_digit


def make_id(birth: str = "19850307", seq: int = 123, region: str = "110105") -> str:
    """An 18-digit resident ID with a correct check digit (odd seq = male)."""
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + check_digit(first17)


def make_id15(birth6: str = "850307", seq: int = 124, region: str = "110105") -> str:
    """An old 15-digit ID (births 19YY)."""
    return f"{region}{birth6}{seq:03d}"
