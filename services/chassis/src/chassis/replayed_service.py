"""The parts shared by services whose state is rebuilt from the calls and agents topics
(router, agent-state): the consumer and the HTTP server, wired to readiness."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiokafka.structs import TopicPartition

from chassis.grpc_server import GrpcServer
from chassis.http import HttpServer, create_app
from chassis.kafka import ConsumerOptions, EventPublisher, Handler
from chassis.kafka.replayed import Act, ReplayedState
from chassis.settings import ServiceSettings


def replayed_components(
    settings: ServiceSettings,
    consumer_group: str,
    title: str,
    grpc_server: GrpcServer,
    publisher: EventPublisher,
    *,
    apply: Handler,
    reset: Callable[[frozenset[TopicPartition]], None],
    act: Act,
) -> tuple[ReplayedState, HttpServer]:
    """The replayed state over both event topics, and an HTTP server that, like gRPC
    health, reports ready only once the state is rebuilt."""
    ready = asyncio.Event()

    async def on_live() -> None:
        await grpc_server.mark_serving()
        ready.set()

    topics = settings.topics
    state = ReplayedState(
        settings.kafka_bootstrap_servers,
        ConsumerOptions(
            group_id=consumer_group,
            topics=topics.event_topics(),
            dead_letter_topic=topics.dead_letter(consumer_group),
            fetch_max_wait_ms=10,
        ),
        apply=apply,
        reset=reset,
        act=act,
        publisher=publisher,
        on_live=on_live,
    )
    return state, HttpServer(create_app(title, ready.is_set), settings.http_port)
