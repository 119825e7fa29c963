"""The worker's loop body (a BatchSink for the batching consumer): the state restored
on every assignment, each fetched batch applied, then settled in this order:

1. records that cannot be handled parked on the dead-letter topic (acknowledged),
2. final windows and alerts published (acknowledged),
3. the state's changes written as one checkpoint, one batch per partition, after the
   previous checkpoint is acknowledged (checkpoints reach the log in order),
4. once the checkpoint is acknowledged, the batch's offsets handed to Faust to commit.

So whatever the crash, the restored state is a whole checkpoint at or after the
committed offsets, and everything it says was published was (docs/metrics.md).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import Callable
from typing import Any

from aiokafka.structs import TopicPartition

from chassis.kafka.dead_letter import DeadLetters
from chassis.kafka.progress import CatchUpTracker
from metrics.core import MetricsCore
from metrics.runtime.delivery import Batches
from metrics.runtime.merge import EventTimeMerge
from metrics.runtime.records import Parked, apply_released
from metrics.runtime.settling import Settler
from metrics.state.changelog import restore

log = logging.getLogger(__name__)
NewCore = Callable[..., MetricsCore]


class MetricsWorker:
    def __init__(
        self,
        new_core: NewCore,
        settler: Settler,
        dead_letters: DeadLetters,
        *,
        bootstrap_servers: str,
        changelog_topic: str,
        fetch_max_wait_ms: int,
        tick_interval_s: float,
    ) -> None:
        self.new_core = new_core
        self.settler = settler
        self.dead_letters = dead_letters
        self.bootstrap_servers = bootstrap_servers
        self.changelog_topic = changelog_topic
        self.fetch_max_wait_ms = fetch_max_wait_ms
        self.tick_interval_s = tick_interval_s
        self.core: MetricsCore | None = None
        self.consumer: Any = None  # Faust's (batching) consumer, once the app runs
        self._busy = asyncio.Lock()  # one batch, tick or rebalance step at a time
        self._restore: set[TopicPartition] | None = None
        self._tracker = CatchUpTracker()
        self._merge = EventTimeMerge()
        self._fetched: dict[TopicPartition, int] = {}  # next offset to fetch
        self._handled: dict[TopicPartition, int] = {}  # next offset to handle
        self._generation = 0
        self._next_tick = 0.0

    @property
    def ready(self) -> bool:
        return self.core is not None and self._restore is None

    async def on_revoked(self, revoked: set[TopicPartition]) -> None:
        """Before another worker may take them: the last checkpoint is in the log."""
        async with self._busy:
            await self.settler.drained()
            self.core = None

    async def on_assigned(self, assigned: set[TopicPartition]) -> None:
        async with self._busy:
            self.core = None
            self._restore = set(assigned)
            self._tracker.assigned(assigned)
            self._merge.reset(assigned)
            self._fetched, self._handled = {}, {}

    async def handle(self, batches: Batches, generation: int) -> None:
        async with self._busy:
            self._generation = generation
            self._merge.add(batches)
            for tp, records in batches.items():
                self._fetched[tp] = records[-1].offset + 1
                self._handled.setdefault(tp, records[0].offset)
            await self._step()

    async def idle(self) -> None:
        """After every fetch: what waited for the other topic; a tick when due."""
        async with self._busy:
            core = await self._step()
            if core is None or not self._tracker.caught_up or time.monotonic() < self._next_tick:
                return
            self._next_tick = time.monotonic() + self.tick_interval_s
            await self.settler.settle(core, core.tick(int(time.time() * 1000)), [], 0)

    async def _step(self) -> MetricsCore | None:
        """Apply what the merge releases and settle it; note the progress."""
        core = await self._restored()
        if core is None:
            return None
        for tp in self._tracker.pending - self._fetched.keys():
            self._fetched[tp] = self._handled[tp] = await self.consumer.position(tp)
        released = self._merge.release(self._drained)
        if released:
            produced, parked = await apply_released(core, released)
            spans: dict[TopicPartition, tuple[int, int]] = {}
            for tp, item in released:
                spans[tp] = (spans.get(tp, (item.record.offset,))[0], item.record.offset)
                self._handled[tp] = item.record.offset + 1
            await self._park(parked)
            acks = [(tp, first, last) for tp, (first, last) in spans.items()]
            await self.settler.settle(core, produced, acks, self._generation)
        for tp in self._tracker.pending:
            self._tracker.observe(tp, self._handled.get(tp), self.consumer.highwater(tp))
        return core

    def _drained(self, tp: TopicPartition) -> bool:
        """Every record of `tp` written so far is fetched (its events may wait no more)."""
        fetched, highwater = self._fetched.get(tp), self.consumer.highwater(tp)
        return fetched is not None and highwater is not None and fetched >= highwater

    async def _restored(self) -> MetricsCore | None:
        """The core, restored first if the assignment changed (None: nothing assigned)."""
        if self._restore is not None:
            await self.settler.drained()
            started = time.monotonic()
            partitions = {tp.partition for tp in self._restore}
            tables = await restore(self.bootstrap_servers, self.changelog_topic, partitions)
            self.core = self.new_core(tables)
            self._restore = None
            gc.freeze()  # long-lived: out of the collector's way (main.tune_garbage_collection)
            log.info(
                "state restored",
                extra={
                    "partitions": sorted(partitions),
                    "calls": len(tables.calls),
                    "seconds": round(time.monotonic() - started, 3),
                },
            )
        return self.core

    async def _park(self, parked: list[Parked]) -> None:
        for record, reason in parked:
            await self.dead_letters.park(record, reason)
