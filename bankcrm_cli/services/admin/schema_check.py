"""Whether a store file's schema is exactly the one its revision defines, and if not, how it
differs, in words a user can act on."""

from __future__ import annotations

from pathlib import Path

from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.store.schema_shape import Key, SchemaShape, read_schema_shape, revision_shape

# Differences named in the one-line refusal; the rest are counted.
_SHOWN = 4
_WHAT = {
    "table": "table",
    "column": "a column",
    "index": "an index",
    "trigger": "a trigger",
    "view": "a view",
    "foreign keys": "foreign keys",
}


def _place(key: Key) -> str:
    kind, table, name = key
    if kind == "table":
        return f"table {table}"
    if kind == "view":
        return f"view {name}"
    if kind == "foreign keys":
        return f"the foreign keys of table {table}"
    return f"{_WHAT[kind].split()[-1]} {table}.{name}"


def _difference(key: Key, found: SchemaShape, expected: SchemaShape) -> str:
    kind, table, name = key
    if key not in expected.parts:
        if kind in ("table", "view"):
            return f"{_place(key)} is one no crm store has"
        return f"table {table} has {_WHAT[kind]} no crm store has: {name}"
    if key not in found.parts:
        return f"{_place(key)} is missing"
    if kind == "table":
        return f"table {table} has other CHECK constraints"
    if kind == "column":
        has, makes = _column(found.parts[key]), _column(expected.parts[key])
        return f"{_place(key)} is {has} where crm makes it {makes}"
    return f"{_place(key)} is not as crm makes it"


def _column(described: object) -> str:
    kind, notnull, default, _pk = described  # type: ignore[misc]
    words = [kind or "untyped", "NOT NULL" if notnull else "NULL"]
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
    said = "; ".join(differences[:_SHOWN])
    if len(differences) > _SHOWN:
        said += f"; and {len(differences) - _SHOWN} more"
    raise UnusableInput(
        f"{path} is not a store as crm makes it (schema version {revision}): {said}; "
        "restore a backup crm wrote"
    )
