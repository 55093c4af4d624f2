"""The store's tables. Money is kept as integer cents, so sums are exact on every database."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text
from sqlmodel import Field, SQLModel


class RelationshipManager(SQLModel, table=True):
    """A relationship manager (客户经理) who owns a portfolio and signs letters."""

    __tablename__ = "rms"

    rm_code: str = Field(primary_key=True, max_length=32)
    name: str = Field(max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=254)
    branch: str | None = Field(default=None, max_length=500)
    created_at: datetime
    updated_at: datetime


class Customer(SQLModel, table=True):
    """One customer as the bank knows them; consent is kept per channel (None = unknown)."""

    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_birth_mmdd", "birth_mmdd"),
        Index("ix_customers_lunar_mmdd", "lunar_mmdd"),
        Index("ix_customers_id_number", "id_number"),
        Index("ix_customers_phone", "phone"),
        Index("ix_customers_rm_code", "rm_code"),
    )

    customer_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=500)
    id_number: str | None = Field(default=None, max_length=18)
    id_number_raw: str | None = Field(default=None, max_length=18)
    gender: str | None = Field(default=None, max_length=1)
    birth_date: date | None = None
    # Month*100+day of the birth date: an indexed key for "whose birthday falls in this window".
    birth_mmdd: int | None = None
    lunar_birthday: bool | None = None
    # Lunar month*100+day of the birth, for lunar-birthday customers only (leap month: regular).
    lunar_mmdd: int | None = None
    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=254)
    fax: str | None = Field(default=None, max_length=32)
    address: str | None = Field(default=None, max_length=500)
    postal_code: str | None = Field(default=None, max_length=6)
    branch: str | None = Field(default=None, max_length=500)
    rm_code: str | None = Field(default=None, max_length=32)
    aum_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    consent_email: bool | None = None
    consent_sms: bool | None = None
    consent_phone: bool | None = None
    consent_mail: bool | None = None
    consent_fax: bool | None = None
    consent_updated_at: datetime | None = None
    consent_source: str | None = Field(default=None, max_length=500)
    created_at: datetime
    updated_at: datetime


class Holding(SQLModel, table=True):
    """An account or product a customer holds."""

    __tablename__ = "holdings"
    __table_args__ = (
        Index("ix_holdings_customer_id", "customer_id"),
        Index("ix_holdings_maturity_date", "maturity_date"),
    )

    account_id: str = Field(primary_key=True, max_length=64)
    customer_id: str = Field(foreign_key="customers.customer_id", max_length=64)
    product_type: str | None = Field(default=None, max_length=32)
    product_name: str | None = Field(default=None, max_length=500)
    amount_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    currency: str = Field(default="CNY", max_length=3)
    open_date: date | None = None
    maturity_date: date | None = None
    auto_rollover: bool | None = None
    created_at: datetime
    updated_at: datetime


class ImportRun(SQLModel, table=True):
    """One import of one file: who ran it, when, and what it did."""

    __tablename__ = "import_runs"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    file_name: str = Field(max_length=500)
    actor: str = Field(max_length=100)
    started_at: datetime
    finished_at: datetime
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


class FollowupAction(SQLModel, table=True):
    """Done and snoozed follow-ups, append-only: the latest action on an item is its state."""

    __tablename__ = "followup_actions"
    __table_args__ = (
        Index("ix_followup_actions_item_id", "item_id"),
        Index("ix_followup_actions_customer_id", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    item_id: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    action: str = Field(max_length=16)
    until: date | None = None
    note: str | None = Field(default=None, max_length=2000)
    actor: str = Field(max_length=100)
    at: datetime
    # The customer the item is about; on PostgreSQL a trigger fills it in (migration 0006).
    customer_id: str | None = Field(default=None, max_length=64)


class Contact(SQLModel, table=True):
    """One contact an RM had with a customer; `next_date` asks for a call-back."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_customer_id", "customer_id"),
        Index("ix_contacts_next_date", "next_date"),
        Index("ix_contacts_at", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: str = Field(foreign_key="customers.customer_id", max_length=64)
    channel: str = Field(max_length=16)
    outcome: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=4000)
    at: datetime
    next_date: date | None = None
    next_note: str | None = Field(default=None, max_length=2000)
    # Set when a later reached contact (or `followups done`) closes this call-back.
    callback_closed_at: datetime | None = None
    callback_closed_by: int | None = None
    actor: str = Field(max_length=100)
    created_at: datetime


class Complaint(SQLModel, table=True):
    """A complaint and where it stands against its regulatory deadline."""

    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_customer_id", "customer_id"),
        Index("ix_complaints_status", "status"),
        Index("ix_complaints_due_date", "due_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: str = Field(foreign_key="customers.customer_id", max_length=64)
    category: str = Field(max_length=100)
    summary: str = Field(max_length=4000)
    channel: str = Field(max_length=16)
    policy: str = Field(max_length=16)
    payment_services: bool = False
    received_at: datetime
    # The day of receipt in the bank's time zone: deadlines count from it.
    received_on: date
    due_date: date
    level: str | None = Field(default=None, max_length=32)
    status: str = Field(max_length=16)
    root_cause: str | None = Field(default=None, max_length=200)
    resolution: str | None = Field(default=None, max_length=4000)
    resolved_at: datetime | None = None
    resolved_on: date | None = None
    closed_at: datetime | None = None
    # Resolved after its deadline: kept for good, even after a reopen.
    breached: bool = False
    breached_on: date | None = None
    approved_by: str | None = Field(default=None, max_length=100)
    actor: str = Field(max_length=100)
    created_at: datetime
    updated_at: datetime


class HistoryEntry(SQLModel, table=True):
    """The append-only trail: who changed what, when, and why."""

    __tablename__ = "history"
    __table_args__ = (
        Index("ix_history_entity", "entity", "entity_id"),
        Index("ix_history_customer_id", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str = Field(max_length=100)
    entity: str = Field(max_length=32)
    entity_id: str = Field(max_length=200)
    customer_id: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=32)
    # A JSON object: field -> [before, after].
    changes: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reason: str | None = Field(default=None, max_length=4000)


class Delivery(SQLModel, table=True):
    """One message of a mail-merge campaign to one customer by one channel.

    A row is written as `sending` before the message leaves and turned `sent` after, so a run
    interrupted in between is known and never silently sent twice.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ux_deliveries_campaign", "campaign", "customer_id", "channel", unique=True),
        Index("ix_deliveries_customer_id", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign: str = Field(max_length=200)
    customer_id: str = Field(foreign_key="customers.customer_id", max_length=64)
    channel: str = Field(max_length=16)
    template: str = Field(max_length=200)
    purpose: str = Field(max_length=16)
    # sending | sent | failed
    status: str = Field(max_length=16)
    message_id: str | None = Field(default=None, max_length=300)
    # Where it went: the e-mail address, the fax number or the postal code.
    address: str | None = Field(default=None, max_length=500)
    error: str | None = Field(default=None, max_length=2000)
    actor: str = Field(max_length=100)
    created_at: datetime
    sent_at: datetime | None = None


class CustomerAlias(SQLModel, table=True):
    """A customer number that was merged into another: it now names the survivor."""

    __tablename__ = "customer_aliases"
    __table_args__ = (Index("ix_customer_aliases_customer_id", "customer_id"),)

    alias_id: str = Field(primary_key=True, max_length=64)
    customer_id: str = Field(foreign_key="customers.customer_id", max_length=64)
    merge_id: int = Field(foreign_key="merges.id")
    created_at: datetime


class Merge(SQLModel, table=True):
    """One merge of OTHER into KEEP, with what it needs to be undone exactly."""

    __tablename__ = "merges"
    __table_args__ = (
        Index("ix_merges_keep_id", "keep_id"),
        Index("ix_merges_other_id", "other_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    keep_id: str = Field(max_length=64)
    other_id: str = Field(max_length=64)
    # A JSON object: OTHER's row, KEEP's values before, and the ids of every row moved.
    snapshot: str = Field(sa_column=Column(Text, nullable=False))
    actor: str = Field(max_length=100)
    at: datetime
    undone_at: datetime | None = None
    undone_by: str | None = Field(default=None, max_length=100)


customers_table = Customer.__table__
holdings_table = Holding.__table__
rms_table = RelationshipManager.__table__
import_runs_table = ImportRun.__table__
followup_actions_table = FollowupAction.__table__
contacts_table = Contact.__table__
complaints_table = Complaint.__table__
history_table = HistoryEntry.__table__
deliveries_table = Delivery.__table__
customer_aliases_table = CustomerAlias.__table__
merges_table = Merge.__table__
metadata = SQLModel.metadata


class HoldingHistory(SQLModel, table=True):
    """A holding's amount or maturity before and after a change, or its opening.

    Append-only. Changes are written by a trigger on `holdings` (migration 0005), openings by
    the holdings import; keyed by account, so moving a holding to another customer needs no
    change here. `customer_id` is the holder when it was written.
    """

    __tablename__ = "holding_history"
    __table_args__ = (Index("ix_holding_history_at", "at", "account_id"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(max_length=64)
    customer_id: str = Field(max_length=64)
    # opened | changed
    change: str = Field(max_length=8)
    product_type: str | None = Field(default=None, max_length=32)
    currency: str = Field(max_length=3)
    amount_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    previous_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    maturity_date: date | None = None
    previous_maturity: date | None = None
    at: datetime


class AumHistory(SQLModel, table=True):
    """A customer's AUM before and after a change (a trigger on `customers` writes it)."""

    __tablename__ = "aum_history"
    __table_args__ = (Index("ix_aum_history_at", "at", "customer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: str = Field(max_length=64)
    aum_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    previous_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    at: datetime


holding_history_table = HoldingHistory.__table__
aum_history_table = AumHistory.__table__
# For the reports (migration 0005): customers created or changed on a day, and known how long.
Index("ix_customers_created_at", customers_table.c.created_at)
Index("ix_customers_updated_at", customers_table.c.updated_at)


class StaffUser(SQLModel, table=True):
    """A database login and the person, role and branch it acts as (team store)."""

    __tablename__ = "staff_users"

    login: str = Field(primary_key=True, max_length=63)
    # An RM code for `rm`, else a staff id.
    person: str = Field(max_length=100)
    # rm | branch_manager | head_office | compliance | admin
    role: str = Field(max_length=16)
    branch: str | None = Field(default=None, max_length=500)
    active: bool
    created_at: datetime
    updated_at: datetime


class RevealAudit(SQLModel, table=True):
    """One showing of ID numbers or phones in full; append-only (a trigger refuses the rest)."""

    __tablename__ = "reveal_audit"
    __table_args__ = (
        Index("ix_reveal_audit_at", "at"),
        Index("ix_reveal_audit_customer_id", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    login: str = Field(max_length=63)
    actor: str = Field(max_length=100)
    what: str = Field(max_length=500)
    customer_id: str | None = Field(default=None, max_length=64)


staff_users_table = StaffUser.__table__
reveal_audit_table = RevealAudit.__table__


class Campaign(SQLModel, table=True):
    """A campaign: its targets' conversion products, channels, window and holdout share.

    `draw_key` (random, 32 bytes as hex) keys the holdout draw, so a customer drawn again, on
    any machine with this store, lands on the same side (domain/campaigns.py).
    """

    __tablename__ = "campaigns"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    title: str = Field(max_length=500)
    # marketing | service
    purpose: str = Field(max_length=16)
    # Comma-separated product types whose opening counts as a conversion.
    product_types: str = Field(max_length=500)
    # Comma-separated channels: phone, email, letter, fax, sms.
    channels: str = Field(max_length=200)
    start_date: date | None = None
    end_date: date | None = None
    window_days: int
    # The holdout share in basis points (1000 = 10 %).
    holdout_bp: int
    capacity: int | None = None
    event_date: date | None = None
    calls_per_day: int
    draw_key: str = Field(max_length=64)
    # active | closed
    status: str = Field(max_length=16)
    actor: str = Field(max_length=100)
    created_at: datetime
    closed_at: datetime | None = None


class CampaignMember(SQLModel, table=True):
    """One customer in one campaign, on the side of the holdout draw, and how far they got."""

    __tablename__ = "campaign_members"
    __table_args__ = (
        Index("ix_campaign_members_campaign", "campaign_id", "customer_id"),
        Index("ix_campaign_members_customer_id", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaigns.id")
    customer_id: str = Field(foreign_key="customers.customer_id", max_length=64)
    holdout: bool
    drawn_at: datetime
    # targeted | contacted | interested | declined | accepted | attended | no-show
    status: str = Field(max_length=16)
    first_contact_at: datetime | None = None
    first_channel: str | None = Field(default=None, max_length=16)
    contacted_by: str | None = Field(default=None, max_length=100)
    response: str | None = Field(default=None, max_length=16)
    responded_at: datetime | None = None
    # accepted | waiting | declined (events with a capacity); seq orders the acceptances.
    rsvp: str | None = Field(default=None, max_length=16)
    rsvp_seq: int | None = None
    attended: bool | None = None
    actor: str = Field(max_length=100)
    created_at: datetime


class CampaignMemberEvent(SQLModel, table=True):
    """A member's step (targeted, contacted, a response, an RSVP, attendance), append-only."""

    __tablename__ = "campaign_member_events"
    __table_args__ = (
        Index("ix_campaign_member_events_member", "member_id"),
        Index("ix_campaign_member_events_customer_id", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="campaign_members.id")
    campaign_id: int = Field(foreign_key="campaigns.id")
    customer_id: str = Field(foreign_key="customers.customer_id", max_length=64)
    step: str = Field(max_length=16)
    channel: str | None = Field(default=None, max_length=16)
    response: str | None = Field(default=None, max_length=16)
    note: str | None = Field(default=None, max_length=2000)
    at: datetime
    actor: str = Field(max_length=100)
    created_at: datetime


campaigns_table = Campaign.__table__
campaign_members_table = CampaignMember.__table__
campaign_member_events_table = CampaignMemberEvent.__table__
