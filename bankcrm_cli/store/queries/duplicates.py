"""Reading customers grouped for the duplicate search: by ID number, by birth date."""

from __future__ import annotations

from sqlalchemy import Connection, Result, func, select

from bankcrm_cli.store.tables import customers_table

_c = customers_table.c
# In the order of `domain.duplicates.Person`'s fields: the service builds one per row.
_PERSON_COLUMNS = [
    _c[name]
    for name in (
        "customer_id",
        "name",
        "id_number",
        "id_number_raw",
        "birth_date",
        "gender",
        "phone",
        "email",
    )
]


def rows_sharing_an_id_number(conn: Connection) -> Result:
    """Person rows whose ID number another record has too, ordered by ID number."""
    repeated = (
        select(_c.id_number)
        .where(_c.id_number.is_not(None))
        .group_by(_c.id_number)
        .having(func.count() > 1)
    )
    return conn.execute(
        select(*_PERSON_COLUMNS).where(_c.id_number.in_(repeated)).order_by(_c.id_number)
    )


def rows_by_birth_date(conn: Connection) -> Result:
    """Person rows with a birth date, ordered by it, fetched in batches as they are read."""
    return conn.execution_options(yield_per=10_000).execute(
        select(*_PERSON_COLUMNS).where(_c.birth_date.is_not(None)).order_by(_c.birth_date)
    )
