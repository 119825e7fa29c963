"""The webhooks' refusals, against a real broker: each names the field, none records anything."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from callcenter.v1.envelope_pb2 import Event
from chassis.broker import EmbeddedBroker
from chassis.kafka import EventPublisher
from chassis.topics import Topics, ensure_topics
from ingest.adapters.calls_topic import KafkaEventLog
from ingest.domain import CallDirectory, KnownCall, NumberPlan, RecentReports
from ingest.entrypoints.http_api import build_http_app
from ingest.service.intake import CallIntake

pytestmark = pytest.mark.integration
BeforeSentinel = Callable[[httpx.AsyncClient], Awaitable[list[Event]]]  # conftest
REPORT = {
    "caller_number": "+33 6 12 34 56 78",
    "dialed_number": "+33 9 70 00 00 00",
    "provider": "twilio",
    "provider_call_id": "CA42",
}


async def test_an_unknown_dialed_number_is_refused_and_nothing_recorded(
    client: httpx.AsyncClient, events_before_sentinel: BeforeSentinel
) -> None:
    response = await client.post("/v1/calls", json={**REPORT, "dialed_number": "+442079460000"})
    assert response.status_code == 404
    assert response.json() == {
        "detail": "dialed_number: +442079460000 is not in any tenant's number plan"
    }
    assert await events_before_sentinel(client) == []


async def test_a_tenant_contradicting_the_number_plan_is_refused(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/v1/calls", json={**REPORT, "tenant_id": "globex"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "tenant_id"] and "belongs to tenant 'acme'" in error["msg"]


async def test_a_malformed_report_is_refused_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/v1/calls", json={**REPORT, "caller_number": "12"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "caller_number"]
    missing = await client.post("/v1/calls", json={"dialed_number": "+33970000000"})
    assert {tuple(e["loc"]) for e in missing.json()["detail"]} >= {
        ("body", "caller_number"),
        ("body", "provider_call_id"),
    }


async def test_reports_about_an_unknown_call_or_bad_digits_are_refused(
    client: httpx.AsyncClient,
) -> None:
    for what in ("answered", "hangup"):
        response = await client.post(
            f"/v1/calls/twilio/nope/{what}", json={"provider_event_id": "e"}
        )
        assert response.status_code == 404
        assert response.json()["detail"].startswith("provider_call_id: no call 'nope'")
    await client.post("/v1/calls", json=REPORT)
    for body, field in [
        ({"provider_event_id": "e", "digits": "1a"}, "digits"),
        ({"provider_event_id": "", "digits": "1"}, "provider_event_id"),
        (
            {"provider_event_id": "e", "digits": "1", "occurred_at": "2026-11-23T09:00"},
            "occurred_at",
        ),
    ]:
        bad = await client.post("/v1/calls/twilio/CA42/digits", json=body)
        assert bad.status_code == 422
        assert [e["loc"] for e in bad.json()["detail"]] == [["body", field]]


async def test_kafka_down_answers_503_with_retry_after(
    unique_name: str, number_plan: NumberPlan
) -> None:
    broker = EmbeddedBroker().start()
    topics = Topics(f"{unique_name}.")
    await ensure_topics(broker.bootstrap_servers, topics.event_topics(), 1)
    publisher = EventPublisher(broker.bootstrap_servers, request_timeout_ms=1000)
    await publisher.start()
    broker.stop()
    directory = CallDirectory()
    directory.add(KnownCall("acme", "c-1", "twilio", "CA7"))
    event_log = KafkaEventLog(publisher, topics.calls, timeout_s=1.0)
    app = build_http_app(
        CallIntake(number_plan, event_log, directory, RecentReports()), lambda: True
    )
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://ingest"
        ) as http:
            arrival = await http.post("/v1/calls", json=REPORT)
            hangup = await http.post("/v1/calls/twilio/CA7/hangup", json={"provider_event_id": "h"})
        for response in (arrival, hangup):
            assert response.status_code == 503
            assert response.headers["Retry-After"] == "2"
            assert "nothing was recorded" in response.json()["detail"]
        assert directory.get("c-1") == KnownCall("acme", "c-1", "twilio", "CA7")  # sequence 1
    finally:
        await publisher.stop()
