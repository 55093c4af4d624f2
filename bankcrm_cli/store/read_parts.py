"""What the everyday reads' statements share (store/read_statements.py): a list of values
bound as one parameter, and the customer's columns every follow-up row starts with."""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import add
from typing import Any

import orjson
from sqlalchemy import ARRAY, String, bindparam, case, func
from sqlalchemy.types import TypeEngine

from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.store.tables import customers_table

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


def listed(dialect: str, name: str | None, kind: TypeEngine, values: Iterable[Any] | None = None):
    """A list of values as a one-column (`value`) table: SQLite reads them from a JSON array
    (json_each), PostgreSQL from an array (unnest). Many keys are then one parameter and one
    index probe each, where an IN list binds a parameter per value (SQLite allows only so
    many, and SQLAlchemy spends longer rendering thousands than the database finding them).

    Without `values`, they are bound by `name` when the statement runs; with them, now.
    """
    given = values is not None
    if dialect == "sqlite":
        text = orjson.dumps(list(values)).decode() if given else None
        bound = bindparam(name, text, type_=String, unique=given, required=not given)
        return func.json_each(bound).table_valued("value")
    bound = bindparam(
        name, list(values) if given else None, type_=ARRAY(kind), unique=given, required=not given
    )
    return func.unnest(bound).table_valued("value").render_derived()


def customer_filters(rm: bool, branch: bool, customer: bool = False) -> list:
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
