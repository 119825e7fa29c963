"""A restarted ingest rebuilds its directory of calls from the calls topic (real broker)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import httpx
import pytest

from callcenter.v1.call_events_pb2 import CallAbandoned, IvrNodeEntered
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from chassis.kafka import EventPublisher
from chassis.kafka.replayed import ReplayedState
from chassis.testing.waiting import eventually
from chassis.topics import Topics
from ingest.adapters.calls_topic import KafkaEventLog, follow_calls
from ingest.domain import CallDirectory, NumberPlan, RecentReports
from ingest.entrypoints.http_api import build_http_app
from ingest.service.following import CallsFollower
from ingest.service.intake import CallIntake

pytestmark = pytest.mark.integration
BeforeSentinel = Callable[[httpx.AsyncClient], Awaitable[list[Event]]]  # conftest
ARRIVAL = {
    "caller_number": "+33612345678",
    "dialed_number": "+33970000000",
    "provider": "twilio",
    "provider_call_id": "CA1",
}


def ivr_event(call_id: str, sequence: int, payload: IvrNodeEntered | CallAbandoned) -> Event:
    """What another writer of the call (the IVR) records meanwhile."""
    return new_event(
        payload,
        tenant_id="acme",
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id=call_id,
        sequence=sequence,
        producer="ivr",
        correlation_id=call_id,
    )


@dataclass
class RestartedIngest:
    http: httpx.AsyncClient
    calls: ReplayedState  # not started yet


@pytest.fixture
async def restarted(
    kafka_bootstrap: str,
    topics: Topics,
    publisher: EventPublisher,
    number_plan: NumberPlan,
    unique_name: str,
) -> AsyncIterator[RestartedIngest]:
    """A second ingest with an empty memory, ready once it has read the calls topic back."""
    directory, recent = CallDirectory(), RecentReports()
    calls = follow_calls(
        kafka_bootstrap,
        topics,
        CallsFollower(directory, recent),
        publisher,
        consumer_group=f"{unique_name}-ingest",
    )
    event_log = KafkaEventLog(publisher, topics.calls, timeout_s=2.0)
    intake = CallIntake(number_plan, event_log, directory, recent, live=lambda: calls.live)
    app = build_http_app(intake, lambda: calls.live)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://ingest"
    ) as http:
        yield RestartedIngest(http, calls)
    await calls.stop()


async def test_a_restarted_ingest_knows_the_calls_and_their_sequences(
    client: httpx.AsyncClient,
    restarted: RestartedIngest,
    publisher: EventPublisher,
    topics: Topics,
    events_before_sentinel: BeforeSentinel,
) -> None:
    call_id = (await client.post("/v1/calls", json=ARRIVAL)).json()["call_id"]
    digits = {"provider_event_id": "DTMF-1", "digits": "1"}
    await client.post("/v1/calls/twilio/CA1/digits", json=digits)
    ended = (await client.post("/v1/calls", json={**ARRIVAL, "provider_call_id": "CA2"})).json()
    await publisher.publish_all(
        topics.calls,
        [
            ivr_event(call_id, 3, IvrNodeEntered(node_id="menu")),
            ivr_event(ended["call_id"], 2, CallAbandoned()),
        ],
    )

    early = await restarted.http.post(
        "/v1/calls/twilio/CA1/answered", json={"provider_event_id": "a"}
    )
    assert early.status_code == 503 and early.headers["Retry-After"] == "2"
    await restarted.calls.start()
    await eventually(lambda: restarted.calls.live, what="directory rebuilt")

    retried = await restarted.http.post("/v1/calls/twilio/CA1/digits", json=digits)
    assert (retried.status_code, retried.json()) == (202, {"call_id": call_id})
    more = {"provider_event_id": "DTMF-2", "digits": "2"}
    assert (await restarted.http.post("/v1/calls/twilio/CA1/digits", json=more)).status_code == 202
    gone = await restarted.http.post("/v1/calls/twilio/CA2/hangup", json={"provider_event_id": "h"})
    assert gone.status_code == 404

    events = [e for e in await events_before_sentinel(restarted.http) if e.aggregate_id == call_id]
    assert [(e.event_type, e.sequence) for e in events] == [
        ("CallReceived", 1),
        ("DigitsPressed", 2),
        ("IvrNodeEntered", 3),
        ("DigitsPressed", 4),  # once each: the retry of DTMF-1 was answered from the log
    ]
