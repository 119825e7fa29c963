"""The webhook API against a real broker."""

from __future__ import annotations

import httpx
import pytest

from chassis.broker import EmbeddedBroker
from chassis.kafka import EventPublisher
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics, ensure_topics
from ingest.http_api import build_http_app
from ingest.intake import CallIntake

pytestmark = pytest.mark.integration
REPORT = {
    "tenant_id": "acme",
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
    assert event.routing_domain == "acme" and event.sequence == 1
    assert event.occurred_at.ToJsonString() == "2026-11-23T08:00:00Z"


async def test_a_retried_webhook_is_the_same_fact(
    client: httpx.AsyncClient, kafka_bootstrap: str, topics: Topics
) -> None:
    first = await client.post("/v1/calls", json=REPORT)
    retry = await client.post("/v1/calls", json=REPORT)
    assert first.json() == retry.json()
    async with TopicReader(kafka_bootstrap, topics.calls) as calls:
        events = await eventually(lambda: len(calls.records) == 2 and calls.events())
    assert events[0].event_id == events[1].event_id  # consumers keep one


async def test_a_malformed_report_is_refused_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/v1/calls", json={**REPORT, "caller_number": "12"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "caller_number"]
    missing = await client.post("/v1/calls", json={"tenant_id": "acme"})
    assert {tuple(e["loc"]) for e in missing.json()["detail"]} >= {
        ("body", "caller_number"),
        ("body", "provider_call_id"),
    }


async def test_kafka_down_answers_503_with_retry_after(unique_name: str) -> None:
    broker = EmbeddedBroker().start()
    topics = Topics(f"{unique_name}.")
    await ensure_topics(broker.bootstrap_servers, topics.event_topics(), 1)
    publisher = EventPublisher(broker.bootstrap_servers, request_timeout_ms=1000)
    await publisher.start()
    broker.stop()
    app = build_http_app(CallIntake(publisher, topics.calls, publish_timeout_s=1.0), lambda: True)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://ingest"
        ) as http:
            response = await http.post("/v1/calls", json=REPORT)
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "2"
    finally:
        await publisher.stop()
