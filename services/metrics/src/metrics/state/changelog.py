"""Checkpoints of the state in a compacted changelog topic, and the restore from it.

A checkpoint is the set of keys written since the previous one, sent as ONE record
batch per partition: a broker appends a record batch to the log whole or not at all,
so the changelog only ever holds complete checkpoints, in order, and compaction
(latest value per key) keeps that true. The offsets of the events a checkpoint covers
are committed only once its batch is acknowledged. After a crash the state restored is
therefore that of some checkpoint at or after the committed offsets; the events read
again from there are either in it already (their event ids are known: no effect) or
not (applied now). Nothing is lost and nothing counts twice, without transactions
(which the embedded broker does not offer).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from aiokafka.structs import TopicPartition

from chassis.faust_support import fetch_end_offsets
from metrics.state.call_log import Change
from metrics.state.tables import StateTables

log = logging.getLogger(__name__)
# A checkpoint must fit in one record batch; the topic is created to accept it.
MAX_BATCH_BYTES = 16 * 1024 * 1024
TOPIC_MAX_MESSAGE_BYTES = 2 * MAX_BATCH_BYTES


async def ensure_changelog(bootstrap_servers: str, topic: str, partitions: int) -> None:
    """Create the changelog, compacted, with the source topics' partition count."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        if topic not in set(await admin.list_topics()):
            configs = {
                "cleanup.policy": "compact",
                "max.message.bytes": str(TOPIC_MAX_MESSAGE_BYTES),
            }
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics([NewTopic(topic, partitions, 1, topic_configs=configs)])
            log.info("created the state changelog", extra={"topic": topic})
    finally:
        await admin.close()


class ChangelogWriter:
    def __init__(self, bootstrap_servers: str, topic: str) -> None:
        self.topic = topic
        self._producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap_servers,
            acks="all",
            enable_idempotence=False,  # the embedded broker refuses it; not needed here
            linger_ms=0,
            max_batch_size=MAX_BATCH_BYTES,
            max_request_size=TOPIC_MAX_MESSAGE_BYTES,
        )

    async def start(self) -> None:
        await self._producer.start()

    async def stop(self) -> None:
        await self._producer.stop()

    async def write(self, changes: dict[int, list[Change]]) -> list[asyncio.Future[object]]:
        """Send a checkpoint; the futures are done once the broker has it all."""
        sent: list[asyncio.Future[object]] = []
        for partition, records in changes.items():
            batch = self._producer.create_batch()
            for key, value in records:
                if batch.append(key=key, value=value, timestamp=None) is None:
                    # Too big for one batch: never seen at the default batch size,
                    # but better written in two than not at all.
                    log.warning("checkpoint split over two batches", extra={"partition": partition})
                    sent.append(await self._send(batch, partition))
                    batch = self._producer.create_batch()
                    batch.append(key=key, value=value, timestamp=None)
            sent.append(await self._send(batch, partition))
        return sent

    async def _send(self, batch: object, partition: int) -> asyncio.Future[object]:
        future: asyncio.Future[object] = await self._producer.send_batch(
            batch, self.topic, partition=partition
        )
        return future


async def restore(bootstrap_servers: str, topic: str, partitions: set[int]) -> StateTables:
    """The state of `partitions`, read from the changelog up to its end."""
    tables = StateTables()
    if not partitions:
        return tables.restored()
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        ends = await fetch_end_offsets(consumer, tps)  # right on the embedded broker too
        pending = {tp for tp, end in ends.items() if end > 0}
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        while pending:
            batches = await consumer.getmany(timeout_ms=500, max_records=50_000)
            for tp, records in batches.items():
                for record in records:
                    tables.restore(tp.partition, record.key or b"", record.value)
            for tp in list(pending):
                if await consumer.position(tp) >= ends[tp]:
                    pending.discard(tp)
    finally:
        await consumer.stop()
    return tables.restored()
