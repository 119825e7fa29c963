"""The customer store on SQLAlchemy Core (PostgreSQL or SQLite): records, search, lookups,
bulk import. Account numbers are checked before a write, and the write fails on the key if one
was taken meanwhile."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Select, delete, insert, update
from sqlalchemy.exc import IntegrityError

from crm_lookup.adapters.customer_queries import (
    BY_ID,
    customer,
    customer_row,
    of_customer,
    summaries,
    with_account,
    with_phone,
)
from crm_lookup.adapters.customer_writes import guarded, insert_numbers
from crm_lookup.adapters.database import Database, reader, reading, transaction
from crm_lookup.adapters.importing_sql import SqlImport
from crm_lookup.adapters.lookup_queries import LookupQueries, match
from crm_lookup.adapters.tables import customer_accounts, customer_phones, customers, interactions
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.errors import ImportConflict, NotFound
from crm_lookup.service.ports import CustomerQuery, Match


class _Discarded(Exception):
    """Rolls an import's transaction back."""


class SqlCustomers:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine
        self._reader = reader(database.engine)
        self._fast_lookups = database.lookups

    async def create(self, tenant_id: str, customer: Customer) -> None:
        async with guarded(self._engine, tenant_id, customer) as connection:
            await connection.execute(insert(customers), [customer_row(tenant_id, customer)])
            await insert_numbers(connection, tenant_id, customer)

    async def get(self, tenant_id: str, customer_id: str) -> Customer | None:
        found = await self._read(BY_ID, tenant_id=tenant_id, customer_id=customer_id)
        return found[0] if found else None

    async def replace(self, tenant_id: str, customer: Customer) -> None:
        async with guarded(self._engine, tenant_id, customer) as connection:
            changed = await connection.execute(
                update(customers)
                .where(customers.c.tenant_id == tenant_id)
                .where(customers.c.customer_id == customer.customer_id)
                .values(customer_row(tenant_id, customer))
            )
            if changed.rowcount == 0:
                raise NotFound(tenant_id, customer.customer_id)
            for table in (customer_phones, customer_accounts):
                await connection.execute(
                    of_customer(delete(table), table, tenant_id, customer.customer_id)
                )
            await insert_numbers(connection, tenant_id, customer)

    async def delete(self, tenant_id: str, customer_id: str) -> bool:
        async with transaction(self._engine) as connection:
            for table in (customer_phones, customer_accounts, interactions):
                await connection.execute(of_customer(delete(table), table, tenant_id, customer_id))
            deleted = await connection.execute(
                of_customer(delete(customers), customers, tenant_id, customer_id)
            )
            return bool(deleted.rowcount)

    async def search(self, tenant_id: str, query: CustomerQuery) -> list[Customer]:
        statement = summaries()
        if query.after:
            statement = statement.where(customers.c.customer_id > query.after)
        if query.name:
            folded = query.name.casefold()
            statement = statement.where(customers.c.name_folded.contains(folded, autoescape=True))
        if query.vip_tier is not None:
            statement = statement.where(customers.c.vip_tier == query.vip_tier)
        if query.phone_number:
            statement = statement.where(customers.c.customer_id.in_(with_phone(query.phone_number)))
        if query.account_number:
            matching = with_account(query.account_number)
            statement = statement.where(customers.c.customer_id.in_(matching))
        statement = statement.order_by(customers.c.customer_id).limit(query.limit)
        return await self._read(statement, tenant_id=tenant_id)

    async def by_phone(
        self, tenant_id: str, number: str, recent: int, excluding_call: str = ""
    ) -> list[Match]:
        statement = LookupQueries.build(self._engine.dialect.name, recent).by_phone
        return await self._matches(statement, tenant_id, {"number": number}, excluding_call)

    async def by_account(
        self, tenant_id: str, account_number: str, recent: int, excluding_call: str = ""
    ) -> list[Match]:
        statement = LookupQueries.build(self._engine.dialect.name, recent).by_account
        parameters = {"account_number": account_number}
        return await self._matches(statement, tenant_id, parameters, excluding_call)

    @asynccontextmanager
    async def importing(self, tenant_id: str) -> AsyncIterator[SqlImport]:
        """One import, in one transaction: committed at the end unless discarded."""
        try:
            async with transaction(self._engine) as connection:
                session = SqlImport(connection, tenant_id)
                await session.prepare()
                yield session
                await session.finish()
                if session.discarded:
                    raise _Discarded
        except _Discarded:
            pass
        except IntegrityError as exc:  # an account number was taken by a write meanwhile
            raise ImportConflict() from exc

    async def _matches(
        self,
        statement: Select[Any],
        tenant_id: str,
        parameters: dict[str, str],
        excluding_call: str,
    ) -> list[Match]:
        parameters.update(tenant_id=tenant_id, excluding_call=excluding_call)
        if self._fast_lookups is not None:
            records = await self._fast_lookups.fetch(statement, parameters)
            return [match(tenant_id, record) for record in records]
        async with reading(self._reader) as connection:
            rows = await connection.execute(statement, parameters)
            return [match(tenant_id, row._mapping) for row in rows]

    async def _read(self, statement: Select[Any], **parameters: str) -> list[Customer]:
        async with reading(self._reader) as connection:
            rows = await connection.execute(statement, parameters)
            return [customer(row._mapping) for row in rows]
