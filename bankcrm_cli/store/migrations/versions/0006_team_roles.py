"""Staff logins and roles, row-level security and the reveal audit (issue 20).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

On both stores: `staff_users` (a database login and the person, role and branch it stands
for), `reveal_audit` (append-only) and the customer each follow-up state belongs to. On
PostgreSQL: the store's group roles, GRANTs, FORCEd row-level security on every table of
customer rows, the database-written "who", and the masked view head office reads
(store/team_security.py; docs/security.md). The role running this needs CREATEROLE.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("login", sa.String(63), primary_key=True),
        sa.Column("person", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("branch", sa.String(500)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reveal_audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("login", sa.String(63), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("what", sa.String(500), nullable=False),
        sa.Column("customer_id", sa.String(64)),
    )
    op.create_index("ix_reveal_audit_at", "reveal_audit", ["at"])
    op.create_index("ix_reveal_audit_customer_id", "reveal_audit", ["customer_id"])
    with op.batch_alter_table("followup_actions") as batch:
        batch.add_column(sa.Column("customer_id", sa.String(64)))
    op.create_index("ix_followup_actions_customer_id", "followup_actions", ["customer_id"])
    if op.get_bind().dialect.name == "postgresql":
        from bankcrm_cli.store.team_security import upgrade_statements

        for statement in upgrade_statements():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from bankcrm_cli.store.team_security import DOWNGRADE

        op.execute(DOWNGRADE)
    op.drop_index("ix_followup_actions_customer_id", "followup_actions")
    with op.batch_alter_table("followup_actions") as batch:
        batch.drop_column("customer_id")
    op.drop_index("ix_reveal_audit_customer_id", "reveal_audit")
    op.drop_index("ix_reveal_audit_at", "reveal_audit")
    op.drop_table("reveal_audit")
    op.drop_table("staff_users")
