"""Entry point: `callcenter-metrics` runs one Faust worker with the HTTP API in its loop."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import faust
from mode import Service

from chassis.faust_support import ensure_changelog_topics
from chassis.http import HttpServer
from chassis.logs import setup_logging
from chassis.settings import load
from chassis.telemetry import setup_tracing, shutdown_tracing
from chassis.topics import ensure_topics
from metrics.config import SERVICE_NAME, MetricsSettings
from metrics.topology import Topology
from metrics.web import create_web_app

log = logging.getLogger(__name__)


class HttpService(Service):
    """The chassis' uvicorn server as a mode service of the Faust worker."""

    def __init__(self, server: HttpServer, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.server = server

    async def on_start(self) -> None:
        await self.server.start()
        log.info("http server listening", extra={"port": self.server.port})

    async def on_stop(self) -> None:
        await self.server.stop()


class Worker(faust.Worker):
    """Faust's worker without its terminal spinner: stdout carries JSON logs only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spinner = None


async def prepare_topics(settings: MetricsSettings, topology: Topology) -> None:
    """Create every topic the worker touches before any client does."""
    await ensure_topics(
        settings.kafka_bootstrap_servers, [settings.topics.calls], settings.kafka_partitions
    )
    dead_letters = settings.topics.dead_letter(settings.app_id)
    await ensure_topics(settings.kafka_bootstrap_servers, [dead_letters], 1)
    await ensure_changelog_topics(topology.app, settings.kafka_bootstrap_servers)


def main() -> None:
    settings = load(MetricsSettings)
    setup_logging(SERVICE_NAME, settings.log_level)
    tracing = setup_tracing(SERVICE_NAME, settings.otel_exporter_otlp_endpoint)
    settings.metrics_data_dir.mkdir(parents=True, exist_ok=True)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    topology = Topology(settings)
    if tracing:
        from faust.contrib.opentelemetry import setup_opentelemetry

        setup_opentelemetry(topology.app)
    loop.run_until_complete(prepare_topics(settings, topology))

    http = HttpService(HttpServer(create_web_app(topology), settings.http_port))
    worker = Worker(
        topology.app,
        http,
        loop=loop,
        loglevel=settings.log_level,
        override_logging=False,  # keep the chassis' JSON logs
        redirect_stdouts=False,
        quiet=True,
    )
    try:
        worker.execute_from_commandline()
    finally:
        shutdown_tracing()


if __name__ == "__main__":
    main()
