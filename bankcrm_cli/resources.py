"""Where built-in templates and sample data live: the installed package, else the checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent
_CHECKOUT = _PACKAGE.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def templates_dir() -> Path:
    return _first_existing(_PACKAGE / "builtin_templates", _CHECKOUT / "templates")


def sample_data_dir() -> Path:
    return _first_existing(_PACKAGE / "builtin_sample_data", _CHECKOUT / "sample_data")
