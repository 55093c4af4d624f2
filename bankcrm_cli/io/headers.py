"""Header names to canonical import fields, and the `--map FILE` that teaches new ones."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.domain.fields import ALIASES_BY_KIND, FIELDS_BY_KIND, REQUIRED_COLUMNS

# "Customer ID", "customer-id" and "CUSTOMER_ID" are one header; so are "客户 号" and "客户　号".
_SEPARATORS = str.maketrans("", "", "-_")


@dataclass
class ColumnMapping:
    """Which canonical field each header position feeds, and which headers are left unused."""

    fields: list[str | None]  # canonical field per header position; None = not used
    unknown: list[str]  # header names kept out of the way, with a note when it is a duplicate

    def index(self) -> dict[str, int]:
        """Canonical field → its column position, for the fields the file has."""
        return {field: i for i, field in enumerate(self.fields) if field is not None}


def normalise_header(h: str) -> str:
    """Fold a header name so case, whitespace (incl. U+3000), `-` and `_` do not matter."""
    # NFKC turns full-width letters and the ideographic space into their plain forms.
    h = unicodedata.normalize("NFKC", h.lstrip("\ufeff"))
    h = "".join(h.split()).translate(_SEPARATORS).casefold()
    # Dropping spaces and folding case can leave sequences NFKC would compose; compose them.
    return unicodedata.normalize("NFKC", h)


def _fields_of(kind: str) -> tuple[str, ...]:
    try:
        return FIELDS_BY_KIND[kind]
    except KeyError:
        raise ValueError(f"unknown import kind {kind!r}") from None  # a programming error


def _resolve_map_targets(
    header_map: Mapping[str, str], kind: str, fields: Sequence[str]
) -> dict[str, str]:
    """Normalised file header → canonical field, refusing targets this kind does not have."""
    canonical = {normalise_header(f): f for f in fields}
    resolved: dict[str, str] = {}
    for source, target in header_map.items():
        field = canonical.get(normalise_header(target))
        if field is None:
            raise UnusableInput(
                t(
                    "in.map_target",
                    source=source,
                    target=target,
                    kind=t(f"in.kind.{kind}"),
                    fields=", ".join(fields),
                )
            )
        resolved[normalise_header(source)] = field
    return resolved


def resolve_columns(
    header: Sequence[str],
    kind: str,
    header_map: Mapping[str, str] | None = None,
    *,
    source: str | None = None,
) -> ColumnMapping:
    """Map each header to a canonical field of `kind`; `header_map` wins over built-in aliases.

    `source` names the file in error messages (e.g. "customers.csv").
    """
    fields = _fields_of(kind)
    mapped = _resolve_map_targets(header_map or {}, kind, fields)
    builtin: dict[str, str] = {}
    for field in fields:
        builtin[normalise_header(field)] = field
        for alias in ALIASES_BY_KIND[kind].get(field, ()):
            builtin.setdefault(normalise_header(alias), field)

    keys = [normalise_header(h) for h in header]
    result: list[str | None] = [None] * len(header)
    taken: dict[str, int] = {}
    # Columns named by --map claim their field first, so a map can pick the second of two
    # phone columns even though the built-in alias matches the first.
    for lookup in (mapped, builtin):
        for i, key in enumerate(keys):
            if result[i] is not None:
                continue
            field = lookup.get(key)
            if field is not None and field not in taken:
                taken[field] = i
                result[i] = field

    unknown: list[str] = []
    for i, (name, key) in enumerate(zip(header, keys, strict=True)):
        if result[i] is not None or not key:
            continue
        field = mapped.get(key) or builtin.get(key)
        unknown.append(
            t("in.duplicate_column", name=name.strip(), field=field) if field else name.strip()
        )

    missing = [f for f in REQUIRED_COLUMNS[kind] if f not in taken]
    if missing:
        raise UnusableInput(_missing_message(source or t("in.the_file"), kind, missing, header_map))
    return ColumnMapping(fields=result, unknown=unknown)


def _missing_message(
    source: str, kind: str, missing: Sequence[str], header_map: Mapping[str, str] | None
) -> str:
    parts = []
    for field in missing:
        names = [field, *ALIASES_BY_KIND[kind].get(field, ())]
        names += [h for h, target in (header_map or {}).items() if target == field]
        parts.append(t("in.no_column", field=field, names=", ".join(names)))
    return t("in.missing_columns", source=source, parts=t("in.and").join(parts))


def load_header_map(path: Path) -> dict[str, str]:
    """Read a `--map` TOML file of `"手机" = "phone"` pairs, top level or in a `[columns]` table."""
    from bankcrm_cli.io.outputs import guard_input

    guard_input(path, "map_file")
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise UnusableInput(t("in.map_missing", path=path)) from None
    except IsADirectoryError:
        raise UnusableInput(t("in.map_folder", path=path)) from None
    except OSError as e:
        raise UnusableInput(t("in.map_unreadable", path=path, reason=e.strerror)) from None
    except UnicodeDecodeError:
        raise UnusableInput(t("in.map_not_utf8", path=path)) from None
    except tomllib.TOMLDecodeError as e:
        raise UnusableInput(t("in.map_not_toml", path=path, detail=e)) from None

    pairs: dict[str, object] = {k: v for k, v in data.items() if k != "columns"}
    columns = data.get("columns")
    if isinstance(columns, dict):
        pairs.update(columns)
    elif columns is not None:
        pairs["columns"] = columns

    result: dict[str, str] = {}
    for header, field in pairs.items():
        if not isinstance(field, str):
            raise UnusableInput(t("in.map_not_text", path=path, header=header, field=field))
        result[header] = field
    return result
