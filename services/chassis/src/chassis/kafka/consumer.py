"""Consuming enveloped events at least once, with idempotent handling and dead-lettering."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener
from aiokafka.coordinator.assignors.range import RangePartitionAssignor
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
AssignmentHook = Callable[[frozenset[TopicPartition]], Awaitable[None]]
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
    # How long a fetch waits for data on an idle partition. The embedded broker answers
    # only when it runs out (it does not wake on new records), so this bounds each hop's
    # latency; a real Kafka returns as soon as data arrives.
    fetch_max_wait_ms: int = 500
    # Read every assigned partition from its start on each assignment, for services whose
    # state lives in memory and is rebuilt from the log (router, agent-state).
    rebuild_on_assignment: bool = False
    extra: dict[str, object] = field(default_factory=dict)  # passed to AIOKafkaConsumer


class _Listener(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, owner: EventConsumer) -> None:
        self._owner = owner

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        """Nothing to flush: offsets are committed after every batch."""

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        log.info("partitions assigned", extra={"partitions": sorted(map(str, assigned))})
        await self._owner.assigned(frozenset(assigned))


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
        on_assigned: AssignmentHook | None = None,
        after_batch: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """`on_assigned` runs before any record of a new assignment is handled;
        `after_batch` after each poll (with or without records) once progress is known."""
        self.options = options
        self._bootstrap_servers = bootstrap_servers
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers,
            group_id=options.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=options.session_timeout_ms,
            heartbeat_interval_ms=options.heartbeat_interval_ms,
            fetch_max_wait_ms=options.fetch_max_wait_ms,
            # Range keeps partition p of co-partitioned topics (calls, agents) on one member:
            # the single writer per routing domain (docs/events.md).
            partition_assignment_strategy=(RangePartitionAssignor,),
            **options.extra,
        )
        self._seen = seen or RecentEventIds()
        self._on_assigned = on_assigned
        self._after_batch = after_batch
        self._processor = BatchProcessor(
            HandlerRunner(handler, options.max_attempts),
            self._seen,
            DeadLetters(publisher, options.dead_letter_topic, options.group_id),
        )
        self._tracker = CatchUpTracker()
        self._uncommitted: dict[TopicPartition, int] = {}
        self._last_commit = 0.0
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
        self._consumer.subscribe(self.options.topics, listener=_Listener(self))
        self._task = asyncio.create_task(self._run(), name=f"consume:{self.options.group_id}")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task:
            await self._task
        await self._consumer.stop()

    async def assigned(self, partitions: frozenset[TopicPartition]) -> None:
        self._tracker.assigned(partitions)
        self._uncommitted = {tp: o for tp, o in self._uncommitted.items() if tp in partitions}
        if self.options.rebuild_on_assignment:
            if partitions:
                await self._consumer.seek_to_beginning(*partitions)
            self._seen.forget_all()  # the replay must reach the handler again
        if self._on_assigned:
            await self._on_assigned(partitions)

    async def _run(self) -> None:
        while not self._stopping.is_set():
            batches = await self._consumer.getmany(
                timeout_ms=200, max_records=self.options.max_records
            )
            if batches:
                await self._processor.process(batches)
                self._uncommitted.update(
                    {tp: records[-1].offset + 1 for tp, records in batches.items()}
                )
            await self._commit()
            await self._observe_progress()
            if self._after_batch:
                await self._after_batch()

    async def _commit(self) -> None:
        """After every batch; a rebuilt consumer's offsets only inform lag tooling (it
        reads from the start anyway), so it commits once a second: fewer broker calls."""
        now = time.monotonic()
        if not self._uncommitted or (
            self.options.rebuild_on_assignment and now - self._last_commit < 1.0
        ):
            return
        await self._consumer.commit(self._uncommitted)
        self._uncommitted, self._last_commit = {}, now

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
