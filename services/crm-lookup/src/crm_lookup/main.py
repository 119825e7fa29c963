"""callcenter-crm-lookup: who is calling. Each call's caller is looked up in the tenant's
customers and the screen pop published on the call; a gRPC lookup API; a REST admin API."""

from __future__ import annotations

import asyncio

from callcenter.v1 import crm_pb2, crm_pb2_grpc
from chassis.grpc_server import GrpcServer
from chassis.http import HttpServer
from chassis.kafka import EventPublisher
from chassis.logs import setup_logging
from chassis.runtime import serve
from chassis.settings import load
from chassis.telemetry import setup_tracing
from chassis.topics import ensure_topics
from crm_lookup.adapters.calls_topic import follow_calls_for_history, follow_calls_for_pops
from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.adapters.interactions_sql import SqlInteractions
from crm_lookup.config import CrmSettings
from crm_lookup.domain.calls import CallLookups
from crm_lookup.entrypoints.grpc_api import CustomerLookupServicer
from crm_lookup.entrypoints.http_api import build_http_app
from crm_lookup.service.admin import CustomerAdmin
from crm_lookup.service.history import History
from crm_lookup.service.lookup import CustomerLookup
from crm_lookup.service.screen_pops import SERVICE_NAME, ScreenPops

LOOKUP_SERVICE = crm_pb2.DESCRIPTOR.services_by_name["CustomerLookupService"].full_name


async def run(settings: CrmSettings) -> None:
    topics, bootstrap = settings.topics, settings.kafka_bootstrap_servers
    await ensure_topics(bootstrap, topics.all_topics(), settings.kafka_partitions)
    database = Database(settings.crm_database_url, settings.crm_database_pool_size)
    customers, interactions = SqlCustomers(database), SqlInteractions(database.engine)
    region = settings.crm_default_region
    lookup = CustomerLookup(
        customers,
        interactions,
        default_region=region,
        recent_count=settings.crm_recent_interactions,
    )
    publisher = EventPublisher(bootstrap)
    pops = ScreenPops(
        lookup,
        CallLookups(settings.crm_account_attributes),
        lambda events: calls.publish(topics.calls, events),
        timeout_s=settings.crm_lookup_timeout_s,
    )
    servicer = CustomerLookupServicer(lookup)
    grpc_server = GrpcServer(
        settings.grpc_port,
        [lambda server: crm_pb2_grpc.add_CustomerLookupServiceServicer_to_server(servicer, server)],
        [LOOKUP_SERVICE],
    )
    ready = asyncio.Event()

    async def on_live() -> None:
        """Ready once the owed pops are rebuilt from the log."""
        await grpc_server.mark_serving()
        ready.set()

    group = settings.consumer_group
    calls = follow_calls_for_pops(
        bootstrap, topics, pops, publisher, consumer_group=group, on_live=on_live
    )
    history = follow_calls_for_history(
        bootstrap, topics, History(interactions), publisher, consumer_group=group
    )
    http = HttpServer(
        build_http_app(CustomerAdmin(customers, region), ready.is_set), settings.http_port
    )
    await serve([http, grpc_server, calls, history, publisher, database], settings.shutdown_grace_s)


def main() -> None:
    settings = load(CrmSettings)
    setup_logging(SERVICE_NAME, settings.log_level)
    setup_tracing(SERVICE_NAME, settings.otel_exporter_otlp_endpoint)
    asyncio.run(run(settings))
