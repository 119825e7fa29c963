"""The Faust app: the calls topic in, the live-calls table, the agent between them."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import faust
from google.protobuf.message import DecodeError

from callcenter.v1.envelope_pb2 import Event
from chassis.faust_support import faust_broker_urls
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
            broker_session_timeout=settings.metrics_session_timeout_s,
            broker_rebalance_timeout=settings.metrics_rebalance_timeout_s,
            broker_heartbeat_interval=settings.metrics_heartbeat_interval_s,
            broker_commit_interval=settings.metrics_commit_interval_s,
        )
        self.calls_topic = self.app.topic(
            settings.topics.calls,
            key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw",
        )
        # Keyed by call id. Its changelog is co-partitioned with the calls topic: an
        # update goes to the partition of the event that caused it, so a worker
        # restores exactly the calls of the partitions it consumes.
        self.live_calls = self.app.Table(
            TABLE_NAME, default=None, partitions=settings.kafka_partitions,
            key_serializer="json", value_serializer="json",
        )
        self.app.agent(self.calls_topic, name="track_live_calls")(self._track)

    async def _track(self, stream: Any) -> AsyncIterator[None]:
        async for event in stream.events():
            self.handle(event.value, partition=event.message.partition,
                        offset=event.message.offset)
            yield None

    def handle(self, raw: bytes | None, *, partition: int = -1, offset: int = -1) -> bool:
        """Apply one Kafka message to the table; True when it changed something."""
        try:
            event = Event.FromString(raw or b"")
        except DecodeError:
            # TODO(lead): dead-letter it instead (chassis.kafka.dead_letter).
            log.warning("undecodable message skipped",
                        extra={"partition": partition, "offset": offset})
            return False
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
        recovery = app.tables.recovery
        return recovery.completed.is_set() and not app.rebalancing and not app.in_recovery
