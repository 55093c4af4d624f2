"""The first schema: relationship managers, customers, holdings and import runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rms",
        sa.Column("rm_code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(32)),
        sa.Column("email", sa.String(254)),
        sa.Column("branch", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "customers",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("id_number", sa.String(18)),
        sa.Column("id_number_raw", sa.String(18)),
        sa.Column("gender", sa.String(1)),
        sa.Column("birth_date", sa.Date()),
        sa.Column("birth_mmdd", sa.Integer()),
        sa.Column("lunar_birthday", sa.Boolean()),
        sa.Column("phone", sa.String(32)),
        sa.Column("email", sa.String(254)),
        sa.Column("fax", sa.String(32)),
        sa.Column("address", sa.String(500)),
        sa.Column("postal_code", sa.String(6)),
        sa.Column("branch", sa.String(500)),
        sa.Column("rm_code", sa.String(32)),
        sa.Column("aum_cents", sa.BigInteger()),
        sa.Column("consent_email", sa.Boolean()),
        sa.Column("consent_sms", sa.Boolean()),
        sa.Column("consent_phone", sa.Boolean()),
        sa.Column("consent_mail", sa.Boolean()),
        sa.Column("consent_fax", sa.Boolean()),
        sa.Column("consent_updated_at", sa.DateTime(timezone=True)),
        sa.Column("consent_source", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_customers_birth_mmdd", "customers", ["birth_mmdd"])
    op.create_index("ix_customers_id_number", "customers", ["id_number"])
    op.create_index("ix_customers_phone", "customers", ["phone"])
    op.create_index("ix_customers_rm_code", "customers", ["rm_code"])
    op.create_table(
        "holdings",
        sa.Column("account_id", sa.String(64), primary_key=True),
        sa.Column(
            "customer_id",
            sa.String(64),
            sa.ForeignKey("customers.customer_id"),
            nullable=False,
        ),
        sa.Column("product_type", sa.String(32)),
        sa.Column("product_name", sa.String(500)),
        sa.Column("amount_cents", sa.BigInteger()),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("open_date", sa.Date()),
        sa.Column("maturity_date", sa.Date()),
        sa.Column("auto_rollover", sa.Boolean()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_holdings_customer_id", "holdings", ["customer_id"])
    op.create_index("ix_holdings_maturity_date", "holdings", ["maturity_date"])
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("import_runs")
    op.drop_index("ix_holdings_maturity_date", "holdings")
    op.drop_index("ix_holdings_customer_id", "holdings")
    op.drop_table("holdings")
    for name in ("rm_code", "phone", "id_number", "birth_mmdd"):
        op.drop_index(f"ix_customers_{name}", "customers")
    op.drop_table("customers")
    op.drop_table("rms")
