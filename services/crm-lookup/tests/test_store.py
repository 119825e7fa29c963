"""The customer store, on SQLite and on PostgreSQL alike: records, lookups, search, import,
history, and tenants that never see each other's customers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_IDENTIFIED,
    CallQueued,
    CallReceived,
    CustomerIdentified,
)
from callcenter.v1.envelope_pb2 import Event
from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.interactions_sql import SqlInteractions
from crm_lookup.adapters.tables import metadata
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.errors import AccountTaken, NotFound
from crm_lookup.domain.imports import ImportRow, RowError
from crm_lookup.service.ports import CustomerQuery

pytestmark = pytest.mark.integration
Events = Callable[..., Event]
JEANNE = Customer("0001", "Jeanne Martin", ("+33612345678",), ("A1", "A2"), "fr", "retail", "gold")
PAUL = Customer("0002", "Paul 50%_off", ("+33612345678", "+33970000001"), (), "fr")
ADA = Customer("0003", "Ada", ("+442079460000",), ("B1",), "en", vip_tier="gold")


@pytest.fixture
async def stored(customers: SqlCustomers) -> SqlCustomers:
    for customer in (JEANNE, PAUL, ADA):
        await customers.create("acme", customer)
    return customers


async def phone(store: SqlCustomers, tenant_id: str, number: str) -> list[Customer]:
    return [match.customer for match in await store.by_phone(tenant_id, number, recent=0)]


async def account(store: SqlCustomers, tenant_id: str, account_number: str) -> list[Customer]:
    return [match.customer for match in await store.by_account(tenant_id, account_number, 0)]


def _schema_differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), metadata))


async def test_the_migrations_build_the_schema_the_code_uses(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        assert await connection.run_sync(_schema_differences) == []


async def test_a_customer_reads_back_as_written(stored: SqlCustomers) -> None:
    assert await stored.get("acme", "0001") == JEANNE
    assert await stored.get("acme", "0009") is None


async def test_lookups(stored: SqlCustomers) -> None:
    assert await phone(stored, "acme", "+33612345678") == [JEANNE, PAUL]
    assert await phone(stored, "acme", "+33970000001") == [PAUL]
    assert await phone(stored, "acme", "+33999999999") == []
    assert await account(stored, "acme", "A2") == [JEANNE]
    assert await account(stored, "acme", "A3") == []


async def test_an_account_number_names_one_customer(stored: SqlCustomers) -> None:
    with pytest.raises(AccountTaken, match="'A1' already belongs to customer '0001'"):
        await stored.create("acme", Customer("0004", "Copy", ("+33600000000",), ("A1",)))
    assert await stored.get("acme", "0004") is None  # nothing half-written
    assert await phone(stored, "acme", "+33600000000") == []
    with pytest.raises(AccountTaken):
        await stored.replace("acme", Customer("0003", "Ada", (), ("B1", "A2")))
    assert await stored.get("acme", "0003") == ADA


async def test_replacing_and_deleting(stored: SqlCustomers, interactions: SqlInteractions) -> None:
    changed = Customer("0001", "Jeanne M.", ("+33700000000",), ("A2", "A9"), "fr", "", "platinum")
    await stored.replace("acme", changed)
    assert await stored.get("acme", "0001") == changed
    assert await phone(stored, "acme", "+33612345678") == [PAUL]
    with pytest.raises(NotFound):
        await stored.replace("acme", Customer("0009", "Nobody"))
    assert await stored.delete("acme", "0001")
    assert not await stored.delete("acme", "0001")
    assert await stored.get("acme", "0001") is None
    assert await account(stored, "acme", "A2") == []


async def test_search_filters_and_pages(stored: SqlCustomers) -> None:
    async def names(**filters: object) -> list[str]:
        found = await stored.search("acme", CustomerQuery(**filters))  # type: ignore[arg-type]
        return [c.name for c in found]

    assert await names() == ["Jeanne Martin", "Paul 50%_off", "Ada"]
    assert await names(name="MARTIN") == ["Jeanne Martin"]
    assert await names(name="%_") == ["Paul 50%_off"]  # wildcards are literal
    assert await names(phone_number="+33612345678") == ["Jeanne Martin", "Paul 50%_off"]
    assert await names(account_number="B1") == ["Ada"]
    assert await names(vip_tier="gold") == ["Jeanne Martin", "Ada"]
    assert await names(vip_tier="") == ["Paul 50%_off"]
    assert await names(vip_tier="gold", phone_number="+33612345678") == ["Jeanne Martin"]
    assert await names(limit=2) == ["Jeanne Martin", "Paul 50%_off"]
    assert await names(after="0002", limit=2) == ["Ada"]


async def test_tenants_never_see_each_others_customers(stored: SqlCustomers) -> None:
    twin = Customer("0001", "Globex's Jeanne", ("+33612345678",), ("A1",))
    await stored.create("globex", twin)  # same id, number and account: another tenant
    assert await phone(stored, "globex", "+33612345678") == [twin]
    assert await account(stored, "globex", "A1") == [twin]
    assert await stored.get("globex", "0002") is None
    assert [c.name for c in await stored.search("globex", CustomerQuery())] == [twin.name]
    assert not await stored.delete("globex", "0003")
    with pytest.raises(NotFound):
        await stored.replace("globex", ADA)
    assert await stored.get("acme", "0001") == JEANNE
    assert await stored.get("acme", "0003") == ADA


def rows(*customers: Customer) -> list[ImportRow]:
    return [ImportRow.of(n, c) for n, c in enumerate(customers, start=2)]


async def test_an_import_refuses_taken_account_numbers(stored: SqlCustomers) -> None:
    new = Customer("0010", "New", ("+33611111111", "+33612345678"), ("N1",), "de", "x", "y", "z")
    clash = Customer("0011", "Clash", ("+33622222222",), ("B1", "N2"))
    async with stored.importing("acme") as session:
        checked = await session.load(rows(new, clash), check_only=True)  # inserts nothing
        refused = await session.load(rows(new, clash), check_only=False)
    assert (
        checked
        == refused
        == [RowError(3, "account_numbers", "'B1' already belongs to customer '0003'")]
    )
    assert await stored.get("acme", "0010") == new
    assert await phone(stored, "acme", "+33612345678") == [JEANNE, PAUL, new]
    assert await stored.get("acme", "0011") is None
    assert await account(stored, "acme", "N2") == []
    async with stored.importing("globex") as session:
        assert await session.load(rows(clash), check_only=False) == []
    assert await account(stored, "globex", "B1") == [clash]  # another tenant's B1 is free


async def test_a_discarded_import_leaves_nothing(stored: SqlCustomers) -> None:
    async with stored.importing("acme") as session:
        await session.load(rows(Customer("0010", "New", ("+33611111111",), ("N1",))), False)
        session.discard()
    assert await stored.get("acme", "0010") is None
    assert await account(stored, "acme", "N1") == []
    with pytest.raises(RuntimeError):
        async with stored.importing("acme") as session:
            await session.load(rows(Customer("0012", "Lost")), False)
            raise RuntimeError("the file could not be read to its end")
    assert await stored.get("acme", "0012") is None


async def test_interactions_newest_first(
    stored: SqlCustomers, interactions: SqlInteractions, call_event: Events
) -> None:
    identified = CustomerIdentified(
        result=IDENTIFICATION_RESULT_IDENTIFIED, customer_id="0001", looked_up_by="caller_number"
    )
    for n, call_id in enumerate(["c-old", "c-new", "c-now"]):
        await interactions.record(call_event(CallReceived(), call_id=call_id, at=n * 100))
        await interactions.record(call_event(identified, call_id=call_id, at=n * 100 + 1))
    queued = call_event(CallQueued(queue_id="billing"), call_id="c-new", at=110)
    await interactions.record(queued)
    await interactions.record(queued)  # redelivered: the same row
    recent = await interactions.recent("acme", "0001", limit=5, excluding_call="c-now")
    assert [(i.call_id, i.queue_id) for i in recent] == [("c-new", "billing"), ("c-old", "")]
    assert await interactions.recent("globex", "0001", limit=5) == []
    assert [i.call_id for i in await interactions.recent("acme", "0001", limit=1)] == ["c-now"]
    [found] = await stored.by_account("acme", "A1", recent=5, excluding_call="c-now")
    # the lookup's own round trip gives the same history, as the pop shows it
    assert [i.summary() for i in found.recent] == [i.summary() for i in recent]
    [paul] = await stored.by_phone("acme", "+33970000001", recent=5)
    assert paul.recent == []
    await stored.delete("acme", "0001")
    assert await interactions.recent("acme", "0001", limit=5) == []
