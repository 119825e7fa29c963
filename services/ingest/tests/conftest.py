from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from callcenter.v1.envelope_pb2 import Event
from chassis.kafka import EventPublisher
from chassis.tenants import parse_tenants
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics
from ingest.adapters.calls_topic import KafkaEventLog
from ingest.domain import CallDirectory, NumberPlan, RecentReports
from ingest.entrypoints.http_api import build_http_app
from ingest.service.intake import CallIntake

ACME_NUMBER = "+33 9 70 00 00 00"  # acme's, in the number plan below
GLOBEX_NUMBER = "+1 212 555 0100"
SENTINEL = {
    "caller_number": "+33612345678",
    "dialed_number": ACME_NUMBER,  # acme's: the same partition as acme's other calls
    "provider": "sentinel",
    "provider_call_id": "last",
}


@pytest.fixture
def number_plan() -> NumberPlan:
    return NumberPlan(
        parse_tenants(
            {
                "tenants": {
                    "acme": {"numbers": {ACME_NUMBER: "acme-main"}},
                    "globex": {"numbers": {GLOBEX_NUMBER: "globex-main"}},
                }
            }
        )
    )


@pytest.fixture
async def publisher(kafka_bootstrap: str) -> AsyncIterator[EventPublisher]:
    kafka = EventPublisher(kafka_bootstrap)
    await kafka.start()
    yield kafka
    await kafka.stop()


@pytest.fixture
def directory() -> CallDirectory:
    return CallDirectory()


@pytest.fixture
def intake(
    number_plan: NumberPlan, publisher: EventPublisher, topics: Topics, directory: CallDirectory
) -> CallIntake:
    """On the real broker; its directory learns calls from the arrivals it records."""
    event_log = KafkaEventLog(publisher, topics.calls, timeout_s=2.0)
    return CallIntake(number_plan, event_log, directory, RecentReports())


@pytest.fixture
async def client(intake: CallIntake) -> AsyncIterator[httpx.AsyncClient]:
    app = build_http_app(intake, ready=lambda: True)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://ingest") as http:
        yield http


@pytest.fixture
def events_before_sentinel(
    kafka_bootstrap: str, topics: Topics
) -> Callable[[httpx.AsyncClient], Awaitable[list[Event]]]:
    """Every event of the calls topic published before a sentinel arrival, which the client
    reports now; acme's events share a partition, so they come back in order. This shows
    what was *not* published, without sleeping."""

    async def read(client: httpx.AsyncClient) -> list[Event]:
        sentinel = (await client.post("/v1/calls", json=SENTINEL)).json()["call_id"]
        async with TopicReader(kafka_bootstrap, topics.calls) as calls:

            def before_sentinel() -> tuple[list[Event]] | None:  # a tuple: truthy even if empty
                events = calls.events()
                ids = [e.aggregate_id for e in events]
                return (events[: ids.index(sentinel)],) if sentinel in ids else None

            [events] = await eventually(before_sentinel, what="the sentinel arrival")
        return events

    return read
