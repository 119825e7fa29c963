"""Making a batch's effects durable before its offsets may be committed: outputs
published, then the state's changes checkpointed, then the offsets acknowledged.

Checkpoints go out one at a time: the next is sent only once the previous one is
acknowledged, so that a checkpoint that failed can never be followed by one that did
not (the changelog holds a prefix of them, each whole). A failed checkpoint stops the
worker: its state is ahead of the log, and only a restart from the log is right.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiokafka.structs import TopicPartition

from chassis.kafka import EventPublisher
from metrics import outputs
from metrics.core import MetricsCore, Produced
from metrics.runtime import instruments
from metrics.state.changelog import ChangelogWriter

log = logging.getLogger(__name__)
Ack = tuple[TopicPartition, int, int]  # partition, first and last offsets handled
Acknowledge = Callable[[TopicPartition, int, int, int], None]


class Settler:
    def __init__(
        self,
        publisher: EventPublisher,
        changelog: ChangelogWriter,
        intervals_topic: str,
        alerts_topic: str,
    ) -> None:
        self.publisher = publisher
        self.changelog = changelog
        self.intervals_topic = intervals_topic
        self.alerts_topic = alerts_topic
        self.acknowledge: Acknowledge | None = None  # the consumer's, once it runs
        self._in_flight: asyncio.Future[list[object]] | None = None

    async def settle(
        self, core: MetricsCore, produced: Produced, acks: list[Ack], generation: int
    ) -> None:
        if produced:
            await outputs.publish(
                self.publisher,
                self.intervals_topic,
                self.alerts_topic,
                produced.windows,
                produced.alerts,
            )
            instruments.count_outputs(produced)
        await self.drained()
        changes = core.tables.changes()
        if not changes:
            self._acknowledge(acks, generation)
            return
        instruments.count_checkpoint(changes)
        checkpoint = asyncio.gather(*await self.changelog.write(changes))
        checkpoint.add_done_callback(lambda done: self._settled(done, acks, generation))
        self._in_flight = checkpoint

    async def drained(self) -> None:
        """Wait for the checkpoint in flight (raises if it failed)."""
        if self._in_flight is not None:
            in_flight, self._in_flight = self._in_flight, None
            await in_flight

    def _settled(
        self, done: asyncio.Future[list[object]], acks: list[Ack], generation: int
    ) -> None:
        if done.cancelled() or done.exception() is not None:
            log.critical("checkpoint not written", exc_info=done.exception())
            return  # not acknowledged; `drained` raises and the worker stops
        self._acknowledge(acks, generation)

    def _acknowledge(self, acks: list[Ack], generation: int) -> None:
        if self.acknowledge is not None:
            for tp, first, last in acks:
                self.acknowledge(tp, first, last, generation)
