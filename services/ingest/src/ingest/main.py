"""callcenter-ingest: the telephony edge. Provider reports in (HTTP webhooks, gRPC) become
call events; telephony commands out go to the telephony adapter."""

from __future__ import annotations

import asyncio

from callcenter.v1 import ingest_pb2, ingest_pb2_grpc
from chassis.grpc_server import GrpcServer
from chassis.http import HttpServer
from chassis.kafka import EventPublisher
from chassis.kafka.dead_letter import DeadLetters
from chassis.logs import setup_logging
from chassis.runtime import serve
from chassis.settings import load
from chassis.telemetry import setup_tracing
from chassis.tenants import load_tenants
from chassis.topics import ensure_topics
from ingest.adapters.calls_topic import KafkaEventLog, follow_calls
from ingest.adapters.command_delivery import CONSUMER_GROUP as COMMANDS_GROUP
from ingest.adapters.command_delivery import CommandDelivery
from ingest.adapters.telephony import SimulatedTelephony, build_adapter
from ingest.config import IngestSettings
from ingest.domain import CallDirectory, NumberPlan, RecentReports
from ingest.entrypoints.grpc_api import IngestServicer
from ingest.entrypoints.http_api import build_http_app
from ingest.service.following import CallsFollower
from ingest.service.intake import SERVICE_NAME, CallIntake


async def run(settings: IngestSettings) -> None:
    topics, bootstrap = settings.topics, settings.kafka_bootstrap_servers
    await ensure_topics(bootstrap, topics.all_topics(), settings.kafka_partitions)
    publisher = EventPublisher(bootstrap)
    directory, recent = CallDirectory(), RecentReports()
    intake = CallIntake(
        NumberPlan(load_tenants(settings.tenants_config)),
        KafkaEventLog(publisher, topics.calls, settings.publish_timeout_s),
        directory,
        recent,
        live=lambda: calls.live,
    )
    telephony = build_adapter(settings.telephony_adapter)
    delivery = CommandDelivery(
        bootstrap,
        topics.telephony_commands,
        telephony,
        DeadLetters(publisher, topics.dead_letter(COMMANDS_GROUP), COMMANDS_GROUP),
    )
    simulated = telephony if isinstance(telephony, SimulatedTelephony) else None
    ready = asyncio.Event()
    http = HttpServer(build_http_app(intake, ready.is_set, simulated), settings.http_port)
    servicer = IngestServicer(intake)
    grpc_server = GrpcServer(
        settings.grpc_port,
        [lambda server: ingest_pb2_grpc.add_IngestServiceServicer_to_server(servicer, server)],
        [ingest_pb2.DESCRIPTOR.services_by_name["IngestService"].full_name],
    )

    async def on_live() -> None:
        """Ready once the directory of calls is rebuilt: before, later reports get 503."""
        await grpc_server.mark_serving()
        ready.set()

    calls = follow_calls(
        bootstrap,
        topics,
        CallsFollower(directory, recent),
        publisher,
        consumer_group=settings.consumer_group,
        on_live=on_live,
    )
    await serve([http, grpc_server, delivery, calls, publisher], settings.shutdown_grace_s)


def main() -> None:
    settings = load(IngestSettings)
    setup_logging(SERVICE_NAME, settings.log_level)
    setup_tracing(SERVICE_NAME, settings.otel_exporter_otlp_endpoint)
    asyncio.run(run(settings))
