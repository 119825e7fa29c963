"""Entry point: `callcenter-metrics` runs one Faust worker with the HTTP API in its loop."""

from __future__ import annotations

import asyncio
import functools
import gc
from typing import Any

import faust

from chassis.http import HttpServer
from chassis.kafka import EventPublisher
from chassis.kafka.dead_letter import DeadLetters
from chassis.logs import setup_logging
from chassis.settings import load
from chassis.telemetry import setup_tracing, shutdown_tracing
from chassis.topics import ensure_topics
from metrics.api.web import create_web_app
from metrics.config import SERVICE_NAME, MetricsSettings
from metrics.core import MetricsCore
from metrics.domain import MetricsConfig
from metrics.runtime.app import HttpService, Producers, create_app, ready
from metrics.runtime.settling import Settler
from metrics.runtime.worker import MetricsWorker
from metrics.state.changelog import ChangelogWriter, ensure_changelog


class Worker(faust.Worker):
    """Faust's worker without its terminal spinner: stdout carries JSON logs only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spinner = None


async def prepare_topics(settings: MetricsSettings) -> None:
    """Create every topic the worker touches before any client does."""
    bootstrap, topics = settings.kafka_bootstrap_servers, settings.topics
    await ensure_topics(bootstrap, topics.all_topics(), settings.kafka_partitions)
    await ensure_topics(bootstrap, [topics.dead_letter(settings.app_id)], 1)
    await ensure_changelog(bootstrap, settings.changelog_topic, settings.kafka_partitions)


async def build(
    settings: MetricsSettings, config: MetricsConfig
) -> tuple[faust.App, MetricsWorker, Producers]:
    """The worker's parts; in the loop, where the producers must be made."""
    await prepare_topics(settings)
    bootstrap, topics = settings.kafka_bootstrap_servers, settings.topics
    publisher = EventPublisher(bootstrap)
    changelog = ChangelogWriter(bootstrap, settings.changelog_topic)
    new_core = functools.partial(
        MetricsCore,
        config,
        settings.alert_settings(),
        settings.metrics_alert_window_s,
        settings.history_ms,
    )
    worker = MetricsWorker(
        new_core,
        Settler(publisher, changelog, topics.metrics_intervals, topics.queue_alerts),
        DeadLetters(publisher, topics.dead_letter(settings.app_id), settings.app_id),
        bootstrap_servers=bootstrap,
        changelog_topic=settings.changelog_topic,
        fetch_max_wait_ms=settings.metrics_fetch_max_wait_ms,
        tick_interval_s=settings.metrics_tick_interval_s,
    )
    return create_app(settings, worker), worker, Producers(publisher, changelog)


def tune_garbage_collection() -> None:
    """The state is millions of small lists and dicts, long-lived and without cycles:
    with the default thresholds the collector walks them again and again (a sixth of
    the worker's time, docs/benchmarks.md). Collect young objects less often; the
    restored state is frozen out of the collector's way (worker._restored)."""
    gc.set_threshold(50_000, 20, 100)


def main() -> None:
    settings = load(MetricsSettings)
    setup_logging(SERVICE_NAME, settings.log_level)
    setup_tracing(SERVICE_NAME, settings.otel_exporter_otlp_endpoint)
    tune_garbage_collection()
    settings.metrics_data_dir.mkdir(parents=True, exist_ok=True)

    config = settings.metrics_config(tenants_file=True)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    app, worker, producers = loop.run_until_complete(build(settings, config))
    web = create_web_app(worker, functools.partial(ready, app, worker), config, settings.history_ms)
    runner = Worker(
        app,
        producers,
        HttpService(HttpServer(web, settings.http_port), web.state.stopping),
        loop=loop,
        loglevel=settings.log_level,
        override_logging=False,  # keep the chassis' JSON logs
        redirect_stdouts=False,
        quiet=True,
    )
    try:
        runner.execute_from_commandline()
    finally:
        shutdown_tracing()


if __name__ == "__main__":
    main()
