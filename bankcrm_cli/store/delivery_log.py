"""The mail-merge delivery log: claim a delivery before it leaves, confirm it after.

These run once per message, so on SQLite they go to the driver as plain SQL in the store's own
storage form (as store/bulk.py does for imports); other databases go through SQLAlchemy Core.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine

from bankcrm_cli.store.bulk.storage_form import storage_converter, uses_storage_form
from bankcrm_cli.store.tables import deliveries_table

_CLAIM_NEW = (
    "INSERT INTO deliveries (campaign, customer_id, channel, template, purpose, status,"
    " message_id, address, error, actor, created_at)"
    " VALUES (?, ?, ?, ?, ?, 'sending', ?, ?, NULL, ?, ?)"
    " ON CONFLICT (campaign, customer_id, channel) DO NOTHING RETURNING id"
)
_CLAIM_AGAIN = (
    "UPDATE deliveries SET status = 'sending', message_id = ?, address = ?, error = NULL,"
    " actor = ?, template = ?, purpose = ?"
    " WHERE campaign = ? AND customer_id = ? AND channel = ? AND status != 'sent' RETURNING id"
)
_SENT = "UPDATE deliveries SET status = 'sent', sent_at = ?, error = NULL WHERE id = ?"
_FAILED = "UPDATE deliveries SET status = 'failed', error = ? WHERE id = ?"


class DeliveryLog:
    """One campaign's deliveries by one medium."""

    def __init__(
        self,
        conn: Connection,
        *,
        campaign: str,
        channel: str,
        template: str,
        purpose: str,
        actor: str,
    ) -> None:
        self.conn = conn
        self.key = (campaign, channel)
        self.template = template
        self.purpose = purpose
        self.actor = actor
        self.raw = uses_storage_form(conn.dialect.name)
        self._stamp = storage_converter(deliveries_table, "created_at", conn.dialect.name)

    def _now(self):
        now = datetime.now(UTC)
        return self._stamp(now) if self._stamp else now

    def claim(self, customer_id: str, address: str, message_id: str | None, *, known: bool):
        """Mark `sending`; the delivery's id, or None if it is sent already or another run has
        it. `known`: the campaign already has a row for this customer (failed or interrupted)."""
        campaign, channel = self.key
        if self.raw:
            if known:
                params = (
                    message_id,
                    address,
                    self.actor,
                    self.template,
                    self.purpose,
                    campaign,
                    customer_id,
                    channel,
                )
                row = self.conn.exec_driver_sql(_CLAIM_AGAIN, params).first()
            else:
                params = (
                    campaign,
                    customer_id,
                    channel,
                    self.template,
                    self.purpose,
                    message_id,
                    address,
                    self.actor,
                    self._now(),
                )
                row = self.conn.exec_driver_sql(_CLAIM_NEW, params).first()
            return None if row is None else row[0]
        return self._claim_core(customer_id, address, message_id, known)

    def _claim_core(self, customer_id, address, message_id, known):
        from sqlalchemy.dialects.postgresql import insert

        d = deliveries_table.c
        campaign, channel = self.key
        values = {
            "status": "sending",
            "message_id": message_id,
            "address": address,
            "error": None,
            "actor": self.actor,
            "template": self.template,
            "purpose": self.purpose,
        }
        if known:
            statement = (
                deliveries_table.update()
                .where(
                    d.campaign == campaign,
                    d.customer_id == customer_id,
                    d.channel == channel,
                    d.status != "sent",
                )
                .values(**values)
                .returning(d.id)
            )
        else:
            statement = (
                insert(deliveries_table)
                .values(
                    campaign=campaign,
                    customer_id=customer_id,
                    channel=channel,
                    created_at=self._now(),
                    **values,
                )
                .on_conflict_do_nothing(index_elements=["campaign", "customer_id", "channel"])
                .returning(d.id)
            )
        row = self.conn.execute(statement).first()
        return None if row is None else row.id

    def confirm(self, delivery_id: int, error: str | None = None) -> None:
        """Sent (it then shows in the customer's timeline), or failed with the server's answer."""
        if self.raw:
            if error is None:
                self.conn.exec_driver_sql(_SENT, (self._now(), delivery_id))
            else:
                self.conn.exec_driver_sql(_FAILED, (error[:2000], delivery_id))
            return
        d = deliveries_table.c
        values = (
            {"status": "sent", "sent_at": self._now(), "error": None}
            if error is None
            else {"status": "failed", "error": error[:2000]}
        )
        self.conn.execute(deliveries_table.update().where(d.id == delivery_id).values(**values))


@contextmanager
def open_delivery_log(
    engine: Engine, *, campaign: str, channel: str, template: str, purpose: str, actor: str
) -> Iterator[DeliveryLog]:
    """The delivery log on its own connection, whose transactions take the write lock at their
    start (SQLite), so a claim never fails half-way for want of it."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        yield DeliveryLog(
            conn,
            campaign=campaign,
            channel=channel,
            template=template,
            purpose=purpose,
            actor=actor,
        )
