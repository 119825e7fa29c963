"""The Faust app: the calls topic in, the live-calls table, the agent between them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import faust

from callcenter.v1.envelope_pb2 import Event
from chassis.faust_support import faust_broker_urls
from chassis.kafka import headers as h
from chassis.kafka.decoding import UndecodableRecord, decode
from metrics.config import MetricsSettings
from metrics.state import LiveCall, apply

log = logging.getLogger(__name__)

TABLE_NAME = "live_calls"


class Topology:
    """The Faust app of the service and what the web layer reads from it."""

    def __init__(self, settings: MetricsSettings) -> None:
        self.settings = settings
        self.app = faust.App(
            settings.app_id,
            broker=faust_broker_urls(settings.kafka_bootstrap_servers),
            store="memory://",  # rebuilt from the changelog on start
            datadir=str(settings.metrics_data_dir),
            autodiscover=False,
            web_enabled=False,  # HTTP is the chassis' FastAPI app (metrics.web)
            topic_partitions=settings.kafka_partitions,
            topic_disable_leader=True,  # no leader-only work: no leader topic
            consumer_auto_offset_reset="earliest",
            producer_acks=-1,
            producer_linger=settings.metrics_producer_linger_ms / 1000,
            broker_session_timeout=settings.metrics_session_timeout_s,
            broker_rebalance_timeout=settings.metrics_rebalance_timeout_s,
            broker_heartbeat_interval=settings.metrics_heartbeat_interval_s,
            broker_commit_interval=settings.metrics_commit_interval_s,
        )
        self.calls_topic = self.app.topic(
            settings.topics.calls,
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
        )
        # Keyed by call id. Its changelog is co-partitioned with the calls topic: an
        # update goes to the partition of the event that caused it, so a worker
        # restores exactly the calls of the partitions it consumes.
        self.live_calls = self.app.Table(
            TABLE_NAME,
            default=None,
            partitions=settings.kafka_partitions,
            schema=faust.Schema(key_serializer="json", value_serializer="json"),
        )
        self.dead_letters = self.app.topic(
            settings.topics.dead_letter(settings.app_id),
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
        )
        self.app.agent(self.calls_topic, name="track_live_calls")(self._track)

    async def _track(self, stream: Any) -> None:
        async for event in stream.events():
            try:
                decoded = decode(event.value)
            except UndecodableRecord as exc:
                await self._dead_letter(event.message, str(exc))
                continue
            self.handle(decoded)

    async def _dead_letter(self, message: Any, reason: str) -> None:
        """Park the record as it came, with the reason, like chassis consumers do."""
        await self.dead_letters.send(
            key=message.key,
            value=message.value,
            headers=[
                (h.DLQ_REASON, reason.encode()),
                (h.DLQ_TOPIC, message.topic.encode()),
                (h.DLQ_PARTITION, str(message.partition).encode()),
                (h.DLQ_OFFSET, str(message.offset).encode()),
                (h.DLQ_GROUP, self.settings.app_id.encode()),
            ],
        )
        log.warning(
            "dead-lettered a message",
            extra={"reason": reason, "partition": message.partition, "offset": message.offset},
        )

    def handle(self, event: Event) -> bool:
        """Apply one event to the table; True when it changed something."""
        stored = self.live_calls.get(event.aggregate_id)
        current = LiveCall.from_json(stored) if stored else None
        updated = apply(current, event)
        if updated is None:
            return False
        self.live_calls[event.aggregate_id] = updated.to_json()
        return True

    def calls(self) -> Iterator[LiveCall]:
        """The calls of the partitions this worker holds."""
        for value in list(self.live_calls.values()):
            yield LiveCall.from_json(value)

    def ready(self) -> bool:
        """True once the table is restored for the current assignment and serving."""
        app = self.app
        recovery: Any = app.tables.recovery  # type: ignore[attr-defined]
        return bool(recovery.completed.is_set() and not app.rebalancing and not app.in_recovery)
