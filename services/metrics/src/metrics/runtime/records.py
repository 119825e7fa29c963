"""Records released by the merge through the core: each event applied and counted;
what cannot be handled is set aside, with the reason, for the dead-letter topic.

The per-event hot path, kept flat: one loop, no coroutine per event, metrics counted
per batch. When tracing is on, each event goes through the chassis' handler runner: a
consumer span in the trace of whoever produced it.
"""

from __future__ import annotations

import logging
import time

from aiokafka.structs import ConsumerRecord

from callcenter.v1.envelope_pb2 import Event
from chassis.kafka import instruments
from chassis.kafka.decoding import UndecodableRecord, decode
from chassis.kafka.handling import HandlerRunner
from chassis.telemetry import tracing_enabled
from metrics.core import MetricsCore, Produced
from metrics.domain import Outcome
from metrics.runtime.merge import Released

log = logging.getLogger(__name__)
Parked = tuple[ConsumerRecord[bytes, bytes], str]
COUNTED_AS = {  # the chassis' consumed-events outcomes, plus ignored and too late
    Outcome.APPLIED: "handled",
    Outcome.IGNORED: "ignored",
    Outcome.DUPLICATE: "duplicate",
    Outcome.DROPPED_LATE: "dropped_late",
}


async def apply_released(
    core: MetricsCore, released: list[Released]
) -> tuple[Produced, list[Parked]]:
    """Apply events in the order given (runtime.merge), counting them by topic."""
    produced, parked = Produced(), []
    partition, outcome = 0, "handled"

    def apply(event: Event) -> str:
        return COUNTED_AS[core.apply(event, partition, produced).outcome]

    async def apply_traced(event: Event) -> None:  # the chassis' runner: a span per event
        nonlocal outcome
        outcome = apply(event)

    runner = HandlerRunner(apply_traced, max_attempts=1) if tracing_enabled() else None
    started = time.perf_counter()
    counts: dict[tuple[str, str, str], int] = {}
    for tp, (_, record, event) in released:
        partition = tp.partition
        if event is None:
            parked.append((record, _why_undecodable(record)))
            event_type, outcome = "undecodable", "dead_lettered"
        else:
            event_type = event.event_type
            failure = None
            if runner is not None:
                failure = await runner.traced(event, record)
            else:
                try:
                    outcome = apply(event)
                except Exception as exc:
                    log.exception("event not applied", extra={"event_id": event.event_id})
                    failure = f"handler failed: {type(exc).__name__}: {exc}"
            if failure is not None:
                parked.append((record, failure))
                outcome = "dead_lettered"
            elif outcome == "ignored" and event.WhichOneof("payload") is None:
                outcome = "unknown_type"  # newer than this code: skipped, not failed
        key = (tp.topic, event_type, outcome)
        counts[key] = counts.get(key, 0) + 1
    for (topic, event_type, counted_as), count in counts.items():
        instruments.CONSUMED.labels(topic, event_type, counted_as).inc(count)
    for topic in {topic for topic, _, _ in counts}:
        instruments.HANDLER_SECONDS.labels(topic).observe(time.perf_counter() - started)
    return produced, parked


def _why_undecodable(record: ConsumerRecord[bytes, bytes]) -> str:
    try:
        decode(record.value)
    except UndecodableRecord as exc:  # the precise reason, computed off the hot path
        return str(exc)
    return "invalid envelope"
