"""Carrying out the telephony commands topic through the telephony adapter.

Records hold a TelephonyCommand, not an event envelope, so the chassis EventConsumer does
not apply; this is its small sibling: at least once (offsets are committed after the
batch is delivered), once within memory (a recent command_id is skipped), and a record
that cannot be carried out goes to the dead-letter topic with the reason.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TypeAlias

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError
from aiokafka.structs import ConsumerRecord
from google.protobuf.message import DecodeError
from tenacity import AsyncRetrying, stop_after_attempt, wait_exponential

from callcenter.v1.telephony_pb2 import TelephonyCommand
from chassis.kafka.dead_letter import DeadLetters
from chassis.kafka.dedupe import RecentEventIds, SeenEvents
from chassis.topics import ensure_topics
from ingest.adapters.telephony import TelephonyAdapter

log = logging.getLogger(__name__)
CONSUMER_GROUP = "ingest-telephony"
Record: TypeAlias = ConsumerRecord[bytes, bytes]


class UndeliverableCommand(ValueError):
    """Why a record cannot be carried out; the dead letter's reason."""


def decode_command(value: bytes | None) -> TelephonyCommand:
    if not value:
        raise UndeliverableCommand("empty value: not a TelephonyCommand")
    try:
        command = TelephonyCommand.FromString(value)
    except DecodeError as exc:
        raise UndeliverableCommand(f"not a callcenter.v1.TelephonyCommand: {exc}") from None
    for field in ("command_id", "tenant_id", "call_id"):
        if not getattr(command, field):
            raise UndeliverableCommand(f"invalid command: {field} is empty")
    if command.WhichOneof("command") is None:
        raise UndeliverableCommand("invalid command: no command set (newer than this code?)")
    return command


class CommandDelivery:
    def __init__(
        self,
        bootstrap_servers: str,
        topic: str,
        adapter: TelephonyAdapter,
        dead_letters: DeadLetters,
        *,
        group_id: str = CONSUMER_GROUP,
        max_attempts: int = 3,
        delivered: SeenEvents | None = None,
    ) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._topic = topic
        self._adapter = adapter
        self._dead_letters = dead_letters
        self._delivered = delivered or RecentEventIds(capacity=100_000)
        self._retrying = AsyncRetrying(
            stop=stop_after_attempt(max_attempts),
            wait=wait_exponential(multiplier=0.05, max=1.0),
            reraise=True,
        )
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers,
            group_id=group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=10,  # commands are on a caller's critical path
        )
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await ensure_topics(self._bootstrap_servers, [self._dead_letters.topic], 1)
        await self._consumer.start()
        self._consumer.subscribe([self._topic])
        self._task = asyncio.create_task(self._run(), name="deliver-telephony-commands")

    async def stop(self) -> None:
        """Finish the batch in flight and commit it."""
        self._stopping.set()
        if self._task:
            await self._task
        await self._consumer.stop()

    async def _run(self) -> None:
        while not self._stopping.is_set():
            batches = await self._consumer.getmany(timeout_ms=200, max_records=500)
            for records in batches.values():
                for record in records:
                    await self._handle(record)
            self._delivered.trim()
            if batches:
                offsets = {tp: records[-1].offset + 1 for tp, records in batches.items()}
                try:
                    await self._consumer.commit(offsets)
                except KafkaError:  # a rebalance: the new owner redelivers, repeats are dropped
                    log.warning("commit failed; commands may be delivered again", exc_info=True)

    async def _handle(self, record: Record) -> None:
        try:
            command = decode_command(record.value)
        except UndeliverableCommand as exc:
            await self._dead_letters.park(record, str(exc))
            return
        if not self._delivered.first_sighting(command.command_id):
            log.info("repeated command skipped", extra={"command_id": command.command_id})
            return
        try:
            await self._retrying(self._adapter.deliver, command)
        except Exception as exc:
            log.exception("delivery failed", extra={"command_id": command.command_id})
            await self._dead_letters.park(
                record, f"delivery failed after retries: {type(exc).__name__}: {exc}"
            )
