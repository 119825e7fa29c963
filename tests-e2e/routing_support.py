"""Driving router and agent-state as real processes: calls in through the log (the IVR's
place, until it exists), agents through the desktop gRPC API."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import grpc

from callcenter.v1 import agent_desktop_pb2 as desk
from callcenter.v1 import agent_desktop_pb2_grpc, supervisor_pb2_grpc
from callcenter.v1.call_events_pb2 import CallAbandoned, CallQueued, CallReceived
from callcenter.v1.common_pb2 import CALL_STAGE_QUEUE, Skill
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event, timestamp
from chassis.testing.processes import RunningService, ServiceRunner
from chassis.topics import Topics, ensure_topics

TENANTS_YAML = """
tenants:
  acme:
    queues:
      support:
        required_skills: [{name: support, min_level: 3}]
        offer_timeout_s: 5
        wrap_up_max_s: 30
      billing:
        required_skills: [{name: billing, min_level: 1}]
"""


def tenants_file(directory: Path) -> Path:
    path = directory / "tenants.yaml"
    path.write_text(TENANTS_YAML)
    return path


def call_events(call_id: str, queue_id: str = "support", priority: int = 0) -> list[Event]:
    now = datetime.now(UTC)
    common = {
        "tenant_id": "acme",
        "aggregate_type": AGGREGATE_TYPE_CALL,
        "aggregate_id": call_id,
        "producer": "e2e",
        "correlation_id": call_id,
        "occurred_at": now,
    }
    received = CallReceived(
        caller_number="+33612345678",
        dialed_number="+33970000000",
        provider="e2e",
        provider_call_id=call_id,
    )
    queued = CallQueued(queue_id=queue_id, priority=priority, first_queued_at=timestamp(now))
    return [new_event(received, sequence=1, **common), new_event(queued, sequence=2, **common)]


def abandoned(call_id: str, queue_id: str = "support") -> Event:
    return new_event(
        CallAbandoned(stage=CALL_STAGE_QUEUE, queue_id=queue_id),
        tenant_id="acme",
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id=call_id,
        sequence=10,
        producer="e2e",
        correlation_id=call_id,
    )


def new_call_id() -> str:
    return f"call-{uuid.uuid4().hex[:10]}"


class Desktop:
    """One agent's desktop: the gRPC stubs with the tenant and agent filled in."""

    def __init__(self, channel: grpc.aio.Channel, agent_id: str, tenant_id: str = "acme"):
        self.agent_id = agent_id
        self.tenant_id = tenant_id
        self.stub = agent_desktop_pb2_grpc.AgentDesktopServiceStub(channel)
        self.supervisor = supervisor_pb2_grpc.SupervisorServiceStub(channel)

    @property
    def who(self) -> dict[str, str]:
        return {"tenant_id": self.tenant_id, "agent_id": self.agent_id}

    async def log_in(self, skills: dict[str, int], queues: list[str]) -> desk.AgentStatus:
        response = await self.stub.LogIn(
            desk.LogInRequest(
                **self.who,
                skills=[Skill(name=n, level=lv) for n, lv in skills.items()],
                queue_ids=queues,
                ready=True,
            )
        )
        return response.status

    def offers(self) -> grpc.aio.UnaryStreamCall:
        return self.stub.SubscribeOffers(desk.SubscribeOffersRequest(**self.who))


def grpc_target(service: RunningService) -> str:
    return f"127.0.0.1:{service.grpc_port}"


def lines(path: Path) -> Iterator[str]:
    yield from path.read_text().splitlines()


@contextlib.asynccontextmanager
async def routing_services(bootstrap: str, directory: Path) -> AsyncIterator[ServiceRunner]:
    """Router and agent-state as processes on fresh topics, stopped afterwards."""
    prefix = f"e2e{uuid.uuid4().hex[:8]}."
    await ensure_topics(bootstrap, Topics(prefix).all_topics(), 2)
    runner = ServiceRunner(
        {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "TOPIC_PREFIX": prefix,
            "KAFKA_PARTITIONS": "2",
            "TENANTS_CONFIG": str(tenants_file(directory)),
        }
    )
    try:
        runner.start("router", "callcenter-router", grpc=True)
        runner.start("agent-state", "callcenter-agent-state", grpc=True)
        yield runner
    finally:
        runner.stop_all()
