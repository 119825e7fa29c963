"""The store's tables (SQLAlchemy Core: no ORM objects on the lookup path). Every key starts
with the tenant id: a query that names its tenant can only see that tenant's rows.
Times are epoch seconds. The migrations (adapters/migrations) create exactly this."""

from __future__ import annotations

from sqlalchemy import Column, Double, Index, MetaData, String, Table, Text

metadata = MetaData()

TENANT = 64
ID = 36  # UUID text

customers = Table(
    "customers",
    metadata,
    Column("tenant_id", String(TENANT), primary_key=True),
    Column("customer_id", String(ID), primary_key=True),  # UUIDv7: creation order
    Column("name", String(200), nullable=False),
    Column("name_folded", String(200), nullable=False),  # casefold(name), for search
    Column("language", String(35), nullable=False),
    Column("segment", String(64), nullable=False),
    Column("vip_tier", String(32), nullable=False),
    Column("notes", Text, nullable=False),
)

# One number may belong to several customers of a tenant (a household, a switchboard): a
# lookup then finds them all, the AMBIGUOUS case. Keyed (tenant, number) first for lookups.
customer_phones = Table(
    "customer_phones",
    metadata,
    Column("tenant_id", String(TENANT), primary_key=True),
    Column("number", String(16), primary_key=True),  # E.164
    Column("customer_id", String(ID), primary_key=True),
    Index("customer_phones_by_customer", "tenant_id", "customer_id"),
)

# An account number names one customer of a tenant.
customer_accounts = Table(
    "customer_accounts",
    metadata,
    Column("tenant_id", String(TENANT), primary_key=True),
    Column("account_number", String(64), primary_key=True),
    Column("customer_id", String(ID), nullable=False),
    Index("customer_accounts_by_customer", "tenant_id", "customer_id"),
)

# One row per call, built from the call's events (domain/call_history.py).
interactions = Table(
    "interactions",
    metadata,
    # Ids and codes below come from call events: any length their producers use.
    Column("tenant_id", String(TENANT), primary_key=True),
    Column("call_id", String, primary_key=True),
    Column("customer_id", String, nullable=False),  # empty until the caller is identified
    Column("identified_by", String, nullable=False),
    Column("started_at", Double, nullable=False),
    Column("queue_id", String, nullable=False),
    Column("agent_id", String, nullable=False),
    Column("outcome", String, nullable=False),
    Column("disposition", String, nullable=False),
    Column("queued_at", Double),
    Column("connected_at", Double),
    Column("ended_at", Double),
    Column("wait_s", Double, nullable=False),
    Column("talk_s", Double, nullable=False),
    Column("hold_s", Double, nullable=False),
    Column("held_since", Double),
    Column("hold_changed_at", Double, nullable=False),
    Column("wrap_up_s", Double, nullable=False),
    Index("interactions_by_customer", "tenant_id", "customer_id", "started_at"),
)
