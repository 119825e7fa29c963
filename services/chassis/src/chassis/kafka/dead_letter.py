"""Parking a message that cannot be handled, with the reason, so its partition moves on."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from aiokafka.structs import ConsumerRecord

from chassis.kafka import headers as h
from chassis.kafka.publisher import EventPublisher

log = logging.getLogger(__name__)


class DeadLetters:
    def __init__(self, publisher: EventPublisher, topic: str, group: str) -> None:
        self._publisher = publisher
        self.topic = topic
        self._group = group

    async def park(self, record: ConsumerRecord[bytes, bytes], reason: str) -> None:
        """Copy the record as it came, with where it came from and why it failed."""
        kept = [(k, v) for k, v in record.headers or () if not k.startswith("dlq.")]
        await self._publisher.publish_raw(
            self.topic,
            record.key,
            record.value or b"",
            [
                *kept,
                (h.DLQ_REASON, reason.encode()),
                (h.DLQ_TOPIC, record.topic.encode()),
                (h.DLQ_PARTITION, str(record.partition).encode()),
                (h.DLQ_OFFSET, str(record.offset).encode()),
                (h.DLQ_GROUP, self._group.encode()),
                ("dlq.failed_at", datetime.now(UTC).isoformat().encode()),
            ],
        )
        log.warning(
            "dead-lettered a message",
            extra={
                "reason": reason,
                "topic": record.topic,
                "partition": record.partition,
                "offset": record.offset,
                "dead_letter_topic": self.topic,
            },
        )
