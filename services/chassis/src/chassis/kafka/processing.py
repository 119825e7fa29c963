"""Handling one fetched batch: decode, skip redeliveries, run the handler, park failures.

This is the per-event hot path, kept flat on purpose: one loop, no coroutine per
event besides the handler itself, metrics counted per batch (see docs/benchmarks.md).
"""

from __future__ import annotations

import time

from aiokafka.structs import ConsumerRecord, TopicPartition
from google.protobuf.message import DecodeError

from callcenter.v1.envelope_pb2 import Event
from chassis.kafka import instruments
from chassis.kafka.dead_letter import DeadLetters
from chassis.kafka.decoding import UndecodableRecord, decode
from chassis.kafka.dedupe import SeenEvents
from chassis.kafka.handling import HandlerRunner
from chassis.telemetry import tracing_enabled

Batches = dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]]


class BatchProcessor:
    def __init__(self, runner: HandlerRunner, seen: SeenEvents, dead_letters: DeadLetters):
        self._runner = runner
        self._seen = seen
        self._dead_letters = dead_letters

    async def process(self, batches: Batches) -> None:
        traced = tracing_enabled()
        handler = self._runner.handler
        first_sighting = self._seen.first_sighting
        from_string = Event.FromString
        for tp, records in batches.items():
            started = time.perf_counter()
            handled: dict[str, int] = {}
            other: dict[tuple[str, str], int] = {}  # (event_type, outcome): rare outcomes
            for record in records:
                try:
                    event = from_string(record.value)
                    # Fields are built anew on each access: read each once.
                    event_id, event_type = event.event_id, event.event_type
                    valid = event_id and event_type and event.tenant_id and event.aggregate_id
                except (DecodeError, TypeError):
                    valid = False
                if not valid:
                    await self._park_undecodable(record)
                    other["undecodable", "dead_lettered"] = (
                        other.get(("undecodable", "dead_lettered"), 0) + 1
                    )
                    continue
                if not first_sighting(event_id):
                    outcome = "duplicate"
                elif event.WhichOneof("payload") is None:
                    outcome = "unknown_type"  # newer than this code: skip, do not fail
                else:
                    if traced:
                        failure = await self._runner.traced(event, record)
                    else:
                        try:
                            await handler(event)
                            failure = None
                        except Exception as exc:
                            failure = await self._runner.after_failure(event, exc)
                    if failure is None:
                        handled[event_type] = handled.get(event_type, 0) + 1
                        continue
                    await self._dead_letters.park(record, failure)
                    outcome = "dead_lettered"
                other[event_type, outcome] = other.get((event_type, outcome), 0) + 1
            self._seen.trim()
            self._count(tp.topic, handled, other, time.perf_counter() - started)

    async def _park_undecodable(self, record: ConsumerRecord[bytes, bytes]) -> None:
        try:
            decode(record.value)
            reason = "invalid envelope"
        except UndecodableRecord as exc:  # the precise reason, computed off the hot path
            reason = str(exc)
        await self._dead_letters.park(record, reason)

    @staticmethod
    def _count(
        topic: str, handled: dict[str, int], other: dict[tuple[str, str], int], seconds: float
    ) -> None:
        for event_type, count in handled.items():
            instruments.CONSUMED.labels(topic, event_type, "handled").inc(count)
        for (event_type, outcome), count in other.items():
            instruments.CONSUMED.labels(topic, event_type, outcome).inc(count)
        instruments.HANDLER_SECONDS.labels(topic).observe(seconds)
