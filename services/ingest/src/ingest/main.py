"""callcenter-ingest: HTTP webhooks and gRPC for the telephony edge."""

from __future__ import annotations

import asyncio

from callcenter.v1 import ingest_pb2, ingest_pb2_grpc
from chassis.grpc_server import GrpcServer
from chassis.http import HttpServer
from chassis.kafka import EventPublisher
from chassis.logs import setup_logging
from chassis.runtime import serve
from chassis.settings import load
from chassis.telemetry import setup_tracing
from ingest.config import IngestSettings
from ingest.grpc_api import IngestServicer
from ingest.http_api import build_http_app
from ingest.intake import SERVICE_NAME, CallIntake


async def run(settings: IngestSettings) -> None:
    publisher = EventPublisher(settings.kafka_bootstrap_servers)
    intake = CallIntake(publisher, settings.topics.calls, settings.publish_timeout_s)
    ready = asyncio.Event()
    http = HttpServer(build_http_app(intake, ready.is_set), settings.http_port)
    servicer = IngestServicer(intake)
    grpc_server = GrpcServer(
        settings.grpc_port,
        [lambda server: ingest_pb2_grpc.add_IngestServiceServicer_to_server(servicer, server)],
        [ingest_pb2.DESCRIPTOR.services_by_name["IngestService"].full_name],
    )

    async def mark_ready() -> None:
        await grpc_server.mark_serving()
        ready.set()

    await serve([http, grpc_server, publisher], settings.shutdown_grace_s, on_started=mark_ready)


def main() -> None:
    settings = load(IngestSettings)
    setup_logging(SERVICE_NAME, settings.log_level)
    setup_tracing(SERVICE_NAME, settings.otel_exporter_otlp_endpoint)
    asyncio.run(run(settings))
