"""A consumer killed with SIGKILL and restarted loses no event and duplicates none in effect."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from chassis.events import derived_event_id
from chassis.kafka import EventPublisher
from chassis.testing.factories import call_received
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics, ensure_topics

pytestmark = pytest.mark.integration
WORKER = Path(__file__).with_name("relay_worker.py")


def start_worker(bootstrap: str, source: str, target: str, group: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BOOTSTRAP": bootstrap, "SOURCE": source, "TARGET": target, "GROUP": group}
    return subprocess.Popen([sys.executable, str(WORKER)], env=env)


async def test_sigkill_mid_stream_loses_and_duplicates_nothing(
    kafka_bootstrap: str, topics: Topics, publisher: EventPublisher, unique_name: str
) -> None:
    target = f"{unique_name}.relayed"
    await ensure_topics(kafka_bootstrap, [target, f"{unique_name}.dlq"], 4)
    before = [call_received(n, tenant=f"tenant-{n % 4}") for n in range(400)]
    after = [call_received(n, tenant=f"tenant-{n % 4}") for n in range(400, 500)]
    await publisher.publish_all(topics.calls, before)

    async with TopicReader(kafka_bootstrap, target) as relayed:
        worker = start_worker(kafka_bootstrap, topics.calls, target, unique_name)
        try:
            await eventually(lambda: len(relayed.records) >= 50, timeout=90, what="worker relaying")
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            assert len({r.value for r in relayed.records}) < len(before), "killed too late"
            await publisher.publish_all(topics.calls, after)
            worker = start_worker(kafka_bootstrap, topics.calls, target, unique_name)
            expected = {derived_event_id(e.event_id) for e in before + after}
            await eventually(
                lambda: {e.event_id for e in relayed.events()} >= expected,
                timeout=150,
                what="every event relayed after the restart",
            )
        finally:
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=30) == 0, "graceful stop on SIGTERM"
    ids = [e.event_id for e in relayed.events()]
    assert set(ids) == expected  # nothing lost, nothing invented
    # Records replayed after the crash carry the same ids: consumers drop them.
    assert len(ids) >= len(expected)
