"""Running the metrics worker in tests and benchmarks: its environment, a tenants
file, events published where the platform publishes them, its outputs read back."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import httpx
import yaml
from aiokafka import AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT, Event
from callcenter.v1.metrics_pb2 import IntervalMetrics
from chassis.broker import free_port
from chassis.testing.waiting import eventually
from chassis.topics import Topics

# Short group timeouts: the embedded broker then notices a killed worker in seconds.
FAST_GROUP = {
    "METRICS_SESSION_TIMEOUT_S": "6",
    "METRICS_REBALANCE_TIMEOUT_S": "6",
    "METRICS_HEARTBEAT_INTERVAL_S": "1",
    "METRICS_COMMIT_INTERVAL_S": "0.5",
}


def write_tenants(path: Path, tenant_id: str, queues: Sequence[str], **targets: float) -> Path:
    """A tenants file with these queues, each with the given service-level settings."""
    document = {"tenants": {tenant_id: {"queues": {q: dict(targets) for q in queues}}}}
    path.write_text(yaml.safe_dump(document))
    return path


def worker_env(
    bootstrap: str,
    topics: Topics,
    tenants_file: Path,
    data_dir: Path,
    partitions: int,
    **extra: str,
) -> dict[str, str]:
    """The worker's settings; `partitions` is the event topics' count."""
    return {
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "TOPIC_PREFIX": topics.prefix,
        "KAFKA_PARTITIONS": str(partitions),
        "TENANTS_CONFIG": str(tenants_file),
        "METRICS_DATA_DIR": str(data_dir),
        "LOG_LEVEL": "INFO",
        **FAST_GROUP,
        **extra,
    }


async def publish_events(
    producer: AIOKafkaProducer, topics: Topics, events: Iterable[Event | bytes]
) -> None:
    """Each event to its topic (agents or calls), keyed by routing domain, as the
    platform's publishers do; raw bytes (a poison message) to the calls topic."""
    pending = []
    for event in events:
        if isinstance(event, bytes):
            pending.append(await producer.send(topics.calls, event, key=b"acme"))
            continue
        topic = topics.agents if event.aggregate_type == AGGREGATE_TYPE_AGENT else topics.calls
        value, key = event.SerializeToString(), event.routing_domain.encode()
        pending.append(await producer.send(topic, value, key=key))
    await asyncio.gather(*pending)


def latest_intervals(records: Iterable[ConsumerRecord[bytes, bytes]]) -> dict[str, IntervalMetrics]:
    """The metrics-intervals topic as a consumer upserting by interval id sees it."""
    latest = {}
    for record in records:
        window = IntervalMetrics.FromString(record.value or b"")
        latest[window.interval_id] = window
    return latest


class WorkerProcess:
    """`python -m metrics` with an environment; its output goes to `log_path`."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        self.port = free_port()
        self.env = {**clean, **env, "HTTP_PORT": str(self.port)}
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, cpus: set[int] | None = None) -> WorkerProcess:
        """Start it; on the given CPUs only, if any (benchmarks: one core)."""
        pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "metrics"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=pin,
            )
        return self

    async def ready(self, timeout: float = 120) -> None:
        async def probe() -> bool:
            assert self.process is not None and self.process.poll() is None, self.log_tail()
            try:
                async with httpx.AsyncClient(timeout=2) as client:
                    return (await client.get(f"{self.url}/readyz")).status_code == 200
            except httpx.TransportError:
                return False

        await eventually(probe, timeout=timeout, interval=0.2, what="metrics worker ready")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int | None:
        """SIGTERM, then the exit code (None: it had to be killed)."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None

    def log_tail(self, chars: int = 20_000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""
