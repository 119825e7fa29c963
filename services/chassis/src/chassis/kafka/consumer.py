"""Consuming enveloped events at least once, with idempotent handling and dead-lettering."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener
from aiokafka.structs import TopicPartition

from chassis.kafka import instruments
from chassis.kafka.dead_letter import DeadLetters
from chassis.kafka.dedupe import RecentEventIds, SeenEvents
from chassis.kafka.handling import Handler, HandlerRunner, RejectEvent
from chassis.kafka.processing import BatchProcessor
from chassis.kafka.progress import CatchUpTracker
from chassis.kafka.publisher import EventPublisher
from chassis.topics import ensure_topics

log = logging.getLogger(__name__)
DEFAULT_MAX_RECORDS = 10_000  # per fetch: fewer commit round trips, still bounded memory
__all__ = ["ConsumerOptions", "EventConsumer", "Handler", "RejectEvent"]


@dataclass(frozen=True)
class ConsumerOptions:
    group_id: str
    topics: list[str]
    dead_letter_topic: str
    max_attempts: int = 3  # before a failing event is dead-lettered
    max_records: int = DEFAULT_MAX_RECORDS
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 1_000
    extra: dict[str, object] = field(default_factory=dict)  # passed to AIOKafkaConsumer


class _Listener(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, tracker: CatchUpTracker) -> None:
        self._tracker = tracker

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        """Nothing to flush: offsets are committed after every batch."""

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self._tracker.assigned(assigned)
        log.info("partitions assigned", extra={"partitions": sorted(map(str, assigned))})


class EventConsumer:
    """Reads events, hands each to `handler` once, commits after every batch.

    An undecodable record or one whose handler keeps failing goes to the dead-letter
    topic with the reason, and the partition moves on. A redelivered event id is
    skipped. Stopping finishes the batch in flight and commits it.
    """

    def __init__(
        self,
        bootstrap_servers: str,
        options: ConsumerOptions,
        handler: Handler,
        publisher: EventPublisher,
        seen: SeenEvents | None = None,
    ) -> None:
        self.options = options
        self._bootstrap_servers = bootstrap_servers
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers,
            group_id=options.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=options.session_timeout_ms,
            heartbeat_interval_ms=options.heartbeat_interval_ms,
            **options.extra,
        )
        self._processor = BatchProcessor(
            HandlerRunner(handler, options.max_attempts),
            seen or RecentEventIds(),
            DeadLetters(publisher, options.dead_letter_topic, options.group_id),
        )
        self._tracker = CatchUpTracker()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._last_lag_report = 0.0

    @property
    def caught_up(self) -> bool:
        return self._tracker.caught_up

    @property
    def assignment(self) -> frozenset[TopicPartition]:
        return frozenset(self._consumer.assignment())

    async def start(self) -> None:
        await ensure_topics(self._bootstrap_servers, [self.options.dead_letter_topic], 1)
        await self._consumer.start()
        self._consumer.subscribe(self.options.topics, listener=_Listener(self._tracker))
        self._task = asyncio.create_task(self._run(), name=f"consume:{self.options.group_id}")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task:
            await self._task
        await self._consumer.stop()

    async def _run(self) -> None:
        while not self._stopping.is_set():
            batches = await self._consumer.getmany(
                timeout_ms=200, max_records=self.options.max_records
            )
            if batches:
                await self._processor.process(batches)
                await self._consumer.commit(
                    {tp: records[-1].offset + 1 for tp, records in batches.items()}
                )
            await self._observe_progress()

    async def _observe_progress(self) -> None:
        now = time.monotonic()
        report_lag = now - self._last_lag_report > 1.0
        if self._tracker.caught_up and not report_lag:
            return
        for tp in self._consumer.assignment():
            highwater = self._consumer.highwater(tp)
            position = await self._consumer.position(tp)
            self._tracker.observe(tp, position, highwater)
            if report_lag and highwater is not None:
                instruments.LAG.labels(tp.topic, str(tp.partition)).set(highwater - position)
        if report_lag:
            self._last_lag_report = now
