"""The lunar birthday key of imported customers, kept in step with their birth date."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from bankcrm_cli.store.queries.importing import (
    clear_lunar_keys,
    lunar_birthday_rows,
    set_lunar_keys,
)


def refresh_lunar_keys(conn: Connection, changed_since: datetime | None = None) -> int:
    """Set the lunar birthday key of lunar-birthday customers whose key is missing or stale,
    and clear it elsewhere; only rows changed since `changed_since` if given (an import's own
    rows: the others were kept right when they last changed). Returns how many rows changed."""
    from bankcrm_cli.domain.birthdays import LUNAR_FIRST_DAY, LUNAR_LAST_DAY, lunar_mmdd_lookup

    cleared = clear_lunar_keys(conn, changed_since)
    rows = lunar_birthday_rows(conn, changed_since)
    changes = []
    lunar_mmdd = lunar_mmdd_lookup(len(rows))
    for customer_id, born, stored in rows:
        key = lunar_mmdd(born) if LUNAR_FIRST_DAY <= born <= LUNAR_LAST_DAY else None
        if key != stored:
            changes.append((customer_id, key))
    set_lunar_keys(conn, changes)
    return cleared + len(changes)
