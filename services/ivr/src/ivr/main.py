"""callcenter-ivr: walks each call through its tenant's menu flow, then hands it to a queue."""

from __future__ import annotations

import asyncio
import logging
import sys

from chassis.grpc_server import GrpcServer
from chassis.kafka import EventPublisher
from chassis.logs import setup_logging
from chassis.replayed_service import replayed_components
from chassis.runtime import serve
from chassis.settings import load
from chassis.telemetry import setup_tracing
from chassis.tenants import Tenants, load_tenants
from chassis.topics import ensure_topics
from ivr.adapters.flow_files import FlowLibrary
from ivr.adapters.flow_watcher import FlowWatcher
from ivr.adapters.kafka_outbox import KafkaOutbox
from ivr.adapters.router_figures import RouterFigures
from ivr.config import SERVICE_NAME, IvrSettings
from ivr.flows import FlowError
from ivr.service import Ivr

log = logging.getLogger(__name__)


async def run(settings: IvrSettings, tenants: Tenants, flows: FlowLibrary) -> None:
    topics = settings.topics
    bootstrap = settings.kafka_bootstrap_servers
    await ensure_topics(bootstrap, topics.all_topics(), settings.kafka_partitions)
    publisher = EventPublisher(bootstrap)
    figures = RouterFigures(settings.router_grpc_target, settings.router_timeout_s)
    outbox = KafkaOutbox(
        lambda events: state.publish(topics.calls, events), publisher, topics.telephony_commands
    )
    ivr = Ivr(tenants, flows, figures, outbox)
    grpc_server = GrpcServer(settings.grpc_port, [], [])  # health only, for probes
    state, http = replayed_components(
        settings,
        settings.consumer_group,
        "callcenter ivr",
        grpc_server,
        publisher,
        apply=ivr.apply,
        reset=ivr.reset,
        act=ivr.act,
    )
    ivr.live = lambda: state.live
    watcher = FlowWatcher(flows, settings.ivr_flows_poll_s)
    await serve([http, grpc_server, watcher, state, figures, publisher], settings.shutdown_grace_s)


def main() -> None:
    settings = load(IvrSettings)
    setup_logging(SERVICE_NAME, settings.log_level)
    setup_tracing(SERVICE_NAME, settings.otel_exporter_otlp_endpoint)
    tenants = load_tenants(settings.tenants_config)
    try:
        flows = FlowLibrary.load(settings.ivr_flows_dir, tenants)
    except (FlowError, OSError) as error:  # fail fast, saying what to fix
        print(f"invalid IVR flows in {settings.ivr_flows_dir}:\n{error}", file=sys.stderr)
        raise SystemExit(2) from None
    for tenant in tenants.tenants.values():
        for number, flow_id in tenant.numbers.items():
            if flows.current(tenant.tenant_id, flow_id) is None:
                log.warning(
                    "the number plan names a flow that is not loaded: its calls get no menu",
                    extra={"tenant_id": tenant.tenant_id, "number": number, "flow": flow_id},
                )
    asyncio.run(run(settings, tenants, flows))
