"""The worker as a real process on a real broker: killed (SIGKILL) in the middle of a
backlog and restarted, it publishes final windows equal to the batch reference's for
the same events, nothing lost and nothing counted twice; a poison message goes to the
dead-letter topic without blocking its partition."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from callcenter.v1.envelope_pb2 import Event
from callcenter.v1.metrics_pb2 import IntervalMetrics
from chassis.faust_support import group_lag
from chassis.kafka.headers import header
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics, ensure_topics
from metrics.domain import MetricsConfig
from metrics.domain.times import floor_to
from metrics.outputs import interval_message
from metrics.reference.batch import Reference
from metrics.reference.histories import Shape, deliveries, history
from metrics.testing import (
    WorkerProcess,
    latest_intervals,
    publish_events,
    worker_env,
    write_tenants,
)

pytestmark = pytest.mark.integration
PARTITIONS = 4  # the `topics` fixture's
QUEUES = ("sales", "care", "spill")
POISON = b"\xff\xff not an event"
MINUTE = 60_000


@pytest.fixture
def env(kafka_bootstrap: str, topics: Topics, tmp_path: Path) -> dict[str, str]:
    tenants = write_tenants(tmp_path / "tenants.yaml", "acme", QUEUES)
    # Small batches: many checkpoints, so that the kill lands between two of them.
    extra = {"METRICS_BATCH_MAX_RECORDS": "100"}
    return worker_env(kafka_bootstrap, topics, tenants, tmp_path / "data", PARTITIONS, **extra)


@pytest.fixture
def workers(env: dict[str, str], tmp_path: Path) -> Iterator[list[WorkerProcess]]:
    started: list[WorkerProcess] = []
    yield started
    for worker in started:
        code = worker.stop()
        print(worker.log_tail())  # shown by pytest when the test failed
        assert code in (0, None, -9), f"worker exit code {code} on SIGTERM"


def backlog(config: MetricsConfig) -> tuple[list[Event], list[Event | bytes]]:
    """A realistic hour that ended half an hour ago, and the order a consumer might
    read it in (out of order within the grace period, some events twice), with a
    poison message a third of the way."""
    rng = random.Random(11)
    start = floor_to(int(time.time() * 1000), 15 * MINUTE) - 75 * MINUTE
    agents = tuple(f"a{n}" for n in range(6))
    shape = Shape(calls=1_200, agents=agents, queues=QUEUES, spread_ms=25 * MINUTE, start=start)
    events = history(rng.randint, shape)
    arrivals: list[Event | bytes] = list(deliveries(events, rng.randint, config.grace_ms - 1, 60))
    arrivals.insert(len(arrivals) // 3, POISON)
    return events, arrivals


async def test_killed_mid_stream_then_final_windows_equal_the_reference(
    kafka_bootstrap: str,
    topics: Topics,
    env: dict[str, str],
    workers: list[WorkerProcess],
    producer: AIOKafkaProducer,
    tmp_path: Path,
) -> None:
    config = MetricsConfig()
    events, arrivals = backlog(config)
    await publish_events(producer, topics, arrivals)
    group = f"{topics.prefix}metrics"
    await ensure_topics(kafka_bootstrap, [topics.dead_letter(group)], 1)

    first = WorkerProcess(env, tmp_path / "worker.log").start()
    workers.append(first)
    async with TopicReader(kafka_bootstrap, topics.dead_letter(group)) as dead_letters:
        await first.ready()
        [parked, *_] = await eventually(
            lambda: dead_letters.records, timeout=90, what="poison dead-lettered"
        )
        first.kill()
    lag = await group_lag(kafka_bootstrap, group, topics.event_topics())
    assert sum(lag.values()) > 0, "killed after the whole backlog: move the kill earlier"
    assert parked.value == POISON
    assert "not a callcenter.v1.Event" in (header(parked.headers, "dlq.reason") or "")

    second = WorkerProcess(env, tmp_path / "worker.log").start()
    workers.append(second)
    await second.ready(timeout=150)  # the group notices the dead member first
    # Windows ending by then are final once the worker has caught up and ticked.
    cutoff = floor_to(int(time.time() * 1000) - config.grace_ms - MINUTE, 30 * MINUTE)
    expected = {
        message.interval_id: message
        for window in Reference(events, config).final_windows("acme", cutoff + config.grace_ms)
        if window.end_ms <= cutoff
        for message in [interval_message(window)]
    }
    assert len(expected) > 50

    async with TopicReader(kafka_bootstrap, topics.metrics_intervals) as published:

        def up_to_cutoff() -> dict[str, IntervalMetrics]:
            latest = latest_intervals(published.records)
            return {i: w for i, w in latest.items() if w.end.ToMilliseconds() <= cutoff}

        await eventually(
            lambda: up_to_cutoff().keys() >= expected.keys(), timeout=60, what="all windows"
        )
        got = up_to_cutoff()
    assert got.keys() == expected.keys()
    different = [i for i in expected if got[i] != expected[i]]
    assert not different, f"{len(different)} windows differ, e.g. {different[:3]}"
