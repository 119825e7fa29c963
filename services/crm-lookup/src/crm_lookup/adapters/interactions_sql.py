"""The interaction history on SQLAlchemy Core: one row per call, read, changed by the domain
and written back in one transaction (the row locked on PostgreSQL)."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from callcenter.v1.envelope_pb2 import Event
from crm_lookup.adapters.database import reader, reading, transaction
from crm_lookup.adapters.tables import interactions
from crm_lookup.domain.call_history import applied
from crm_lookup.domain.interactions import Interaction

RECENT = (
    select(interactions)
    .where(interactions.c.tenant_id == bindparam("tenant_id"))
    .where(interactions.c.customer_id == bindparam("customer_id"))
    .where(interactions.c.call_id != bindparam("excluding_call"))
    .order_by(interactions.c.started_at.desc())
    .limit(bindparam("limit"))
)


class SqlInteractions:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._reader = reader(engine)

    async def record(self, event: Event) -> None:
        tenant_id, call_id = event.tenant_id, event.aggregate_id
        key = (interactions.c.tenant_id == tenant_id) & (interactions.c.call_id == call_id)
        async with transaction(self._engine) as connection:
            row = (
                await connection.execute(select(interactions).where(key).with_for_update())
            ).first()
            before = Interaction(**row._mapping) if row else None
            after = applied(before, event)
            if after == before:
                return
            if before is None:
                await connection.execute(insert(interactions), [asdict(after)])
            else:
                await connection.execute(update(interactions).where(key).values(asdict(after)))

    async def recent(
        self, tenant_id: str, customer_id: str, limit: int, excluding_call: str = ""
    ) -> list[Interaction]:
        if limit <= 0:
            return []
        parameters = {
            "tenant_id": tenant_id,
            "customer_id": customer_id,
            "excluding_call": excluding_call,
            "limit": limit,
        }
        async with reading(self._reader) as connection:
            return [
                Interaction(**row._mapping) for row in await connection.execute(RECENT, parameters)
            ]
