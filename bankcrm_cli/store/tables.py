"""The store's tables. Money is kept as integer cents, so sums are exact on every database.

Declared with SQLAlchemy Core: every command that reads the store loads these, and SQLModel's
classes would load SQLAlchemy's ORM and pydantic with them, for nothing any command uses
(benchmarks/README.md, "What a read command imports").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    types,
)


class UTCDateTime(types.TypeDecorator[datetime]):
    """A moment: stored in UTC, returned aware in UTC (a naive one is refused on the way in).

    As SQLModel stored the store's timestamps, so stores written before read the same.
    """

    impl = types.DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def __repr__(self) -> str:
        return "UTCDateTime()"

    def coerce_compared_value(self, op: Any, value: Any) -> types.TypeEngine[Any]:
        if isinstance(value, timedelta):
            return types.Interval()
        return self

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("a stored moment must be timezone-aware (datetime.now(UTC))")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:  # a database without time zones keeps UTC without one
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData()


# A relationship manager (客户经理) who owns a portfolio and signs letters.
rms_table = Table(
    "rms",
    metadata,
    Column("rm_code", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("phone", String(32)),
    Column("email", String(254)),
    Column("branch", String(500)),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)


# One customer as the bank knows them; consent is kept per channel (None = unknown).
customers_table = Table(
    "customers",
    metadata,
    Column("customer_id", String(64), primary_key=True),
    Column("name", String(500), nullable=False),
    Column("id_number", String(18)),
    Column("id_number_raw", String(18)),
    Column("gender", String(1)),
    Column("birth_date", Date),
    # Month*100+day of the birth date: an indexed key for "whose birthday falls in this window".
    Column("birth_mmdd", Integer),
    Column("lunar_birthday", Boolean),
    # Lunar month*100+day of the birth, for lunar-birthday customers only (leap month: regular).
    Column("lunar_mmdd", Integer),
    Column("phone", String(32)),
    Column("email", String(254)),
    Column("fax", String(32)),
    Column("address", String(500)),
    Column("postal_code", String(6)),
    Column("branch", String(500)),
    Column("rm_code", String(32)),
    Column("aum_cents", BigInteger),
    Column("consent_email", Boolean),
    Column("consent_sms", Boolean),
    Column("consent_phone", Boolean),
    Column("consent_mail", Boolean),
    Column("consent_fax", Boolean),
    Column("consent_updated_at", UTCDateTime()),
    Column("consent_source", String(500)),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_customers_birth_mmdd", "birth_mmdd"),
    Index("ix_customers_lunar_mmdd", "lunar_mmdd"),
    Index("ix_customers_id_number", "id_number"),
    Index("ix_customers_phone", "phone"),
    Index("ix_customers_rm_code", "rm_code"),
)


# An account or product a customer holds.
holdings_table = Table(
    "holdings",
    metadata,
    Column("account_id", String(64), primary_key=True),
    Column("customer_id", String(64), ForeignKey("customers.customer_id"), nullable=False),
    Column("product_type", String(32)),
    Column("product_name", String(500)),
    Column("amount_cents", BigInteger),
    Column("currency", String(3), nullable=False, default="CNY"),
    Column("open_date", Date),
    Column("maturity_date", Date),
    Column("auto_rollover", Boolean),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_holdings_customer_id", "customer_id"),
    Index("ix_holdings_maturity_date", "maturity_date"),
)


# One import of one file: who ran it, when, and what it did.
import_runs_table = Table(
    "import_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("file_name", String(500), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime(), nullable=False),
    Column("inserted", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
)


# Done and snoozed follow-ups, append-only: the latest action on an item is its state.
followup_actions_table = Table(
    "followup_actions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("action", String(16), nullable=False),
    Column("until", Date),
    Column("note", String(2000)),
    Column("actor", String(100), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    # The customer the item is about; on PostgreSQL a trigger fills it in (migration 0006).
    Column("customer_id", String(64)),
    Index("ix_followup_actions_item_id", "item_id"),
    Index("ix_followup_actions_customer_id", "customer_id"),
)


# One contact an RM had with a customer; `next_date` asks for a call-back.
contacts_table = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", String(64), ForeignKey("customers.customer_id"), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("note", String(4000)),
    Column("at", UTCDateTime(), nullable=False),
    Column("next_date", Date),
    Column("next_note", String(2000)),
    # Set when a later reached contact (or `followups done`) closes this call-back.
    Column("callback_closed_at", UTCDateTime()),
    Column("callback_closed_by", Integer),
    Column("actor", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_contacts_customer_id", "customer_id"),
    Index("ix_contacts_next_date", "next_date"),
    Index("ix_contacts_at", "at"),
)


# A complaint and where it stands against its regulatory deadline.
complaints_table = Table(
    "complaints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", String(64), ForeignKey("customers.customer_id"), nullable=False),
    Column("category", String(100), nullable=False),
    Column("summary", String(4000), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("policy", String(16), nullable=False),
    Column("payment_services", Boolean, nullable=False, default=False),
    Column("received_at", UTCDateTime(), nullable=False),
    # The day of receipt in the bank's time zone: deadlines count from it.
    Column("received_on", Date, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("level", String(32)),
    Column("status", String(16), nullable=False),
    Column("root_cause", String(200)),
    Column("resolution", String(4000)),
    Column("resolved_at", UTCDateTime()),
    Column("resolved_on", Date),
    Column("closed_at", UTCDateTime()),
    # Resolved after its deadline: kept for good, even after a reopen.
    Column("breached", Boolean, nullable=False, default=False),
    Column("breached_on", Date),
    Column("approved_by", String(100)),
    Column("actor", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_complaints_customer_id", "customer_id"),
    Index("ix_complaints_status", "status"),
    Index("ix_complaints_due_date", "due_date"),
)


# The append-only trail: who changed what, when, and why.
history_table = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("customer_id", String(64)),
    Column("action", String(32), nullable=False),
    # A JSON object: field -> [before, after].
    Column("changes", Text),
    Column("reason", String(4000)),
    Index("ix_history_entity", "entity", "entity_id"),
    Index("ix_history_customer_id", "customer_id"),
)


# One message of a mail-merge campaign to one customer by one channel.
#
# A row is written as `sending` before the message leaves and turned `sent` after, so a run
# interrupted in between is known and never silently sent twice.
#
deliveries_table = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign", String(200), nullable=False),
    Column("customer_id", String(64), ForeignKey("customers.customer_id"), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("template", String(200), nullable=False),
    Column("purpose", String(16), nullable=False),
    # sending | sent | failed
    Column("status", String(16), nullable=False),
    Column("message_id", String(300)),
    # Where it went: the e-mail address, the fax number or the postal code.
    Column("address", String(500)),
    Column("error", String(2000)),
    Column("actor", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("sent_at", UTCDateTime()),
    Index("ux_deliveries_campaign", "campaign", "customer_id", "channel", unique=True),
    Index("ix_deliveries_customer_id", "customer_id"),
)


# A customer number that was merged into another: it now names the survivor.
customer_aliases_table = Table(
    "customer_aliases",
    metadata,
    Column("alias_id", String(64), primary_key=True),
    Column("customer_id", String(64), ForeignKey("customers.customer_id"), nullable=False),
    Column("merge_id", Integer, ForeignKey("merges.id"), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_customer_aliases_customer_id", "customer_id"),
)


# One merge of OTHER into KEEP, with what it needs to be undone exactly.
merges_table = Table(
    "merges",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("keep_id", String(64), nullable=False),
    Column("other_id", String(64), nullable=False),
    # A JSON object: OTHER's row, KEEP's values before, and the ids of every row moved.
    Column("snapshot", Text, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("undone_at", UTCDateTime()),
    Column("undone_by", String(100)),
    Index("ix_merges_keep_id", "keep_id"),
    Index("ix_merges_other_id", "other_id"),
)


# A holding's amount or maturity before and after a change, or its opening.
#
# Append-only. Changes are written by a trigger on `holdings` (migration 0005), openings by
# the holdings import; keyed by account, so moving a holding to another customer needs no
# change here. `customer_id` is the holder when it was written.
#
holding_history_table = Table(
    "holding_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", String(64), nullable=False),
    Column("customer_id", String(64), nullable=False),
    # opened | changed
    Column("change", String(8), nullable=False),
    Column("product_type", String(32)),
    Column("currency", String(3), nullable=False),
    Column("amount_cents", BigInteger),
    Column("previous_cents", BigInteger),
    Column("maturity_date", Date),
    Column("previous_maturity", Date),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_holding_history_at", "at", "account_id"),
)


# A customer's AUM before and after a change (a trigger on `customers` writes it).
aum_history_table = Table(
    "aum_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", String(64), nullable=False),
    Column("aum_cents", BigInteger),
    Column("previous_cents", BigInteger),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_aum_history_at", "at", "customer_id"),
)

# For the reports (migration 0005): customers created or changed on a day, and known how long.
Index("ix_customers_created_at", customers_table.c.created_at)

Index("ix_customers_updated_at", customers_table.c.updated_at)


# A database login and the person, role and branch it acts as (team store).
staff_users_table = Table(
    "staff_users",
    metadata,
    Column("login", String(63), primary_key=True),
    # An RM code for `rm`, else a staff id.
    Column("person", String(100), nullable=False),
    # rm | branch_manager | head_office | compliance | admin
    Column("role", String(16), nullable=False),
    Column("branch", String(500)),
    Column("active", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)


# One showing of ID numbers or phones in full; append-only (a trigger refuses the rest).
reveal_audit_table = Table(
    "reveal_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("login", String(63), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("what", String(500), nullable=False),
    Column("customer_id", String(64)),
    Index("ix_reveal_audit_at", "at"),
    Index("ix_reveal_audit_customer_id", "customer_id"),
)


# A campaign: its targets' conversion products, channels, window and holdout share.
#
# `draw_key` (random, 32 bytes as hex) keys the holdout draw, so a customer drawn again, on
# any machine with this store, lands on the same side (domain/campaigns.py).
campaigns_table = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("title", String(500), nullable=False),
    # marketing | service
    Column("purpose", String(16), nullable=False),
    # Comma-separated product types whose opening counts as a conversion.
    Column("product_types", String(500), nullable=False),
    # Comma-separated channels: phone, email, letter, fax, sms.
    Column("channels", String(200), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("window_days", Integer, nullable=False),
    # The holdout share in basis points (1000 = 10 %).
    Column("holdout_bp", Integer, nullable=False),
    Column("capacity", Integer),
    Column("event_date", Date),
    Column("calls_per_day", Integer, nullable=False),
    Column("draw_key", String(64), nullable=False),
    # active | closed
    Column("status", String(16), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("closed_at", UTCDateTime()),
)


# One customer in one campaign, on the side of the holdout draw, and how far they got.
campaign_members_table = Table(
    "campaign_members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("customer_id", String(64), ForeignKey("customers.customer_id"), nullable=False),
    Column("holdout", Boolean, nullable=False),
    Column("drawn_at", UTCDateTime(), nullable=False),
    # targeted | contacted | interested | declined | accepted | attended | no-show
    Column("status", String(16), nullable=False),
    Column("first_contact_at", UTCDateTime()),
    Column("first_channel", String(16)),
    Column("contacted_by", String(100)),
    Column("response", String(16)),
    Column("responded_at", UTCDateTime()),
    # accepted | waiting | declined (events with a capacity); seq orders the acceptances.
    Column("rsvp", String(16)),
    Column("rsvp_seq", Integer),
    Column("attended", Boolean),
    Column("actor", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_campaign_members_campaign", "campaign_id", "customer_id"),
    Index("ix_campaign_members_customer_id", "customer_id"),
)


# A member's step (targeted, contacted, a response, an RSVP, attendance), append-only.
campaign_member_events_table = Table(
    "campaign_member_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("campaign_members.id"), nullable=False),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("customer_id", String(64), ForeignKey("customers.customer_id"), nullable=False),
    Column("step", String(16), nullable=False),
    Column("channel", String(16)),
    Column("response", String(16)),
    Column("note", String(2000)),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_campaign_member_events_member", "member_id"),
    Index("ix_campaign_member_events_customer_id", "customer_id"),
)
