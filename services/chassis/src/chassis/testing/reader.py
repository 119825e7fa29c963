"""Reading a whole topic in the background, without a consumer group (tests and `tail`)."""

from __future__ import annotations

import asyncio
import contextlib

from aiokafka import AIOKafkaConsumer
from aiokafka.structs import ConsumerRecord, TopicPartition

from callcenter.v1.envelope_pb2 import Event


class TopicReader:
    """Collects every record of `topic` from the beginning into `records`."""

    def __init__(self, bootstrap_servers: str, topic: str) -> None:
        self.topic = topic
        self.records: list[ConsumerRecord[bytes, bytes]] = []
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers, enable_auto_commit=False
        )
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> TopicReader:
        await self._consumer.start()
        partitions = self._consumer.partitions_for_topic(self.topic) or set()
        tps = [TopicPartition(self.topic, p) for p in sorted(partitions)]
        self._consumer.assign(tps)
        await self._consumer.seek_to_beginning(*tps)
        self._task = asyncio.create_task(self._collect())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._consumer.stop()

    async def _collect(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=200)
            for records in batches.values():
                self.records.extend(records)

    def events(self) -> list[Event]:
        return [Event.FromString(r.value) for r in self.records if r.value]
