"""What an import is asked to do, and what it did: plain values that cross the layers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ProgressCallback = Callable[[int, int], None]


@dataclass
class ImportRequest:
    """What to import and how; plain values, as parsed by the CLI."""

    kind: str
    path: Path
    today: date
    actor: str
    encoding: str | None = None
    header_map: Mapping[str, str] | None = None
    rejects_path: Path | None = None
    dry_run: bool = False
    strict: bool = False


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a strict refusal, would have done)."""

    kind: str
    file: str
    format: str = ""
    encoding: str | None = None
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejects_file: str | None = None
    unknown_columns: list[str] = field(default_factory=list)
    currency_defaulted: int = 0
    # Rows of this import whose ID number another customer number already has (or gets).
    duplicates: int | None = None
    # Rows naming a customer number merged into another: they went to the survivor.
    merged_numbers: int = 0
    # Customer rows naming an RM code the store has no RM for, and those codes.
    unknown_rms: int = 0
    unknown_rm_codes: list[str] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    strict_refused: bool = False
