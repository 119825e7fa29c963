"""callcenter-router: the ACD. Consumes calls and agents, offers calls to agents."""

from __future__ import annotations

import asyncio

from callcenter.v1 import router_pb2, router_pb2_grpc
from chassis.grpc_server import GrpcServer
from chassis.kafka import EventPublisher
from chassis.logs import setup_logging
from chassis.replayed_service import replayed_components
from chassis.runtime import serve
from chassis.settings import load
from chassis.telemetry import setup_tracing
from chassis.tenants import load_tenants
from chassis.topics import ensure_topics
from router.config import SERVICE_NAME, RouterSettings
from router.grpc_api import RouterServicer
from router.service import Router


async def run(settings: RouterSettings) -> None:
    topics = settings.topics
    await ensure_topics(
        settings.kafka_bootstrap_servers, topics.all_topics(), settings.kafka_partitions
    )
    router = Router(load_tenants(settings.tenants_config))
    publisher = EventPublisher(settings.kafka_bootstrap_servers)

    async def act(now: float) -> float | None:
        events, wake_at = router.decide(now)
        if events:
            await state.publish(topics.calls, events)
        return wake_at

    servicer = RouterServicer(router, lambda: state.live)
    grpc_server = GrpcServer(
        settings.grpc_port,
        [lambda server: router_pb2_grpc.add_RouterServiceServicer_to_server(servicer, server)],
        [router_pb2.DESCRIPTOR.services_by_name["RouterService"].full_name],
    )
    state, http = replayed_components(
        settings,
        settings.consumer_group,
        "callcenter router",
        grpc_server,
        publisher,
        apply=router.apply,
        reset=router.reset,
        act=act,
    )
    await serve([http, grpc_server, state, publisher], settings.shutdown_grace_s)


def main() -> None:
    settings = load(RouterSettings)
    setup_logging(SERVICE_NAME, settings.log_level)
    setup_tracing(SERVICE_NAME, settings.otel_exporter_otlp_endpoint)
    asyncio.run(run(settings))
