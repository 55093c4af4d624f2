"""Campaigns: who a campaign targets, the holdout drawn from them, and each member's steps.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

A member row is one customer in one campaign (`holdout` says which group the keyed draw put
them in, for good); `campaign_member_events` keeps every step with who, when and by which
channel. A customer is a member once per campaign: targeting checks it; a customer merge may
leave two rows of one campaign on the survivor, and the reads keep the contacted one, so that
an unmerge gives each record its own row back. Conversions are not stored: they are worked
out from the holdings' open dates whenever a campaign is reported.

On PostgreSQL, members and their steps are put under the store's row-level security (an RM
sees their own customers' members) and the campaign tables get their grants and the
database-written "who" (store/team_security.py, `campaign_statements`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("product_types", sa.String(500), nullable=False),
        sa.Column("channels", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("holdout_bp", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer()),
        sa.Column("event_date", sa.Date()),
        sa.Column("calls_per_day", sa.Integer(), nullable=False),
        sa.Column("draw_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "campaign_members",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column(
            "customer_id", sa.String(64), sa.ForeignKey("customers.customer_id"), nullable=False
        ),
        sa.Column("holdout", sa.Boolean(), nullable=False),
        sa.Column("drawn_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("first_contact_at", sa.DateTime(timezone=True)),
        sa.Column("first_channel", sa.String(16)),
        sa.Column("contacted_by", sa.String(100)),
        sa.Column("response", sa.String(16)),
        sa.Column("responded_at", sa.DateTime(timezone=True)),
        sa.Column("rsvp", sa.String(16)),
        sa.Column("rsvp_seq", sa.Integer()),
        sa.Column("attended", sa.Boolean()),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_campaign_members_campaign", "campaign_members", ["campaign_id", "customer_id"]
    )
    op.create_index("ix_campaign_members_customer_id", "campaign_members", ["customer_id"])
    op.create_table(
        "campaign_member_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("campaign_members.id"), nullable=False),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column(
            "customer_id", sa.String(64), sa.ForeignKey("customers.customer_id"), nullable=False
        ),
        sa.Column("step", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16)),
        sa.Column("response", sa.String(16)),
        sa.Column("note", sa.String(2000)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_campaign_member_events_member", "campaign_member_events", ["member_id"])
    op.create_index(
        "ix_campaign_member_events_customer_id", "campaign_member_events", ["customer_id"]
    )
    if op.get_bind().dialect.name == "postgresql":
        from bankcrm_cli.store.team_security import campaign_statements

        for statement in campaign_statements():
            op.execute(statement)


def downgrade() -> None:
    op.drop_table("campaign_member_events")
    op.drop_table("campaign_members")
    op.drop_table("campaigns")
