"""Customers, their phone and account numbers, and the interaction history.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("customer_id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_folded", sa.String(200), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("segment", sa.String(64), nullable=False),
        sa.Column("vip_tier", sa.String(32), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )
    op.create_table(
        "customer_phones",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("number", sa.String(16), primary_key=True),
        sa.Column("customer_id", sa.String(36), primary_key=True),
    )
    op.create_index("customer_phones_by_customer", "customer_phones", ["tenant_id", "customer_id"])
    op.create_table(
        "customer_accounts",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("account_number", sa.String(64), primary_key=True),
        sa.Column("customer_id", sa.String(36), nullable=False),
    )
    op.create_index(
        "customer_accounts_by_customer", "customer_accounts", ["tenant_id", "customer_id"]
    )
    op.create_table(
        "interactions",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("call_id", sa.String, primary_key=True),
        sa.Column("customer_id", sa.String, nullable=False),
        sa.Column("identified_by", sa.String, nullable=False),
        sa.Column("started_at", sa.Double, nullable=False),
        sa.Column("queue_id", sa.String, nullable=False),
        sa.Column("agent_id", sa.String, nullable=False),
        sa.Column("outcome", sa.String, nullable=False),
        sa.Column("disposition", sa.String, nullable=False),
        sa.Column("queued_at", sa.Double),
        sa.Column("connected_at", sa.Double),
        sa.Column("ended_at", sa.Double),
        sa.Column("wait_s", sa.Double, nullable=False),
        sa.Column("talk_s", sa.Double, nullable=False),
        sa.Column("hold_s", sa.Double, nullable=False),
        sa.Column("held_since", sa.Double),
        sa.Column("hold_changed_at", sa.Double, nullable=False),
        sa.Column("wrap_up_s", sa.Double, nullable=False),
    )
    op.create_index(
        "interactions_by_customer", "interactions", ["tenant_id", "customer_id", "started_at"]
    )


def downgrade() -> None:
    op.drop_table("interactions")
    op.drop_table("customer_accounts")
    op.drop_table("customer_phones")
    op.drop_table("customers")
