"""Whether a store file's schema is exactly the one its revision defines, and if not, how it
differs, in words a user can act on."""

from __future__ import annotations

from pathlib import Path

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.store.schema_shape import Key, SchemaShape, read_schema_shape, revision_shape

# Differences named in the one-line refusal; the rest are counted.
_SHOWN = 4
# The kinds of part, in the order their differences are named.
_WHAT = ("table", "column", "index", "trigger", "view", "foreign keys")


def _place(key: Key) -> str:
    kind, table, name = key
    return t(f"sc.place.{kind}", table=table, name=name)


def _difference(key: Key, found: SchemaShape, expected: SchemaShape) -> str:
    kind, table, name = key
    if key not in expected.parts:
        if kind in ("table", "view"):
            return t("sc.extra", place=_place(key))
        return t("sc.extra_part", table=table, what=t(f"sc.what.{kind}"), name=name)
    if key not in found.parts:
        return t("sc.missing", place=_place(key))
    if kind == "table":
        return t("sc.checks", table=table)
    if kind == "column":
        has, makes = _column(found.parts[key]), _column(expected.parts[key])
        return t("sc.column_differs", place=_place(key), has=has, makes=makes)
    return t("sc.not_as_made", place=_place(key))


def _column(described: object) -> str:
    kind, notnull, default, _pk = described  # type: ignore[misc]
    words = [kind or t("sc.untyped"), "NOT NULL" if notnull else "NULL"]
    return " ".join([*words, f"DEFAULT {default}"] if default is not None else words)


def schema_differences(found: SchemaShape, expected: SchemaShape) -> list[str]:
    """Each way `found` differs from `expected`, one phrase each: additions first."""
    keys = found.parts.keys() | expected.parts.keys()
    differing = [k for k in keys if found.parts.get(k) != expected.parts.get(k)]
    # A missing or extra table is said once, not once per column and index of it.
    whole = {
        k[1] for k in differing if k[0] == "table" and (k in found.parts) != (k in expected.parts)
    }
    differing = [k for k in differing if k[0] == "table" or k[1] not in whole or k[0] == "view"]
    order = list(_WHAT)

    def rank(key: Key) -> tuple:
        # What the file adds (a trigger, a view) matters most, then what it changes.
        added, missing = key not in expected.parts, key not in found.parts
        return (0 if added else 2 if missing else 1, key[1], order.index(key[0]), key[2])

    differing.sort(key=rank)
    return [_difference(key, found, expected) for key in differing]


def check_schema(path: Path, revision: str) -> None:
    """Refuse a store file whose schema is not exactly that of its `revision`."""
    differences = schema_differences(read_schema_shape(path), revision_shape(revision))
    if not differences:
        return
    said = t("sc.separator").join(differences[:_SHOWN])
    if len(differences) > _SHOWN:
        said += t("sc.more", count=len(differences) - _SHOWN)
    raise UnusableInput(t("sc.refused", path=path, revision=revision, said=said))
