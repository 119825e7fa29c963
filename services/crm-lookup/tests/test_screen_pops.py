"""Screen pops for calls, on a real store: published once per cause with the envelope the
platform expects; settled by a replay of the log; retried in the background while the store is
down or slow, never holding anything up."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_IDENTIFIED,
    IDENTIFICATION_RESULT_UNKNOWN,
    IVR_INPUT_KIND_DIGITS,
    CallAbandoned,
    CallReceived,
    IvrInputReceived,
)
from callcenter.v1.envelope_pb2 import Event
from chassis.events import derived_event_id
from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.adapters.interactions_sql import SqlInteractions
from crm_lookup.domain.calls import CallLookups
from crm_lookup.domain.customers import Customer
from crm_lookup.service.lookup import CustomerLookup
from crm_lookup.service.ports import Match, StoreUnavailable
from crm_lookup.service.screen_pops import ScreenPops

pytestmark = pytest.mark.integration
Events = Callable[..., Event]
JEANNE = Customer("c1", "Jeanne", ("+33612345678",), ("4242001",), "fr", "retail", "gold")
NOW = 2_000_000_000.0


class FlakyCustomers(SqlCustomers):
    """The real store, which can be made to fail or to hang."""

    down = False
    slow = False

    async def by_phone(
        self, tenant_id: str, number: str, recent: int, excluding_call: str = ""
    ) -> list[Match]:
        if self.down:
            raise StoreUnavailable("customer store unavailable: OperationalError")
        if self.slow:
            await asyncio.sleep(10)
        return await super().by_phone(tenant_id, number, recent, excluding_call)


class Log:
    """What the pops publish, as the calls topic would keep it."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    async def publish(self, events: list[Event]) -> None:
        self.events.extend(events)


@pytest.fixture
async def store(sqlite_url: str) -> AsyncIterator[FlakyCustomers]:
    database = Database(sqlite_url)
    await database.start()
    store = FlakyCustomers(database)
    await store.create("acme", JEANNE)
    yield store
    await database.stop()


@pytest.fixture
def log() -> Log:
    return Log()


@pytest.fixture
def pops(store: FlakyCustomers, log: Log) -> ScreenPops:
    return screen_pops(store, log)


def screen_pops(store: FlakyCustomers, log: Log) -> ScreenPops:
    engine: AsyncEngine = store._engine
    lookup = CustomerLookup(store, SqlInteractions(engine))
    calls = CallLookups(frozenset({"account_number"}))
    return ScreenPops(lookup, calls, log.publish, timeout_s=0.2)


async def test_an_arrival_and_an_account_number_each_pop_once(
    store: FlakyCustomers, call_event: Events, log: Log, pops: ScreenPops
) -> None:
    received = call_event(CallReceived(caller_number="+33612345678"))
    await pops.apply(received)
    assert await pops.act(NOW) is None
    [pop] = log.events
    assert pop.event_type == "CustomerIdentified"
    assert (pop.tenant_id, pop.aggregate_id, pop.correlation_id, pop.sequence) == (
        "acme",
        "call-1",
        "call-1",
        2,
    )
    assert (pop.causation_id, pop.event_id) == (
        received.event_id,
        derived_event_id(received.event_id),
    )
    assert pop.occurred_at.seconds == NOW and pop.producer == "crm-lookup"
    found = pop.customer_identified
    assert (found.result, found.customer.name, found.attributes["vip_tier"]) == (
        IDENTIFICATION_RESULT_IDENTIFIED,
        "Jeanne",
        "gold",
    )
    await pops.apply(pop)  # read back
    typed = IvrInputReceived(
        attribute="account_number", kind=IVR_INPUT_KIND_DIGITS, digits="4242001"
    )
    await pops.apply(call_event(typed, sequence=5))
    await pops.act(NOW)
    assert len(log.events) == 2 and log.events[1].sequence == 6
    assert log.events[1].customer_identified.looked_up_by == "account_number"
    assert log.events[1].customer_identified.customer_id == "c1"
    await pops.act(NOW + 10)
    assert len(log.events) == 2


async def test_a_replay_of_the_log_settles_what_was_published(
    store: FlakyCustomers, call_event: Events, log: Log
) -> None:
    first = screen_pops(store, log)
    received = call_event(CallReceived(caller_number="+33612345678"))
    await first.apply(received)
    await first.act(NOW)
    restarted = screen_pops(store, log)  # after a crash: the log is read from its start
    for event in [received, *log.events]:
        await restarted.apply(event)
    assert await restarted.act(NOW) is None
    assert len(log.events) == 1


async def test_a_withheld_number_is_unknown(
    store: FlakyCustomers, call_event: Events, log: Log, pops: ScreenPops
) -> None:
    await pops.apply(call_event(CallReceived(caller_number="anonymous")))
    await pops.act(NOW)
    [pop] = log.events
    assert pop.customer_identified.result == IDENTIFICATION_RESULT_UNKNOWN
    assert pop.customer_identified.looked_up_value == "anonymous"


@pytest.mark.parametrize("trouble", ["down", "slow"])
async def test_the_pop_follows_once_the_store_answers_again(
    store: FlakyCustomers, call_event: Events, log: Log, pops: ScreenPops, trouble: str
) -> None:
    setattr(store, trouble, True)
    await pops.apply(call_event(CallReceived(caller_number="+33612345678")))
    retry_at = await pops.act(NOW)
    assert log.events == [] and retry_at is not None and NOW < retry_at <= NOW + 1
    assert await pops.act(NOW) == retry_at  # not due yet: nothing tried
    setattr(store, trouble, False)
    assert await pops.act(retry_at) is None
    assert log.events[0].customer_identified.customer_id == "c1"


async def test_a_call_that_ended_is_owed_nothing(
    store: FlakyCustomers, call_event: Events, log: Log, pops: ScreenPops
) -> None:
    store.down = True
    await pops.apply(call_event(CallReceived(caller_number="+33612345678")))
    await pops.act(NOW)
    await pops.apply(call_event(CallAbandoned(), sequence=4))
    store.down = False
    assert await pops.act(NOW + 60) is None
    assert log.events == []
