"""Loading many rows at once: COPY on PostgreSQL (asyncpg's copy_records_to_table, several
times faster than INSERTs), batched executemany on SQLite; and the rows a bulk import writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncConnection

from crm_lookup.adapters.tables import customers
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.imports import ImportRow

CUSTOMER_COLUMNS = [c.name for c in customers.columns]
PHONE_COLUMNS = ["tenant_id", "number", "customer_id"]
ACCOUNT_COLUMNS = ["tenant_id", "account_number", "customer_id"]


def customer_record(tenant_id: str, c: Customer | ImportRow) -> tuple[str, ...]:
    """A row of `customers`, its columns in CUSTOMER_COLUMNS order."""
    return (
        tenant_id,
        c.customer_id,
        c.name,
        c.name.casefold(),
        c.language,
        c.segment,
        c.vip_tier,
        c.notes,
    )


async def bulk_load(
    connection: AsyncConnection,
    table: Table,
    columns: list[str],
    records: Iterable[tuple[Any, ...]],
) -> None:
    if connection.dialect.name == "postgresql":
        raw = await connection.get_raw_connection()
        await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
            table.name, records=records, columns=columns
        )
    else:
        rows = [dict(zip(columns, record, strict=True)) for record in records]
        if rows:
            await connection.execute(insert(table), rows)
