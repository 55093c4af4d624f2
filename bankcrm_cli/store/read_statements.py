"""The everyday reads as SQLAlchemy Core statements, their one definition.

On PostgreSQL they run as they are. On SQLite their text, compiled ahead into
`store/compiled_reads.py`, runs through the standard library's `sqlite3` (`store/reads.py`):
a read command then never loads SQLAlchemy, which alone takes longer to import than the
whole of a small read (benchmarks/README.md, "Everyday reads"). `python -m
bankcrm_cli.store.read_statements` writes that file again after a statement here changes;
tests/store/test_compiled_reads.py fails while the two differ.

Each read is named, takes yes/no choices of its shape (a filter given or not) and binds the
values it is run with by name; a list of values is one parameter (a JSON array on SQLite, an
array on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Select
from sqlalchemy.types import NullType, TypeDecorator, TypeEngine

from bankcrm_cli.store import followup_statements as followups
from bankcrm_cli.store import profile_statements as profile
from bankcrm_cli.store.tables import UTCDateTime

# Each read by name, with the names of its yes/no choices in the order its builder takes them.
READS: dict[str, tuple[Callable[..., Select], tuple[str, ...]]] = {
    "birthday_rows": (followups.birthday_rows, ("rm", "branch", "customer")),
    "maturity_rows": (followups.maturity_rows, ("rm", "branch", "account")),
    "open_callback_rows": (followups.open_callback_rows, ("rm", "branch")),
    "complaint_deadline_rows": (followups.complaint_deadline_rows, ("rm", "branch")),
    "latest_actions": (followups.latest_actions, ()),
    "snoozed_until_between": (followups.snoozed_until_between, ()),
    "call_list_rows": (followups.call_list_rows, ("rm", "branch")),
    "rm_code_known": (followups.rm_code_known, ()),
    "customer_row": (profile.customer_row, ()),
    "holding_rows": (profile.holding_rows, ()),
    "rm_row": (profile.rm_row, ()),
    "alias_survivor": (profile.alias_survivor, ()),
    "aliases_of": (profile.aliases_of, ()),
    "history_rows_of_customers": (profile.history_rows_of_customers, ()),
    "sent_delivery_rows": (profile.sent_delivery_rows, ()),
    "customer_memberships": (profile.customer_memberships, ()),
    "customer_steps": (profile.customer_steps, ()),
    "complaint_rows_of_customer": (profile.complaint_rows_of_customer, ()),
}


def statement(dialect: str, name: str, shape: tuple[bool, ...]) -> Select:
    builder, _choices = READS[name]
    return builder(dialect, *shape)


def core_rows(conn: Connection, name: str, shape: tuple[bool, ...], params: Mapping[str, Any]):
    """The read run through SQLAlchemy (PostgreSQL and other servers)."""
    return conn.execute(statement(conn.dialect.name, name, shape), dict(params)).fetchall()


def core_in_background(conn: Connection, name: str, shape: tuple[bool, ...], params):
    """The read on a connection of its own, in a thread (`fast_reads.BackgroundRead`)."""
    from bankcrm_cli.store.fast_reads import BackgroundRead

    query = statement(conn.dialect.name, name, shape).params(**params)
    return BackgroundRead(conn, query)


# How a column's stored value becomes the value SQLAlchemy would hand back, by its type:
# a day, a flag, a moment (UTCDateTime: stored in UTC without a zone, handed back aware).
def _kind(column_type: TypeEngine) -> str | None:
    if isinstance(column_type, UTCDateTime):
        return "utc"
    if isinstance(column_type, TypeDecorator):
        if type(column_type).process_result_value is not TypeDecorator.process_result_value:
            raise TypeError(f"a compiled read cannot read a {type(column_type).__name__} column")
        column_type = column_type.impl_instance
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, DateTime):
        raise TypeError("a compiled read reads moments as UTCDateTime columns only")
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, NullType):  # an expression's (row_number, a sum of cases)
        return None
    if column_type.python_type not in (str, int):
        raise TypeError(f"a compiled read cannot read a {column_type!r} column")
    return None


def _shapes(count: int):
    for number in range(2**count):
        yield tuple(bool(number >> bit & 1) for bit in range(count))


def compiled_module() -> str:
    """The text of store/compiled_reads.py: every read in every shape, compiled for SQLite."""
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    dialect = SQLiteDialect_pysqlite(paramstyle="named")
    lines = [
        '"""The everyday reads compiled for SQLite (store/read_statements.py, which writes this',
        "file: python -m bankcrm_cli.store.read_statements). Do not edit.",
        "",
        "Each read and shape: (SQL, column names, each column's kind, fixed parameters).",
        '"""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "READS = {",
    ]
    for name, (_builder, choices) in READS.items():
        lines.append(f"    {name!r}: {{")
        for shape in _shapes(len(choices)):
            query = statement("sqlite", name, shape)
            compiled = query.compile(dialect=dialect)
            if "POSTCOMPILE" in str(compiled):
                raise TypeError(f"{name}: an IN list of values is one parameter here (_listed)")
            fixed = {
                key: value
                for key, value in compiled.params.items()
                if key not in compiled.binds or not compiled.binds[key].required
            }
            columns = tuple(column.key for column in query.selected_columns)
            kinds = tuple(_kind(column.type) for column in query.selected_columns)
            lines.append(f"        {shape!r}: (")
            lines.append(f"            {str(compiled)!r},")
            lines.append(f"            {columns!r},")
            lines.append(f"            {kinds!r},")
            lines.append(f"            {fixed!r},")
            lines.append("        ),")
        lines.append("    },")
    lines += ["}", "# fmt: on", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).with_name("compiled_reads.py")
    target.write_text(compiled_module(), encoding="utf-8")
    print(f"wrote {target.name}")
