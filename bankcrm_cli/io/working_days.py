"""China's working days kept between runs, in the user's cache folder.

Importing the `holidays` package takes longer than a whole bank's follow-up queries (its 50
country-and-calendar modules; benchmarks/README.md), and its answer for a year changes only
with the package. So a year's working days are worked out once (`china_working_days`) and kept as
a line of 0s and 1s, under a fingerprint of the installed `holidays`: another release, or a
patched China calendar, and the years are worked out again. The cache is only ever a copy: a
folder that cannot be written, or a file that cannot be read, costs the import, nothing else.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from calendar import isleap
from pathlib import Path

from bankcrm_cli.domain.calendar import china_working_days

CACHE_FILE = "china-working-days.json"

# Bumped when what is kept, or how `china_working_days` reads the package, changes.
FORMAT = 1

# The files whose contents name the answers: the release, and the China calendar itself.
_SOURCE_FILES = ("version.py", "countries/china.py")


def holidays_fingerprint() -> str | None:
    """A digest of the installed `holidays` release and China calendar (None if not found)."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    try:
        for name in _SOURCE_FILES:
            digest.update((root / name).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _valid(year: str, flags: object) -> bool:
    return (
        isinstance(flags, str)
        and year.isdigit()
        and len(flags) == (366 if isleap(int(year)) else 365)
        and not flags.strip("01")
    )


class CachedWorkingDays:
    """`china_working_days`, answered from `folder` when it has the year (a `YearDays`)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        self._years: dict[str, str] | None = None
        self._source: str | None = None

    def __call__(self, year: int) -> str:
        years = self._load()
        flags = years.get(str(year))
        if flags is None:
            flags = years[str(year)] = china_working_days(year)
            if self._source is not None:
                self._save(years)
        return flags

    def _load(self) -> dict[str, str]:
        if self._years is not None:
            return self._years
        self._source = holidays_fingerprint()
        self._years = {}
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return self._years
        if not isinstance(kept, dict) or self._source is None:
            return self._years
        years = kept.get("years")
        if kept.get("source") == self._source and isinstance(years, dict):
            self._years = {y: f for y, f in years.items() if _valid(y, f)}
        return self._years

    def _save(self, years: dict[str, str]) -> None:
        from bankcrm_cli.domain.errors import CrmError
        from bankcrm_cli.io.atomic import write_atomically

        document = json.dumps({"source": self._source, "years": dict(sorted(years.items()))})
        try:
            write_atomically(self.path, document.encode("utf-8"))
        except (OSError, CrmError):  # not writable, or a folder in the way: no copy, that's all
            return
