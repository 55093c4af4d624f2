"""What follow-ups read and write: done/snooze actions on items and what an item's id names.

(The day's reads, birthdays, maturities, call-backs, complaint deadlines and the actions on a
day's items, are in store/queries/followups.py.)
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, select

from bankcrm_cli.store.tables import (
    campaign_members_table,
    complaints_table,
    contacts_table,
    customers_table,
    followup_actions_table,
    holdings_table,
)

# What a follow-up id names, by kind: the customer it is about and the day its key holds
# (none for a birthday: that day is worked out from the birth date).
_SUBJECTS = {
    "birthday": (customers_table.c.customer_id, customers_table.c.customer_id, None),
    "maturity": (
        holdings_table.c.account_id,
        holdings_table.c.customer_id,
        holdings_table.c.maturity_date,
    ),
    "callback": (contacts_table.c.id, contacts_table.c.customer_id, contacts_table.c.next_date),
    "complaint": (
        complaints_table.c.id,
        complaints_table.c.customer_id,
        complaints_table.c.due_date,
    ),
    "campaign": (
        campaign_members_table.c.id,
        campaign_members_table.c.customer_id,
        campaign_members_table.c.drawn_at,
    ),
}


def followup_subject(conn: Connection, kind: str, key: str | int) -> tuple[str, date | None] | None:
    """The customer and day (maturity, call-back or deadline date) of the holding, contact,
    complaint or customer a follow-up id names; None when it is not stored."""
    key_column, customer, day = _SUBJECTS[kind]
    day_column = day if day is not None else customers_table.c.birth_date
    row = conn.execute(select(customer, day_column).where(key_column == key)).first()
    return None if row is None else (row[0], row[1])


def ever_acted_on(conn: Connection, item_id: str) -> bool:
    """Whether a done or snooze was ever recorded on this item."""
    a = followup_actions_table.c
    return conn.execute(select(a.id).where(a.item_id == item_id).limit(1)).first() is not None


def contact_customer(conn: Connection, contact_id: int) -> str:
    """The customer a logged contact is with."""
    k = contacts_table.c
    return conn.execute(select(k.customer_id).where(k.id == contact_id)).scalar_one()


def insert_followup_action(
    conn: Connection,
    *,
    item_id: str,
    kind: str,
    action: str,
    until: date | None,
    note: str | None,
    actor: str,
    at: datetime,
) -> None:
    """Keep one done/snooze action on an item."""
    conn.execute(
        followup_actions_table.insert(),
        {
            "item_id": item_id,
            "kind": kind,
            "action": action,
            "until": until,
            "note": note,
            "actor": actor,
            "at": at,
        },
    )
