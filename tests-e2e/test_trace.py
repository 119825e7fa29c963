"""One trace per call: ingest's HTTP span, its Kafka send, and the consumer that processes it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from otlp_sink import OtlpSink, ReceivedSpan

from chassis.testing.processes import ServiceRunner
from chassis.testing.waiting import eventually_sync

pytestmark = pytest.mark.integration
DEMO_TENANTS = Path(__file__).resolve().parents[1] / "deploy" / "config" / "tenants.yaml"


@pytest.fixture
def traced_platform(e2e_kafka: str) -> Iterator[tuple[ServiceRunner, OtlpSink]]:
    prefix = f"e2e{uuid.uuid4().hex[:8]}."
    with OtlpSink() as sink:
        runner = ServiceRunner(
            {
                "KAFKA_BOOTSTRAP_SERVERS": e2e_kafka,
                "TOPIC_PREFIX": prefix,
                "KAFKA_PARTITIONS": "2",
                "OTEL_EXPORTER_OTLP_ENDPOINT": sink.endpoint,
                "TENANTS_CONFIG": str(DEMO_TENANTS),
            }
        )
        try:
            runner.start("metrics", "callcenter-metrics")
            runner.start("ingest", "callcenter-ingest", grpc=True)
            yield runner, sink
        finally:
            runner.stop_all()


def ancestors(span: ReceivedSpan, spans: list[ReceivedSpan]) -> list[ReceivedSpan]:
    by_id = {s.span_id: s for s in spans}
    chain = []
    while span.parent_span_id in by_id:
        span = by_id[span.parent_span_id]
        chain.append(span)
    return chain


def test_a_call_is_one_trace_from_webhook_to_consumer(
    traced_platform: tuple[ServiceRunner, OtlpSink],
) -> None:
    runner, sink = traced_platform
    ingest = next(s for s in runner.running if s.name == "ingest")
    response = httpx.post(
        f"{ingest.url}/v1/calls",
        json={
            "tenant_id": "acme",
            "caller_number": "+33612345678",
            "dialed_number": "+33970000000",
            "provider_call_id": f"trace-{uuid.uuid4().hex}",
        },
    )
    assert response.status_code == 202

    request_span = eventually_sync(
        lambda: next(
            (
                s
                for s in sink.spans
                if s.service == "ingest" and s.kind == "SERVER" and s.name == "POST /v1/calls"
            ),
            None,
        ),
        timeout=30,
        what="ingest's span for the webhook",
    )
    processed = eventually_sync(
        lambda: next(
            (
                s
                for s in sink.trace(request_span.trace_id)
                if s.service == "metrics" and s.kind == "CONSUMER"
            ),
            None,
        ),
        timeout=60,
        what="metrics' consumer span in the webhook's trace",
    )

    # Edges: metrics' consumer span <- ingest's Kafka send <- ... <- ingest's HTTP request.
    chain = ancestors(processed, sink.trace(request_span.trace_id))
    assert (chain[0].service, chain[0].kind) == ("ingest", "PRODUCER"), chain
    assert chain[-1] == request_span, chain
