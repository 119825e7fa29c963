"""callcenter-agent-state: agents' presence, the desktop and supervisor gRPC APIs."""

from __future__ import annotations

import asyncio

from agent_state.config import SERVICE_NAME, AgentStateSettings
from agent_state.desktop_api import AgentDesktopServicer
from agent_state.envelopes import connect_commands
from agent_state.roster import Roster
from agent_state.supervisor_api import SupervisorServicer
from callcenter.v1 import (
    agent_desktop_pb2,
    agent_desktop_pb2_grpc,
    supervisor_pb2,
    supervisor_pb2_grpc,
)
from callcenter.v1.envelope_pb2 import Event
from chassis.grpc_server import GrpcServer
from chassis.kafka import EventPublisher
from chassis.logs import setup_logging
from chassis.replayed_service import replayed_components
from chassis.runtime import serve
from chassis.settings import load
from chassis.telemetry import setup_tracing
from chassis.tenants import load_tenants
from chassis.topics import ensure_topics


async def run(settings: AgentStateSettings) -> None:
    topics = settings.topics
    bootstrap = settings.kafka_bootstrap_servers
    await ensure_topics(bootstrap, topics.all_topics(), settings.kafka_partitions)
    publisher = EventPublisher(bootstrap)

    async def publish(agent_events: list[Event], call_events: list[Event]) -> None:
        await asyncio.gather(
            publisher.publish_all(topics.calls, call_events),
            publisher.publish_all(topics.agents, agent_events),
        )
        # Once the connection is on the log, the telephony side bridges caller and agent.
        await publisher.publish_commands(topics.telephony_commands, connect_commands(call_events))

    roster = Roster(load_tenants(settings.tenants_config), publish)
    live = lambda: state.live  # noqa: E731 - bound before `state` exists
    desktop, supervisor = AgentDesktopServicer(roster, live), SupervisorServicer(roster, live)
    grpc_server = GrpcServer(
        settings.grpc_port,
        [
            lambda s: agent_desktop_pb2_grpc.add_AgentDesktopServiceServicer_to_server(desktop, s),
            lambda s: supervisor_pb2_grpc.add_SupervisorServiceServicer_to_server(supervisor, s),
        ],
        [
            agent_desktop_pb2.DESCRIPTOR.services_by_name["AgentDesktopService"].full_name,
            supervisor_pb2.DESCRIPTOR.services_by_name["SupervisorService"].full_name,
        ],
    )

    state, http = replayed_components(
        settings,
        settings.consumer_group,
        "callcenter agent-state",
        grpc_server,
        publisher,
        apply=roster.apply,
        reset=roster.reset,
        act=roster.act,
    )
    roster.nudge = state.nudge
    await serve([http, grpc_server, state, publisher], settings.shutdown_grace_s)


def main() -> None:
    settings = load(AgentStateSettings)
    setup_logging(SERVICE_NAME, settings.log_level)
    setup_tracing(SERVICE_NAME, settings.otel_exporter_otlp_endpoint)
    asyncio.run(run(settings))
