"""The webhooks against a real broker: what providers report becomes call events."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from callcenter.v1.envelope_pb2 import Event
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics

pytestmark = pytest.mark.integration
BeforeSentinel = Callable[[httpx.AsyncClient], Awaitable[list[Event]]]  # conftest
REPORT = {
    "caller_number": "+33 6 12 34 56 78",
    "dialed_number": "+33 9 70 00 00 00",
    "provider": "twilio",
    "provider_call_id": "CA42",
    "occurred_at": "2026-11-23T09:00:00+01:00",
}


async def test_a_reported_call_becomes_a_call_received_event(
    client: httpx.AsyncClient, kafka_bootstrap: str, topics: Topics
) -> None:
    response = await client.post("/v1/calls", json=REPORT)
    assert response.status_code == 202
    call_id = response.json()["call_id"]
    async with TopicReader(kafka_bootstrap, topics.calls) as calls:
        [event] = await eventually(calls.events, what="CallReceived on the calls topic")
    assert (event.event_type, event.aggregate_id, event.correlation_id) == (
        "CallReceived",
        call_id,
        call_id,
    )
    assert event.call_received.caller_number == "+33612345678"
    assert event.tenant_id == "acme" and event.sequence == 1  # from the number plan
    assert event.occurred_at.ToJsonString() == "2026-11-23T08:00:00Z"


async def test_a_retried_arrival_is_one_call(
    client: httpx.AsyncClient, events_before_sentinel: BeforeSentinel
) -> None:
    first = await client.post("/v1/calls", json=REPORT)
    retry = await client.post("/v1/calls", json=REPORT)
    assert first.status_code == retry.status_code == 202
    assert first.json() == retry.json()
    [received] = await events_before_sentinel(client)
    assert received.aggregate_id == first.json()["call_id"]


async def test_digits_after_the_arrival_are_the_calls_next_event(
    client: httpx.AsyncClient, events_before_sentinel: BeforeSentinel
) -> None:
    call_id = (await client.post("/v1/calls", json=REPORT)).json()["call_id"]
    body = {"provider_event_id": "DTMF-1", "digits": "42#"}
    pressed = await client.post("/v1/calls/twilio/CA42/digits", json=body)
    retried = await client.post("/v1/calls/twilio/CA42/digits", json=body)
    assert pressed.status_code == retried.status_code == 202
    assert pressed.json() == retried.json() == {"call_id": call_id}
    received, digits = await events_before_sentinel(client)
    assert (digits.event_type, digits.tenant_id, digits.aggregate_id) == (
        "DigitsPressed",
        "acme",
        call_id,
    )
    assert digits.sequence > received.sequence == 1
    assert (digits.digits_pressed.digits, digits.digits_pressed.provider_event_id) == (
        "42#",
        "DTMF-1",
    )
