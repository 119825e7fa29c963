"""The worker live, as supervisors use it: calls published as they happen, figures on
the API, the event stream and Prometheus, and an alert raised then cleared without
flapping (hysteresis), as events on the queue-alerts topic."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_QUEUE, Event
from callcenter.v1.metrics_pb2 import ALERT_KIND_SERVICE_LEVEL_BELOW_TARGET
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics
from metrics.reference.scenarios import answered_call, by_time
from metrics.testing import WorkerProcess, publish_events, worker_env, write_tenants

pytestmark = pytest.mark.integration
PARTITIONS = 4  # the `topics` fixture's


@pytest.fixture
def worker(kafka_bootstrap: str, topics: Topics, tmp_path: Path) -> Iterator[WorkerProcess]:
    tenants = write_tenants(tmp_path / "tenants.yaml", "acme", ["sales"])
    env = worker_env(
        kafka_bootstrap,
        topics,
        tenants,
        tmp_path / "data",
        PARTITIONS,
        METRICS_GRACE_S="120",  # the calls below happened up to a minute ago
        METRICS_ALERT_MIN_CALLS="4",
        METRICS_ALERT_CLEAR_AFTER_S="2",
        METRICS_TICK_INTERVAL_S="0.2",
    )
    process = WorkerProcess(env, tmp_path / "worker.log").start()
    yield process
    code = process.stop()
    print(process.log_tail())  # shown by pytest when the test failed
    assert code == 0, f"worker exit code {code} on SIGTERM"


def calls_just_answered(prefix: str, count: int, wait_s: int) -> list[Event]:
    """Calls answered after `wait_s` in sales, all of it in the last minute or so."""
    wait_ms = wait_s * 1000
    at = int(time.time() * 1000) - (10_000 + wait_ms + 2_000) - 1_000
    return by_time(
        *(
            answered_call(f"{prefix}{n}", wait_ms, at=at, talk_ms=1_000, wrap_up_ms=1_000)
            for n in range(count)
        )
    )


async def get(worker: WorkerProcess, path: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=5) as client:
        return await client.get(worker.url + path)


async def sales(worker: WorkerProcess) -> dict[str, Any]:
    snapshot = (await get(worker, "/v1/tenants/acme/snapshot")).json()
    [queue] = [q for q in snapshot["queues"] if q["queue_id"] == "sales"]
    return dict(queue)


def alert_events(reader: TopicReader) -> list[Event]:
    return [e for e in reader.events() if e.aggregate_type == AGGREGATE_TYPE_QUEUE]


async def test_an_alert_is_raised_then_cleared_past_the_margin_only(
    kafka_bootstrap: str, topics: Topics, worker: WorkerProcess, producer: AIOKafkaProducer
) -> None:
    await worker.ready()
    async with TopicReader(kafka_bootstrap, topics.queue_alerts) as alerts:
        await publish_events(producer, topics, calls_just_answered("slow", 4, wait_s=30))
        [raised] = await eventually(lambda: alert_events(alerts), what="alert raised")
        assert raised.event_type == "QueueAlertRaised" and raised.aggregate_id == "sales"
        assert raised.queue_alert_raised.kind == ALERT_KIND_SERVICE_LEVEL_BELOW_TARGET
        assert (raised.queue_alert_raised.value, raised.sequence) == (0.0, 1)

        # 16 of 20 within 20 s: 80 %, the target, but not past it by the 5-point margin.
        await publish_events(producer, topics, calls_just_answered("ok", 16, wait_s=2))
        at_target = await eventually(
            lambda: _sl_is(worker, 0.8), what="service level back at the target"
        )
        await eventually(
            lambda: _sl_is(worker, 0.8, after_ms=at_target + 3_000), what="3 s at the target"
        )
        assert len(alert_events(alerts)) == 1, "cleared before the margin: it would flap"

        await publish_events(producer, topics, calls_just_answered("fast", 24, wait_s=2))
        raised_then_cleared = await eventually(
            lambda: alert_events(alerts)[1:], what="alert cleared"
        )
    [cleared] = raised_then_cleared
    assert cleared.event_type == "QueueAlertCleared" and cleared.sequence == 2
    assert cleared.queue_alert_cleared.value == pytest.approx(40 / 44)
    assert cleared.queue_alert_cleared.raised_at == raised.occurred_at
    assert cleared.correlation_id == raised.correlation_id

    queue = await sales(worker)
    last_15 = queue["windows"]["15m"]
    assert (last_15["counts"]["offered"], last_15["counts"]["answered"]) == (44, 44)
    assert last_15["measures"]["asa_s"] == pytest.approx((4 * 30 + 40 * 2) / 44)
    assert queue["alerts"] == []
    assert (await get(worker, "/v1/tenants/acme/alerts")).json()["raised"] == []


async def _sl_is(worker: WorkerProcess, value: float, after_ms: int = 0) -> int:
    """The snapshot's time when sales' 15-minute service level is `value` (0 if not)."""
    snapshot = (await get(worker, "/v1/tenants/acme/snapshot")).json()
    [queue] = [q for q in snapshot["queues"] if q["queue_id"] == "sales"]
    matches = queue["windows"]["15m"]["service_level"]["standard"] == pytest.approx(value)
    return int(snapshot["at_ms"]) if matches and snapshot["at_ms"] >= after_ms else 0


async def test_api_stream_and_prometheus(
    worker: WorkerProcess, topics: Topics, producer: AIOKafkaProducer
) -> None:
    await worker.ready()
    await publish_events(producer, topics, calls_just_answered("call-zq", 3, wait_s=4))
    await eventually(lambda: _offered(worker, 3), what="calls counted")

    intervals = (await get(worker, "/v1/tenants/acme/queues/sales/intervals?size=15m")).json()
    assert sum(w["counts"]["offered"] for w in intervals) == 3
    assert all(not w["final"] for w in intervals)
    abandons = (await get(worker, "/v1/tenants/acme/queues/sales/abandons?window=15m")).json()
    assert abandons["abandons"] == [] and abandons["abandons_unlisted"] == 0
    unknown = await get(worker, "/v1/tenants/nobody/snapshot")
    assert unknown.status_code == 404 and "nobody" in unknown.json()["detail"]
    bad = await get(worker, "/v1/tenants/acme/queues/sales/intervals?size=7m")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "size"]
    assert (await get(worker, "/v1/tenants/acme/queues/nope/abandons")).status_code == 404

    async with (
        httpx.AsyncClient(timeout=5) as client,
        client.stream("GET", worker.url + "/v1/tenants/acme/stream") as stream,
    ):
        assert stream.headers["content-type"].startswith("text/event-stream")
        async for line in stream.aiter_lines():
            if line.startswith("data: "):
                streamed = json.loads(line.removeprefix("data: "))
                break
    assert streamed["tenant_id"] == "acme"
    assert [q["queue_id"] for q in streamed["queues"]] == ["sales"]

    exposition = (await get(worker, "/metrics")).text
    labels = 'queue="sales",tenant="acme",window="15m"'
    assert f"callcenter_queue_service_level_ratio{{{labels}}} 1.0" in exposition
    assert f"callcenter_queue_offered_calls{{{labels}}} 3.0" in exposition
    assert 'callcenter_metrics_late_events_total{tenant="acme"} 0.0' in exposition
    assert "call-zq" not in exposition  # bounded labels: never a call id


async def _offered(worker: WorkerProcess, count: int) -> bool:
    response = await get(worker, "/v1/tenants/acme/snapshot")
    if response.status_code != 200:
        return False
    queue = await sales(worker)
    return bool(queue["windows"]["15m"]["counts"]["offered"] == count)
