"""Mail-merge deliveries, customer merges and aliases.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("campaign", sa.String(200), nullable=False),
        sa.Column(
            "customer_id", sa.String(64), sa.ForeignKey("customers.customer_id"), nullable=False
        ),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("template", sa.String(200), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("message_id", sa.String(300)),
        sa.Column("address", sa.String(500)),
        sa.Column("error", sa.String(2000)),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ux_deliveries_campaign", "deliveries", ["campaign", "customer_id", "channel"], unique=True
    )
    op.create_index("ix_deliveries_customer_id", "deliveries", ["customer_id"])
    op.create_table(
        "merges",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("keep_id", sa.String(64), nullable=False),
        sa.Column("other_id", sa.String(64), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True)),
        sa.Column("undone_by", sa.String(100)),
    )
    op.create_index("ix_merges_keep_id", "merges", ["keep_id"])
    op.create_index("ix_merges_other_id", "merges", ["other_id"])
    op.create_table(
        "customer_aliases",
        sa.Column("alias_id", sa.String(64), primary_key=True),
        sa.Column(
            "customer_id", sa.String(64), sa.ForeignKey("customers.customer_id"), nullable=False
        ),
        sa.Column("merge_id", sa.Integer(), sa.ForeignKey("merges.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_customer_aliases_customer_id", "customer_aliases", ["customer_id"])


def downgrade() -> None:
    op.drop_table("customer_aliases")
    op.drop_table("merges")
    op.drop_table("deliveries")
