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
from functools import reduce
from operator import add
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.types import TypeDecorator, TypeEngine

from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.store.tables import (
    campaign_members_table,
    campaigns_table,
    complaints_table,
    contacts_table,
    customers_table,
    followup_actions_table,
    holdings_table,
    rms_table,
)

_c = customers_table.c

# The channels a customer refused, as one bit mask the store computes (bit i:
# CONSENT_CHANNELS[i] refused): a whole bank's day is thousands of rows, and five booleans a
# row cost more to read and check than one number.
_REFUSED_MASK = reduce(
    add,
    (
        case((_c[f"consent_{channel}"].is_(False), 1 << bit), else_=0)
        for bit, channel in enumerate(CONSENT_CHANNELS)
    ),
).label("refused")

# What an item needs of its customer, in this order: customer_id, name, rm_code, branch,
# aum_cents, phone, refused. Every follow-up read starts with these.
CUSTOMER_COLUMNS = [
    *(_c[name] for name in ("customer_id", "name", "rm_code", "branch")),
    _c.aum_cents,
    _c.phone,
    _REFUSED_MASK,
]


def _listed(dialect: str, name: str, kind: TypeEngine):
    """The values bound as `name`, as a one-column (`value`) table: SQLite reads them from a
    JSON array (json_each), PostgreSQL from an array (unnest). Many keys are then one
    parameter and one index probe each."""
    if dialect == "sqlite":
        return func.json_each(bindparam(name, type_=String)).table_valued("value")
    listed = bindparam(name, type_=ARRAY(kind))
    return func.unnest(listed).table_valued("value").render_derived()


def _customer_filters(rm: bool, branch: bool, customer: bool = False) -> list:
    # A day's birthdays, maturities, call-backs and complaints are far fewer than one RM's
    # customers. Compared as expressions (`|| ''`), these filters check the rows found instead
    # of leading the store to start from every customer of the RM or branch.
    conditions = []
    if rm:
        conditions.append(_c.rm_code + "" == bindparam("rm_code"))
    if branch:
        conditions.append(_c.branch + "" == bindparam("branch"))
    if customer:
        conditions.append(_c.customer_id == bindparam("customer_id"))
    return conditions


def birthday_rows(dialect: str, rm: bool, branch: bool, customer: bool) -> Select:
    """Customers whose Gregorian (or, for lunar ones, lunar) month-day key is in `gregorian`
    (or `lunar`): the customer's columns, birth_date, lunar_birthday."""
    gregorian = select(_listed(dialect, "gregorian", Integer).c.value)
    lunar = select(_listed(dialect, "lunar", Integer).c.value)
    return select(*CUSTOMER_COLUMNS, _c.birth_date, _c.lunar_birthday).where(
        or_(
            and_(_c.birth_mmdd.in_(gregorian), _c.lunar_birthday.is_not(True)),
            and_(_c.lunar_mmdd.in_(lunar), _c.lunar_birthday.is_(True)),
        ),
        *_customer_filters(rm, branch, customer),
    )


def maturity_rows(dialect: str, rm: bool, branch: bool, account: bool) -> Select:
    """Holdings maturing from `first` to `last` with their customers: the customer's columns,
    then account_id, product_type, product_name, amount_cents, currency, maturity_date,
    auto_rollover."""
    h = holdings_table.c
    query = (
        select(
            *CUSTOMER_COLUMNS,
            h.account_id,
            h.product_type,
            h.product_name,
            h.amount_cents,
            h.currency,
            h.maturity_date,
            h.auto_rollover,
        )
        .join(customers_table, _c.customer_id == h.customer_id)
        .where(
            h.maturity_date.between(bindparam("first", type_=Date), bindparam("last", type_=Date)),
            *_customer_filters(rm, branch),
        )
    )
    if account:
        query = query.where(h.account_id == bindparam("account_id"))
    return query


def open_callback_rows(dialect: str, rm: bool, branch: bool) -> Select:
    """Call-backs asked for on or before `last` and not closed, with their customers."""
    k = contacts_table.c
    return (
        select(*CUSTOMER_COLUMNS, k.id.label("contact_id"), k.next_date, k.next_note, k.outcome)
        .join(customers_table, _c.customer_id == k.customer_id)
        .where(k.next_date.is_not(None), k.callback_closed_at.is_(None))
        .where(k.next_date <= bindparam("last", type_=Date), *_customer_filters(rm, branch))
    )


def complaint_deadline_rows(dialect: str, rm: bool, branch: bool) -> Select:
    """Complaints in one of `statuses` due by `due_by`, with their customers."""
    t = complaints_table.c
    statuses = select(_listed(dialect, "statuses", String).c.value)
    return (
        select(
            *CUSTOMER_COLUMNS,
            t.id.label("complaint_id"),
            t.category,
            t.summary,
            t.due_date,
            t.policy,
            t.status,
        )
        .join(customers_table, _c.customer_id == t.customer_id)
        .where(t.status.in_(statuses), t.due_date <= bindparam("due_by", type_=Date))
        .where(*_customer_filters(rm, branch))
    )


def latest_actions(dialect: str) -> Select:
    """The done/snooze actions on the items of `item_ids`, oldest first."""
    a = followup_actions_table.c
    listed = _listed(dialect, "item_ids", String)
    return (
        select(a.item_id, a.action, a.until)
        .join_from(listed, followup_actions_table, a.item_id == listed.c.value)
        .order_by(a.id)
    )


def snoozed_until_between(dialect: str) -> Select:
    """The items ever snoozed until a day from `first` to `last`."""
    a = followup_actions_table.c
    return select(a.item_id).where(
        a.action == "snooze",
        a.until.between(bindparam("first", type_=Date), bindparam("last", type_=Date)),
    )


def call_list_rows(dialect: str, rm: bool, branch: bool) -> Select:
    """Each RM's campaign calls for `day`: members of active phone campaigns started by then
    (and not ended), not in the holdout, without an answer yet; the `calls_per_day` with the
    highest AUM per campaign and RM. The customer's columns, then member_id, campaign name and
    title, calls_per_day, rank."""
    k, m = campaigns_table.c, campaign_members_table.c
    day = bindparam("day", type_=Date)
    rank = (
        func.row_number()
        .over(
            partition_by=(m.campaign_id, _c.rm_code),
            order_by=(_c.aum_cents.desc().nulls_last(), _c.customer_id),
        )
        .label("rank")
    )
    base = (
        select(
            *CUSTOMER_COLUMNS,
            m.id.label("member_id"),
            k.name.label("campaign"),
            k.title,
            k.calls_per_day,
            rank,
        )  # fmt: skip
        .join(campaign_members_table, m.customer_id == _c.customer_id)
        .join(campaigns_table, k.id == m.campaign_id)
        .where(
            k.status == "active",
            func.coalesce(k.start_date, day) <= day,
            func.coalesce(k.end_date, day) >= day,
            ("," + k.channels + ",").contains(",phone,"),
            m.holdout.is_not(true()),
            m.status.in_([literal("targeted"), literal("contacted")]),
        )
    )
    if rm:
        base = base.where(_c.rm_code == bindparam("rm_code"))
    if branch:
        base = base.where(_c.branch == bindparam("branch"))
    ranked = base.subquery()
    return select(ranked).where(ranked.c.rank <= ranked.c.calls_per_day)


def rm_code_known(dialect: str) -> Select:
    """`rm_code` on the RM list or on some customer (a bank may load customers first)."""
    code = bindparam("rm_code")
    listed = select(rms_table.c.rm_code).where(rms_table.c.rm_code == code)
    assigned = select(_c.rm_code).where(_c.rm_code == code)
    return listed.union(assigned).limit(1)


# Each read by name, with the names of its yes/no choices in the order its builder takes them.
READS: dict[str, tuple[Callable[..., Select], tuple[str, ...]]] = {
    "birthday_rows": (birthday_rows, ("rm", "branch", "customer")),
    "maturity_rows": (maturity_rows, ("rm", "branch", "account")),
    "open_callback_rows": (open_callback_rows, ("rm", "branch")),
    "complaint_deadline_rows": (complaint_deadline_rows, ("rm", "branch")),
    "latest_actions": (latest_actions, ()),
    "snoozed_until_between": (snoozed_until_between, ()),
    "call_list_rows": (call_list_rows, ("rm", "branch")),
    "rm_code_known": (rm_code_known, ()),
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


# How a column's stored value becomes the value SQLAlchemy would hand back, by its type.
def _kind(column_type: TypeEngine) -> str | None:
    if isinstance(column_type, TypeDecorator):
        if type(column_type).process_result_value is not TypeDecorator.process_result_value:
            raise TypeError(f"a compiled read cannot read a {type(column_type).__name__} column")
        column_type = column_type.impl_instance
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, DateTime):
        raise TypeError("a compiled read cannot read a timestamp column")
    if isinstance(column_type, Date):
        return "date"
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
