"""Writing a customer: account numbers are checked before the write, and the write fails on
the key if one was taken meanwhile, refused alike."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from crm_lookup.adapters.database import transaction
from crm_lookup.adapters.tables import customer_accounts, customer_phones
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.errors import AccountTaken


async def _refuse_taken_accounts(
    connection: AsyncConnection, tenant_id: str, customer: Customer
) -> None:
    if not customer.account_numbers:
        return
    taken = (
        await connection.execute(
            select(customer_accounts.c.account_number, customer_accounts.c.customer_id)
            .where(customer_accounts.c.tenant_id == tenant_id)
            .where(customer_accounts.c.account_number.in_(customer.account_numbers))
            .where(customer_accounts.c.customer_id != customer.customer_id)
            .limit(1)
        )
    ).first()
    if taken is not None:
        raise AccountTaken(taken.account_number, taken.customer_id)


async def insert_numbers(connection: AsyncConnection, tenant_id: str, customer: Customer) -> None:
    key = {"tenant_id": tenant_id, "customer_id": customer.customer_id}
    if customer.phone_numbers:
        phones = [{**key, "number": number} for number in customer.phone_numbers]
        await connection.execute(insert(customer_phones), phones)
    if customer.account_numbers:
        accounts = [{**key, "account_number": a} for a in customer.account_numbers]
        await connection.execute(insert(customer_accounts), accounts)


@asynccontextmanager
async def guarded(
    engine: AsyncEngine, tenant_id: str, customer: Customer
) -> AsyncIterator[AsyncConnection]:
    """A transaction that first refuses an account number of another customer. A write of
    the same number that commits meanwhile fails on the key: refused the same way."""
    try:
        async with transaction(engine) as connection:
            await _refuse_taken_accounts(connection, tenant_id, customer)
            yield connection
    except IntegrityError:
        async with transaction(engine) as connection:
            await _refuse_taken_accounts(connection, tenant_id, customer)
        raise
