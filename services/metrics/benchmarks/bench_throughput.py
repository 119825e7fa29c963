"""Events per second of one metrics worker process on one core.

    python services/metrics/benchmarks/bench_throughput.py [--events N] [--tenants T]
        [--json results.json] [--bootstrap host:port] [--quick]

Realistic call-center histories (metrics.reference.histories: menus, queues, overflows,
offers, transfers, holds, wrap-ups, agents changing state), --tenants of them at 40 calls/s
each, are written in event-time order to the calls and agents topics (6 partitions, keyed
by tenant) before anything reads them. Then, on the same records:

* raw: a plain aiokafka consumer group reads them (getmany, commit after each batch, no
  decoding): the ceiling of this broker and client;
* domain: `Event.FromString` and `MetricsEngine.apply` in one loop, in this process: the
  metrics alone, without Kafka or Faust;
* worker: `python -m metrics` pinned to one core (sched_setaffinity), reading the backlog
  as a fresh consumer group: everything (Faust's consumer, the event-time merge of the
  two topics, the domain, the checkpoints of its state, offsets). The clock runs from its
  first event handled to its last, read from its /metrics every 100 ms: the group join
  and the state restore are left out.

events/CPU-s divides by the CPU time of the process doing the work over the same span.
Target (issue 6): the worker at >= 20,000 events/s on one core.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.broker import EmbeddedBroker
from chassis.testing.waiting import eventually
from chassis.topics import Topics, ensure_topics
from metrics.domain import MetricsConfig, MetricsEngine
from metrics.domain.times import ms_of
from metrics.reference.histories import Shape, history
from metrics.testing import WorkerProcess, publish_events, worker_env, write_tenants

PARTITIONS = 6
CALLS_PER_S = 40  # per tenant
EVENTS_PER_CALL = 8  # about, for the histories' mix
TARGET = 20_000
WORKER_CPU = 0


def realistic(events: int, tenants: int, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    calls = max(1, events // EVENTS_PER_CALL // tenants)
    merged: list[Event] = []
    for n in range(tenants):
        shape = Shape(
            tenant_id=f"tenant-{n}",
            queues=("sales", "care", "billing", "vip", "spill"),
            agents=tuple(f"agent-{a}" for a in range(60)),
            calls=calls,
            spread_ms=calls * 1000 // CALLS_PER_S,
            start=int(time.time() * 1000) - 40 * 60_000,  # over by now
        )
        for event in history(rng.randint, shape):
            if event.aggregate_type == AGGREGATE_TYPE_CALL:  # call ids are unique platform-wide
                event.aggregate_id = event.correlation_id = (
                    f"{shape.tenant_id}/{event.aggregate_id}"
                )
            merged.append(event)
    merged.sort(key=lambda e: ms_of(e.occurred_at))
    return merged[:events]


def cpu_seconds(pid: int | None = None) -> float:
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def result(events: int, seconds: float, cpu: float) -> dict[str, float]:
    return {
        "events": events,
        "seconds": round(seconds, 3),
        "events_per_s": round(events / seconds),
        "events_per_cpu_s": round(events / cpu) if cpu else 0,
    }


def measure_domain(events: list[Event]) -> dict[str, float]:
    records = [event.SerializeToString() for event in events]
    engine = MetricsEngine(MetricsConfig())
    started, cpu = time.perf_counter(), cpu_seconds()
    for value in records:
        engine.apply(Event.FromString(value))
    return result(len(records), time.perf_counter() - started, cpu_seconds() - cpu)


async def measure_raw(bootstrap: str, topics: Topics, total: int) -> dict[str, float]:
    consumer = AIOKafkaConsumer(
        *topics.event_topics(),
        bootstrap_servers=bootstrap,
        group_id=f"raw-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen, started, cpu = 0, 0.0, 0.0
    try:
        while seen < total:
            batches = await consumer.getmany(timeout_ms=1000, max_records=2000)
            if batches and not seen:
                started, cpu = time.perf_counter(), cpu_seconds()
            seen += sum(len(records) for records in batches.values())
            if batches:
                await consumer.commit()
    finally:
        await consumer.stop()
    return result(seen, time.perf_counter() - started, cpu_seconds() - cpu)


async def handled(url: str) -> int:
    async with httpx.AsyncClient(timeout=5) as client:
        text = (await client.get(f"{url}/metrics")).text
    pattern = r"^callcenter_events_consumed_total\{[^}]*\} (\S+)"  # every outcome
    return int(sum(float(v) for v in re.findall(pattern, text, re.M)))


async def measure_worker(bootstrap: str, topics: Topics, total: int) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-metrics-"))
    tenants = write_tenants(workdir / "tenants.yaml", "tenant-0", ["sales"])
    env = worker_env(bootstrap, topics, tenants, workdir / "data", PARTITIONS, LOG_LEVEL="WARNING")
    worker = WorkerProcess(env, workdir / "worker.log").start(cpus={WORKER_CPU})
    assert worker.process is not None
    pid = worker.process.pid
    try:
        await worker.ready(timeout=180)
        await eventually(lambda: handled(worker.url), timeout=120, interval=0.02, what="first")
        started, cpu = time.perf_counter(), cpu_seconds(pid)
        await eventually(
            lambda: _all_handled(worker.url, total), timeout=600, interval=0.1, what="backlog"
        )
        return result(total, time.perf_counter() - started, cpu_seconds(pid) - cpu)
    finally:
        worker.stop()


async def _all_handled(url: str, total: int) -> bool:
    return await handled(url) >= total


async def amain(args: argparse.Namespace) -> dict[str, Any]:
    events = realistic(args.events, args.tenants)
    topics = Topics(f"bench{uuid.uuid4().hex[:6]}.")
    with contextlib.ExitStack() as stack:
        bootstrap = args.bootstrap or stack.enter_context(EmbeddedBroker()).bootstrap_servers
        await ensure_topics(bootstrap, topics.all_topics(), PARTITIONS)
        producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap, acks="all", linger_ms=5, max_batch_size=256 * 1024
        )
        await producer.start()
        await publish_events(producer, topics, events)
        await producer.stop()
        raw = await measure_raw(bootstrap, topics, len(events))
        domain = measure_domain(events)
        worker = await measure_worker(bootstrap, topics, len(events))
    return {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
        },
        "events": len(events),
        "tenants": args.tenants,
        "raw": raw,
        "domain": domain,
        "worker": worker,
        "target_events_per_s": TARGET,
        "target_met": worker["events_per_s"] >= TARGET,
    }


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, help="default 200,000 (--quick: 10,000)")
    parser.add_argument("--tenants", type=int, default=5)
    parser.add_argument("--bootstrap", help="an existing broker instead of the embedded one")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument("--quick", action="store_true", help="smoke run: 10,000 events")
    args = parser.parse_args(argv)
    if args.events is None:
        args.events = 10_000 if args.quick else 200_000
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)) - {WORKER_CPU} or {WORKER_CPU})
    report = asyncio.run(amain(args))
    for name in ("raw", "domain", "worker"):
        r = report[name]
        print(
            f"{name:>7}: {r['events_per_s']:>8,} events/s  {r['events_per_cpu_s']:>8,} events/CPU-s"
        )
    print(f"target {TARGET:,} events/s on one core: {'met' if report['target_met'] else 'MISSED'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
