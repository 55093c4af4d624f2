"""History of holding amounts and customers' AUM, kept for churn signals and tier downgrades.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

A change is recorded by a trigger on the row itself, with the value before and after: the old
value is known only at the moment of the update, and a trigger costs nothing on inserts (a
first load of millions of holdings records nothing: the rows themselves are the baseline).
Holdings that an import opens are recorded by the import (services/holding_history.py).
Customers get indexes on when their records were created and last changed, for the reports.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_HOLDING_VALUES = (
    "NEW.account_id, NEW.customer_id, 'changed', NEW.product_type, NEW.currency, "
    "NEW.amount_cents, OLD.amount_cents, NEW.maturity_date, OLD.maturity_date, NEW.updated_at"
)
_HOLDING_COLUMNS = (
    "account_id, customer_id, change, product_type, currency, amount_cents, previous_cents, "
    "maturity_date, previous_maturity, at"
)
_AUM_VALUES = "NEW.customer_id, NEW.aum_cents, OLD.aum_cents, NEW.updated_at"
_AUM_COLUMNS = "customer_id, aum_cents, previous_cents, at"


def _sqlite_triggers() -> list[str]:
    return [
        "CREATE TRIGGER holdings_value_history AFTER UPDATE OF amount_cents, maturity_date "
        "ON holdings FOR EACH ROW WHEN OLD.amount_cents IS NOT NEW.amount_cents "
        "OR OLD.maturity_date IS NOT NEW.maturity_date BEGIN "
        f"INSERT INTO holding_history ({_HOLDING_COLUMNS}) VALUES ({_HOLDING_VALUES}); END",
        "CREATE TRIGGER customers_aum_history AFTER UPDATE OF aum_cents ON customers "
        "FOR EACH ROW WHEN OLD.aum_cents IS NOT NEW.aum_cents BEGIN "
        f"INSERT INTO aum_history ({_AUM_COLUMNS}) VALUES ({_AUM_VALUES}); END",
    ]


def _postgresql_triggers() -> list[str]:
    return [
        "CREATE FUNCTION bankcrm_holding_history() RETURNS trigger AS $$ BEGIN "
        f"INSERT INTO holding_history ({_HOLDING_COLUMNS}) VALUES ({_HOLDING_VALUES}); "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER holdings_value_history AFTER UPDATE OF amount_cents, maturity_date "
        "ON holdings FOR EACH ROW WHEN (OLD.amount_cents IS DISTINCT FROM NEW.amount_cents "
        "OR OLD.maturity_date IS DISTINCT FROM NEW.maturity_date) "
        "EXECUTE FUNCTION bankcrm_holding_history()",
        "CREATE FUNCTION bankcrm_aum_history() RETURNS trigger AS $$ BEGIN "
        f"INSERT INTO aum_history ({_AUM_COLUMNS}) VALUES ({_AUM_VALUES}); "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER customers_aum_history AFTER UPDATE OF aum_cents ON customers "
        "FOR EACH ROW WHEN (OLD.aum_cents IS DISTINCT FROM NEW.aum_cents) "
        "EXECUTE FUNCTION bankcrm_aum_history()",
    ]


def upgrade() -> None:
    op.create_table(
        "holding_history",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("change", sa.String(8), nullable=False),
        sa.Column("product_type", sa.String(32)),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_cents", sa.BigInteger()),
        sa.Column("previous_cents", sa.BigInteger()),
        sa.Column("maturity_date", sa.Date()),
        sa.Column("previous_maturity", sa.Date()),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_holding_history_at", "holding_history", ["at", "account_id"])
    op.create_table(
        "aum_history",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("aum_cents", sa.BigInteger()),
        sa.Column("previous_cents", sa.BigInteger()),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_aum_history_at", "aum_history", ["at", "customer_id"])
    # Reports ask which customers were created or changed on a day, and churn which customers
    # the store has known long enough to call silent.
    op.create_index("ix_customers_created_at", "customers", ["created_at"])
    op.create_index("ix_customers_updated_at", "customers", ["updated_at"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        statements = _sqlite_triggers()
    elif dialect == "postgresql":
        statements = _postgresql_triggers()
    else:
        raise NotImplementedError(
            f"bankcrm keeps value history with triggers on SQLite and PostgreSQL, not {dialect}"
        )
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS holdings_value_history ON holdings")
        op.execute("DROP TRIGGER IF EXISTS customers_aum_history ON customers")
        op.execute("DROP FUNCTION IF EXISTS bankcrm_holding_history()")
        op.execute("DROP FUNCTION IF EXISTS bankcrm_aum_history()")
    else:
        op.execute("DROP TRIGGER IF EXISTS holdings_value_history")
        op.execute("DROP TRIGGER IF EXISTS customers_aum_history")
    op.drop_index("ix_customers_updated_at", "customers")
    op.drop_index("ix_customers_created_at", "customers")
    op.drop_table("aum_history")
    op.drop_table("holding_history")
