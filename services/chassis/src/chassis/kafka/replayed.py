"""A service whose state lives in memory, rebuilt from the log, acting only once live.

The pattern of the router and agent-state: on every partition assignment the state is
dropped and the assigned partitions are read again from their start (facts only: no
decision is taken while replaying, since the log already holds the decisions taken
before). Once caught up, `act(now)` takes the decisions the state calls for, after each
batch and whenever the time it asked to be woken at comes.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable

from aiokafka.errors import KafkaError
from aiokafka.structs import TopicPartition
from tenacity import AsyncRetrying, retry_if_exception_type, wait_exponential

from callcenter.v1.envelope_pb2 import Event
from chassis.kafka.consumer import ConsumerOptions, EventConsumer, Handler
from chassis.kafka.publisher import EventPublisher

log = logging.getLogger(__name__)
# act(now) -> when to be called again at the latest (epoch seconds), or None: no timer.
Act = Callable[[float], Awaitable[float | None]]


async def until_sent(send: Callable[[], Awaitable[None]], what: str) -> None:
    """Retry `send` until the broker takes it: for what is already applied to the state."""
    async for attempt in AsyncRetrying(
        wait=wait_exponential(multiplier=0.1, max=5.0),
        retry=retry_if_exception_type(KafkaError),
        before_sleep=lambda state: log.warning(
            f"publishing {what} failed; retrying", extra={"attempt": state.attempt_number}
        ),
    ):
        with attempt:
            await send()


class ReplayedState:
    def __init__(
        self,
        bootstrap_servers: str,
        options: ConsumerOptions,
        *,
        apply: Handler,
        reset: Callable[[frozenset[TopicPartition]], None],
        act: Act,
        publisher: EventPublisher,
        on_live: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._publisher = publisher
        self._reset = reset
        self._act = act
        self._on_live = on_live
        self._was_live = False
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self.consumer = EventConsumer(
            bootstrap_servers,
            dataclasses.replace(options, rebuild_on_assignment=True),
            apply,
            publisher,
            on_assigned=self._assigned,
            after_batch=self._after_batch,
        )

    @property
    def live(self) -> bool:
        return self.consumer.caught_up

    def nudge(self) -> None:
        """Something changed outside the log (a command): act soon."""
        self._wake.set()

    async def publish(self, topic: str, events: list[Event]) -> None:
        """Publish decisions already applied to the state: they must reach the log, so
        this retries until they do (no new decision can be taken meanwhile)."""
        await until_sent(lambda: self._publisher.publish_all(topic, events), "decisions")

    async def start(self) -> None:
        await self.consumer.start()
        self._task = asyncio.create_task(self._acting(), name="replayed-state:act")

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task:
            await self._task
        await self.consumer.stop()

    async def _assigned(self, partitions: frozenset[TopicPartition]) -> None:
        self._reset(partitions)

    async def _after_batch(self) -> None:
        if self.live:
            if not self._was_live:
                self._was_live = True
                log.info("caught up: state rebuilt from the log, acting live")
                if self._on_live:
                    await self._on_live()
            self._wake.set()

    async def _acting(self) -> None:
        wake_at: float | None = None
        while not self._stopping:
            timeout = None if wake_at is None else max(0.0, wake_at - time.time())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
            self._wake.clear()
            if self._stopping or not self.live:
                continue
            try:
                wake_at = await self._act(time.time())
            except Exception:
                # Decisions are published before they are applied: retrying is safe.
                log.exception("acting failed; retrying in a second")
                wake_at = time.time() + 1.0
