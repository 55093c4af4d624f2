"""Relationship-manager codes: one form, whoever typed them and however.

`rm001`, `ＲＭ００１` (full-width, from a Chinese input method) and ` RM001 ` all name RM001:
codes are compared and stored in that one form, on import and in every `--rm` option.
"""

from __future__ import annotations

import unicodedata


def normalise_rm_code(code: str) -> str:
    """The code's one form: full-width letters and digits as ASCII, upper case, no spaces
    around it."""
    if code.isascii():
        return code.strip().upper()
    return unicodedata.normalize("NFKC", code).strip().upper()
