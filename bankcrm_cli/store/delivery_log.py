"""The mail-merge delivery log: claim a delivery before it leaves, confirm it after.

These run once per message, so on SQLite they go to the driver as plain SQL in the store's own
storage form (as store/bulk.py does for imports), in transactions begun and committed at the
driver too; other databases go through SQLAlchemy Core.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

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
        # SQLAlchemy's own begin, execute and commit cost more than SQLite's work for a row.
        self._driver = conn.connection.driver_connection if self.raw else None
        self._stamp = storage_converter(deliveries_table, "created_at", conn.dialect.name)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction, committed on leaving; on SQLite it holds the write lock from its
        start (BEGIN IMMEDIATE), so a claim never fails half-way for want of it."""
        if not self.raw:
            with self.conn.begin():
                yield
            return
        self._run("BEGIN IMMEDIATE")
        try:
            yield
            self._run("COMMIT")
        except BaseException:
            if self._driver.in_transaction:
                self._driver.execute("ROLLBACK")
            raise

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """A statement at the driver; its errors are SQLAlchemy's, as everywhere else."""
        import sqlite3

        try:
            return self._driver.execute(sql, params)
        except sqlite3.Error as exc:
            from sqlalchemy.exc import DBAPIError

            raise DBAPIError.instance(sql, params, exc, sqlite3.Error) from None

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
                row = self._run(_CLAIM_AGAIN, params).fetchone()
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
                row = self._run(_CLAIM_NEW, params).fetchone()
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
                self._run(_SENT, (self._now(), delivery_id))
            else:
                self._run(_FAILED, (error[:2000], delivery_id))
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
