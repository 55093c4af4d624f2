"""Valid test data built by the same rules the importer checks."""

from __future__ import annotations

from bankcrm_cli.domain.identity import check_digit


def make_id(birth: str = "19850307", seq: int = 123, region: str = "110105") -> str:
    """An 18-digit resident ID with a correct check digit (odd seq = male)."""
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + check_digit(first17)


def make_id15(birth6: str = "850307", seq: int = 124, region: str = "110105") -> str:
    """An old 15-digit ID (births 19YY)."""
    return f"{region}{birth6}{seq:03d}"


def customer_table_row(customer_id: str) -> dict:
    """A whole customers-table row (every column, mostly None) for tests of the store's readers
    and writers, with the kinds of value they must carry: a date, a flag, cents, UTC moments."""
    from datetime import UTC, date, datetime

    from bankcrm_cli.store.tables import customers_table

    now = datetime(2026, 11, 29, 1, 2, 3, 456789, tzinfo=UTC)
    values = {column.name: None for column in customers_table.columns}
    values.update(
        customer_id=customer_id,
        name="张伟",
        birth_date=date(1985, 3, 7),
        lunar_birthday=True,
        aum_cents=123,
        created_at=now,
        updated_at=now,
    )
    return values
