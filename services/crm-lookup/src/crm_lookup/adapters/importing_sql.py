"""Bulk import into the store: one transaction, loaded chunk by chunk as the file is read,
with COPY on PostgreSQL (adapters/bulk_load.py). Account numbers that another customer already
has are found by staging the chunk's numbers and joining them with the table, in one query."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg
from sqlalchemy import Column, Integer, MetaData, String, Table, delete, insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from crm_lookup.adapters.bulk_load import (
    ACCOUNT_COLUMNS,
    CUSTOMER_COLUMNS,
    PHONE_COLUMNS,
    bulk_load,
    customer_record,
)
from crm_lookup.adapters.tables import customer_accounts, customer_phones, customers
from crm_lookup.domain.imports import ImportRow, RowError

staged_accounts = Table(
    "crm_import_accounts",
    MetaData(),
    Column("row_number", Integer, nullable=False),
    Column("account_number", String(64), nullable=False),
    Column("customer_id", String(36), nullable=False),
    prefixes=["TEMPORARY"],
)


class SqlImport:
    """An import in progress, on its transaction's connection (SqlCustomers.importing)."""

    def __init__(self, connection: AsyncConnection, tenant_id: str) -> None:
        self._connection = connection
        self._tenant_id = tenant_id
        self.discarded = False

    async def prepare(self) -> None:
        await self._connection.run_sync(staged_accounts.drop, checkfirst=True)  # SQLite keeps it
        await self._connection.run_sync(staged_accounts.create)

    async def finish(self) -> None:
        await self._connection.run_sync(staged_accounts.drop)

    def discard(self) -> None:
        """Roll the whole import back at the end instead of committing it."""
        self.discarded = True

    async def load(self, rows: Sequence[ImportRow], check_only: bool) -> list[RowError]:
        """Insert the rows but those with an account number another customer has: those are
        returned. `check_only`: find them, insert nothing.

        On PostgreSQL a chunk is first COPYed straight into the tables, in a savepoint: a
        file of new customers, the usual case, needs no staging. Only when an account number
        turns out taken is the chunk loaded again through staging, to find which."""
        if not check_only and self._connection.dialect.name == "postgresql":
            try:
                async with self._connection.begin_nested():
                    await self._insert(rows, staged=False)
                return []
            except (IntegrityError, asyncpg.UniqueViolationError):
                pass
        await self._connection.execute(delete(staged_accounts))
        await bulk_load(
            self._connection,
            staged_accounts,
            ["row_number", "account_number", "customer_id"],
            ((r.row, a, r.customer_id) for r in rows for a in r.account_numbers),
        )
        refusals = await self._taken_accounts()
        if not check_only:
            refused = {error.row for error in refusals}
            await self._insert([r for r in rows if r.row not in refused], staged=True)
        return refusals

    async def _insert(self, kept: Sequence[ImportRow], staged: bool) -> None:
        """The customers and their numbers; the account numbers from staging, or directly."""
        connection, tenant_id = self._connection, self._tenant_id
        records = (customer_record(tenant_id, row) for row in kept)
        await bulk_load(connection, customers, CUSTOMER_COLUMNS, records)
        phones = sorted((tenant_id, n, r.customer_id) for r in kept for n in r.phone_numbers)
        await bulk_load(connection, customer_phones, PHONE_COLUMNS, phones)  # sorted: index order
        if not staged:
            accounts = sorted(
                (tenant_id, a, r.customer_id) for r in kept for a in r.account_numbers
            )
            await bulk_load(connection, customer_accounts, ACCOUNT_COLUMNS, accounts)
            return
        await connection.execute(
            insert(customer_accounts).from_select(
                ACCOUNT_COLUMNS,
                select(
                    literal(tenant_id),
                    staged_accounts.c.account_number,
                    staged_accounts.c.customer_id,
                ).order_by(staged_accounts.c.account_number),
            )
        )

    async def _taken_accounts(self) -> list[RowError]:
        """The staged account numbers that already name a customer, unstaged and reported."""
        owners = select(
            staged_accounts.c.row_number,
            staged_accounts.c.account_number,
            customer_accounts.c.customer_id,
        ).join(
            customer_accounts,
            (customer_accounts.c.tenant_id == self._tenant_id)
            & (customer_accounts.c.account_number == staged_accounts.c.account_number),
        )
        rows = await self._connection.execute(owners.order_by(staged_accounts.c.row_number))
        taken = {
            row.row_number: RowError(
                row.row_number,
                "account_numbers",
                f"{row.account_number!r} already belongs to customer {row.customer_id!r}",
            )
            for row in rows
        }
        if taken:
            refused = select(owners.subquery().c.row_number)
            await self._connection.execute(
                delete(staged_accounts).where(staged_accounts.c.row_number.in_(refused))
            )
        return list(taken.values())
