"""Column details of the store's tables, as plain values for code that must not hold tables
(an import's validation, which runs in a worker process too)."""

from __future__ import annotations

from collections.abc import Sequence


def column_kinds(table_name: str, names: Sequence[str]) -> list[str | None]:
    """For each named column: "date", "boolean", or None for any other type."""
    from sqlalchemy import Boolean, Date

    from bankcrm_cli.store.bulk.base import table_named

    table = table_named(table_name)
    kinds: list[str | None] = []
    for name in names:
        kind_of = table.c[name].type
        if isinstance(kind_of, Date):
            kinds.append("date")
        elif isinstance(kind_of, Boolean):
            kinds.append("boolean")
        else:
            kinds.append(None)
    return kinds


def text_lengths(table_name: str) -> dict[str, int | None]:
    """Each column's maximum length, None where it has none."""
    from bankcrm_cli.store.bulk.base import table_named

    table = table_named(table_name)
    return {column.name: getattr(column.type, "length", None) for column in table.c}
