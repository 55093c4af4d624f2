"""SUM of money in integer cents that cannot overflow on either store.

PostgreSQL's SUM of a bigint is a numeric: exact, never overflowing. SQLite's SUM of integers
stops the query with "integer overflow" once a running total passes 2**63 - 1 cents; here it
adds each amount's high and low 24 bits separately (neither running total can overflow: that
would take 2**24 rows at the largest 64-bit value, or 2**39 rows at any value) and joins them
once, in arithmetic that SQLite turns to floating point rather than fail. A total within
64 bits (¥92 quadrillion) is exact to the cent; no total is ever an error.
"""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

_LOW_BITS = 24


class money_sum(FunctionElement):  # noqa: N801 (used like func.sum)
    """SUM(cents) that never overflows (NULL when there is nothing to add)."""

    type = BigInteger()
    name = "money_sum"
    inherit_cache = True


@compiles(money_sum)
def _plain_sum(element: money_sum, compiler, **kw) -> str:
    return f"sum({compiler.process(element.clauses, **kw)})"


@compiles(money_sum, "sqlite")
def _split_sum(element: money_sum, compiler, **kw) -> str:
    cents = compiler.process(element.clauses, **kw)
    low = (1 << _LOW_BITS) - 1
    return f"(sum(({cents}) >> {_LOW_BITS}) * {1 << _LOW_BITS} + sum(({cents}) & {low}))"
