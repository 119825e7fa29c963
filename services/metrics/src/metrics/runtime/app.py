"""The Faust app of the worker: the consumer group over the calls and agents topics,
whose records go in batches to the MetricsWorker (runtime.delivery), rebalances
signalled to it; and the services that live as long as the worker."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import faust
from aiokafka.structs import TopicPartition
from mode import Service

from chassis.http import HttpServer
from chassis.kafka import EventPublisher
from metrics.config import MetricsSettings
from metrics.runtime.delivery import broker_urls
from metrics.runtime.worker import MetricsWorker
from metrics.state.changelog import ChangelogWriter

log = logging.getLogger(__name__)


def create_app(settings: MetricsSettings, worker: MetricsWorker) -> faust.App:
    app = faust.App(
        settings.app_id,
        broker=broker_urls(settings.kafka_bootstrap_servers),
        datadir=str(settings.metrics_data_dir),
        autodiscover=False,
        web_enabled=False,  # HTTP is the chassis' FastAPI app (metrics.api)
        topic_partitions=settings.kafka_partitions,
        topic_disable_leader=True,  # no leader-only work: no leader topic
        table_standby_replicas=0,  # the state is the worker's own (metrics.state)
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        broker_max_poll_records=settings.metrics_batch_max_records,
        broker_session_timeout=settings.metrics_session_timeout_s,
        broker_rebalance_timeout=settings.metrics_rebalance_timeout_s,
        broker_heartbeat_interval=settings.metrics_heartbeat_interval_s,
        broker_commit_interval=settings.metrics_commit_interval_s,
    )
    app.batch_sink = worker  # type: ignore[attr-defined]  # read by the batching consumer
    events = app.topic(
        *settings.topics.event_topics(),
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
    )
    app.topics.add(events)  # subscribed; its records go to the worker, not to a stream

    async def revoked(sender: Any, revoked: set[TopicPartition], **_: Any) -> None:
        await worker.on_revoked(revoked)

    async def assigned(sender: Any, assigned: set[TopicPartition], **_: Any) -> None:
        worker.consumer = app.consumer
        worker.settler.acknowledge = app.consumer.acknowledge
        await worker.on_assigned(assigned)

    app.on_partitions_revoked.connect(revoked)
    app.on_partitions_assigned.connect(assigned)
    return app


def ready(app: faust.App, worker: MetricsWorker) -> bool:
    """Serving: the state of the current assignment is restored, no rebalance under way."""
    return worker.ready and not app.rebalancing


class Producers(Service):
    """The worker's producers (outputs and dead letters; checkpoints): they start before
    the app consumes and stop after it."""

    def __init__(self, publisher: EventPublisher, changelog: ChangelogWriter, **kwargs: Any):
        super().__init__(**kwargs)
        self.publisher = publisher
        self.changelog = changelog

    async def on_start(self) -> None:
        await self.publisher.start()
        await self.changelog.start()

    async def on_stop(self) -> None:
        await self.changelog.stop()
        await self.publisher.stop()


class HttpService(Service):
    """The chassis' uvicorn server as a service of the Faust worker."""

    def __init__(self, server: HttpServer, stopping: asyncio.Event, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.server = server
        self.stopping = stopping  # ends the open event streams, which would hold it up

    async def on_start(self) -> None:
        await self.server.start()
        log.info("http server listening", extra={"port": self.server.port})

    async def on_stop(self) -> None:
        self.stopping.set()
        await self.server.stop()
