"""Contacts, complaints and the append-only history.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "customer_id", sa.String(64), sa.ForeignKey("customers.customer_id"), nullable=False
        ),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("note", sa.String(4000)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_date", sa.Date()),
        sa.Column("next_note", sa.String(2000)),
        sa.Column("callback_closed_at", sa.DateTime(timezone=True)),
        sa.Column("callback_closed_by", sa.Integer()),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_contacts_customer_id", "contacts", ["customer_id"])
    op.create_index("ix_contacts_next_date", "contacts", ["next_date"])
    op.create_index("ix_contacts_at", "contacts", ["at"])
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "customer_id", sa.String(64), sa.ForeignKey("customers.customer_id"), nullable=False
        ),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("summary", sa.String(4000), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("policy", sa.String(16), nullable=False),
        sa.Column("payment_services", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("level", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("root_cause", sa.String(200)),
        sa.Column("resolution", sa.String(4000)),
        sa.Column("resolved_at", sa.DateTime(timezone=True)),
        sa.Column("resolved_on", sa.Date()),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("breached", sa.Boolean(), nullable=False),
        sa.Column("breached_on", sa.Date()),
        sa.Column("approved_by", sa.String(100)),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_complaints_customer_id", "complaints", ["customer_id"])
    op.create_index("ix_complaints_status", "complaints", ["status"])
    op.create_index("ix_complaints_due_date", "complaints", ["due_date"])
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("customer_id", sa.String(64)),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("changes", sa.Text()),
        sa.Column("reason", sa.String(4000)),
    )
    op.create_index("ix_history_entity", "history", ["entity", "entity_id"])
    op.create_index("ix_history_customer_id", "history", ["customer_id"])


def downgrade() -> None:
    op.drop_table("history")
    op.drop_table("complaints")
    op.drop_table("contacts")
