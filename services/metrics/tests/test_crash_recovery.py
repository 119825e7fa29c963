"""The worker as a real process on a real broker: counts survive SIGKILL exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from callcenter.v1.envelope_pb2 import Event
from chassis.broker import free_port
from chassis.faust_support import group_lag
from chassis.kafka.headers import header
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics
from metrics.testing import call_events

pytestmark = pytest.mark.integration
PARTITIONS = 4  # the `topics` fixture's


class Worker:
    """`python -m metrics` with its environment; its log goes to a file."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self.port = int(env["HTTP_PORT"])
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "metrics"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def get(self, path: str) -> httpx.Response | None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"worker exited with {self.process.returncode}")
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                return await client.get(self.url(path))
        except httpx.TransportError:
            return None  # not listening yet

    async def ready(self) -> bool:
        response = await self.get("/readyz")
        return response is not None and response.status_code == 200

    async def live(self, tenant: str) -> dict[str, Any]:
        response = await self.get(f"/v1/tenants/{tenant}/calls/live")
        assert response is not None and response.status_code == 200, response
        return dict(response.json())


@pytest.fixture
def worker(kafka_bootstrap: str, topics: Topics, tmp_path: Path) -> Iterator[Worker]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    env.update(
        KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        TOPIC_PREFIX=topics.prefix,
        KAFKA_PARTITIONS=str(PARTITIONS),
        HTTP_PORT=str(free_port()),
        LOG_LEVEL="INFO",
        METRICS_SESSION_TIMEOUT_S="6",
        METRICS_REBALANCE_TIMEOUT_S="6",
        METRICS_HEARTBEAT_INTERVAL_S="1",
        METRICS_COMMIT_INTERVAL_S="0.5",
        METRICS_DATA_DIR=str(tmp_path / "data"),
    )
    handle = Worker(env, tmp_path / "worker.log")
    yield handle
    code = handle.stop()
    print(handle.log_path.read_text()[-20_000:])  # shown by pytest when the test failed
    assert code in (0, None), f"worker exit code {code} on SIGTERM"


@pytest.fixture
async def producer(kafka_bootstrap: str) -> AsyncIterator[AIOKafkaProducer]:
    # Plain producer as the brief's publishers use; linger batches a burst of events
    # into multi-record batches (what trips ListOffsets on the embedded broker).
    prod = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all", linger_ms=20)
    await prod.start()
    yield prod
    await prod.stop()


async def send_all(producer: AIOKafkaProducer, topic: str, messages: list[Event | bytes]) -> None:
    pending = []
    for message in messages:
        if isinstance(message, Event):
            pending.append(
                await producer.send(
                    topic, message.SerializeToString(), key=message.routing_domain.encode()
                )
            )
        else:  # not an event at all
            pending.append(await producer.send(topic, message, key=b"acme"))
    for future in pending:
        await future


def summary(tenant: str, received: int, live: int, **by_type: int) -> dict[str, Any]:
    return {
        "tenant_id": tenant,
        "received": received,
        "live": live,
        "by_last_event_type": dict(sorted(by_type.items())),
    }


async def test_counts_survive_sigkill_and_redeliveries_change_nothing(
    kafka_bootstrap: str, topics: Topics, worker: Worker, producer: AIOKafkaProducer
) -> None:
    a1 = call_events("acme", "a1", "CallReceived")
    a2 = call_events("acme", "a2", "CallReceived", "IvrStarted")
    a3 = call_events("acme", "a3", "CallReceived", "CallQueued", "CallOffered", "CallConnected")
    a4 = call_events("acme", "a4", "CallReceived", "CallQueued", "CallAbandoned")
    a5 = call_events(
        "acme", "a5", "CallReceived", "CallQueued", "CallOffered", "CallConnected", "CallEnded"
    )
    queued = [
        e for n in range(20) for e in call_events("acme", f"q{n}", "CallReceived", "CallQueued")
    ]
    g1 = call_events("globex", "g1", "CallReceived", "CallQueued")
    before: list[Event | bytes] = [*a1, *a2, *a3, b"\xff\xff not an event", *a4, *a5, *queued, *g1]
    acme_before = summary(
        "acme",
        25,
        23,
        CallReceived=1,
        IvrStarted=1,
        CallConnected=1,
        CallAbandoned=1,
        CallEnded=1,
        CallQueued=20,
    )
    globex = summary("globex", 1, 1, CallQueued=1)
    app_id = f"{topics.prefix}metrics"

    worker.start()
    await eventually(worker.ready, timeout=90, what="worker ready")
    await send_all(producer, topics.calls, before)
    await eventually(
        lambda: _equals(worker.live("acme"), acme_before), timeout=60, what="pre-crash acme counts"
    )
    assert await worker.live("globex") == globex
    async with TopicReader(kafka_bootstrap, topics.dead_letter(app_id)) as dead_letters:
        [parked] = await eventually(lambda: dead_letters.records, what="garbage dead-lettered")
    assert parked.value == b"\xff\xff not an event"
    assert "not a callcenter.v1.Event" in (header(parked.headers, "dlq.reason") or "")

    # Everything processed is committed, so committed after its table updates were
    # flushed to the changelog: a restart replays nothing from the calls topic, and
    # the counts can come from table recovery alone.
    await eventually(
        lambda: _caught_up(kafka_bootstrap, app_id, topics.calls),
        timeout=30,
        what="offsets committed",
    )
    worker.kill()
    worker.start()
    await eventually(worker.ready, timeout=150, what="worker ready after the crash")
    assert await worker.live("acme") == acme_before, "restored table differs"
    assert await worker.live("globex") == globex

    after: list[Event | bytes] = [
        call_events("acme", "a1", "IvrStarted", first=2)[0],
        call_events("acme", "a3", "CallEnded", first=5)[0],
        a3[0],
        a5[1],
        a1[0],
        g1[1],  # redelivered: same event id, same sequence
        *call_events("acme", "a6", "CallReceived"),  # last: all of the above is applied
    ]
    await send_all(producer, topics.calls, after)
    await eventually(
        lambda: _received(worker.live("acme"), 26), timeout=60, what="post-restart events applied"
    )
    assert await worker.live("acme") == summary(
        "acme", 26, 23, CallReceived=1, IvrStarted=2, CallAbandoned=1, CallEnded=2, CallQueued=20
    )
    assert await worker.live("globex") == globex


async def _equals(got: Any, expected: dict[str, Any]) -> bool:
    return bool(await got == expected)


async def _received(got: Any, count: int) -> bool:
    return bool((await got)["received"] >= count)


async def _caught_up(bootstrap: str, group: str, topic: str) -> bool:
    lag = await group_lag(bootstrap, group, [topic])
    return sum(lag.values()) == 0 and len(lag) == PARTITIONS
