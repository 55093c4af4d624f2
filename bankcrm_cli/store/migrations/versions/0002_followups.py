"""Follow-ups: a lunar birthday key on customers, and done/snoozed actions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("lunar_mmdd", sa.Integer()))
        batch.create_index("ix_customers_lunar_mmdd", ["lunar_mmdd"])
    op.create_table(
        "followup_actions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("until", sa.Date()),
        sa.Column("note", sa.String(2000)),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_followup_actions_item_id", "followup_actions", ["item_id"])
    _backfill_lunar_keys()


def _backfill_lunar_keys() -> None:
    """Customers already marked 农历生日 get their lunar key, so they show without a re-import."""
    from bankcrm_cli.domain.birthdays import LUNAR_FIRST_DAY, LUNAR_LAST_DAY, lunar_mmdd

    customers = sa.table(
        "customers",
        sa.column("customer_id", sa.String),
        sa.column("birth_date", sa.Date),
        sa.column("lunar_birthday", sa.Boolean),
        sa.column("lunar_mmdd", sa.Integer),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(customers.c.customer_id, customers.c.birth_date).where(
            customers.c.lunar_birthday.is_(True), customers.c.birth_date.is_not(None)
        )
    ).all()
    keys = [
        {"_id": customer_id, "key": lunar_mmdd(born)}
        for customer_id, born in rows
        if LUNAR_FIRST_DAY <= born <= LUNAR_LAST_DAY
    ]
    if keys:
        bind.execute(
            customers.update()
            .where(customers.c.customer_id == sa.bindparam("_id"))
            .values(lunar_mmdd=sa.bindparam("key")),
            keys,
        )


def downgrade() -> None:
    op.drop_index("ix_followup_actions_item_id", "followup_actions")
    op.drop_table("followup_actions")
    with op.batch_alter_table("customers") as batch:
        batch.drop_index("ix_customers_lunar_mmdd")
        batch.drop_column("lunar_mmdd")
