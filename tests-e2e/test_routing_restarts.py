"""Routing invariants under concurrent load while the router is killed and restarted:
every call is answered once, no agent or call is ever in two offers at once."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from routing_log import outcomes, violations
from routing_support import Desktop, call_events, grpc_target, new_call_id, routing_services

from callcenter.v1 import agent_desktop_pb2 as desk
from callcenter.v1.common_pb2 import (
    AGENT_STATE_AVAILABLE,
    AGENT_STATE_ON_CALL,
    AGENT_STATE_WRAP_UP,
)
from callcenter.v1.supervisor_pb2 import ListAgentsRequest
from chassis.kafka import EventPublisher
from chassis.testing.processes import ServiceRunner
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics

pytestmark = pytest.mark.integration
AGENTS = 6
CALLS = 60


async def answer_everything(desktop: Desktop, answered: list[str]) -> None:
    """A diligent agent: takes every offer, talks briefly, wraps up; after an offer it was
    too slow for (a loaded machine), it makes itself available again."""
    await desktop.log_in({"support": 5}, ["support"])
    offers = desktop.offers()
    async for offer in offers:
        try:
            await desktop.stub.AcceptOffer(
                desk.AcceptOfferRequest(**desktop.who, offer_id=offer.offer_id)
            )
        except grpc.aio.AioRpcError:  # expired, or the caller left meanwhile
            with contextlib.suppress(grpc.aio.AioRpcError):
                await desktop.stub.SetState(
                    desk.SetStateRequest(**desktop.who, state=AGENT_STATE_AVAILABLE)
                )
            continue
        answered.append(offer.call_id)
        with contextlib.suppress(grpc.aio.AioRpcError):
            await desktop.stub.HangUp(desk.HangUpRequest(**desktop.who))
            await desktop.stub.CompleteWrapUp(
                desk.CompleteWrapUpRequest(**desktop.who, disposition_code="done")
            )


@pytest.fixture
async def runner(e2e_kafka: str, tmp_path: Path) -> AsyncIterator[ServiceRunner]:
    async with routing_services(e2e_kafka, tmp_path) as runner:
        yield runner


async def test_every_call_answered_once_across_a_router_crash(
    runner: ServiceRunner, e2e_kafka: str
) -> None:
    topics = Topics(runner.env["TOPIC_PREFIX"])
    agent_state = next(s for s in runner.running if s.name == "agent-state")
    answered: list[str] = []
    publisher = EventPublisher(e2e_kafka)
    await publisher.start()
    async with grpc.aio.insecure_channel(grpc_target(agent_state)) as channel:
        agents = [
            asyncio.create_task(answer_everything(Desktop(channel, f"agent-{n}"), answered))
            for n in range(AGENTS)
        ]
        calls = [new_call_id() for _ in range(CALLS)]
        try:
            for n, call_id in enumerate(calls):
                await publisher.publish_all(topics.calls, call_events(call_id))
                if n == CALLS // 3:
                    runner.kill("router")
                    runner.start("router", "callcenter-router", grpc=True)
            await eventually(
                lambda: set(answered) >= set(calls), timeout=180, what="every call answered"
            )
        finally:
            for agent in agents:
                agent.cancel()
            await publisher.stop()
    async with TopicReader(e2e_kafka, topics.calls) as reader:
        await eventually(
            lambda: all(outcomes(reader.events()).get(c) for c in calls), what="outcomes read"
        )
        events = reader.events()
    assert violations(events) == []
    assert {c: outcomes(events)[c] for c in calls} == {c: ["answered"] for c in calls}
    assert sorted(answered) == sorted(calls)  # no call answered twice


async def test_agent_state_rebuilds_agents_and_calls_after_a_crash(
    runner: ServiceRunner, e2e_kafka: str
) -> None:
    topics = Topics(runner.env["TOPIC_PREFIX"])
    publisher = EventPublisher(e2e_kafka)
    await publisher.start()
    call_id = new_call_id()
    try:
        agent_state = next(s for s in runner.running if s.name == "agent-state")
        async with grpc.aio.insecure_channel(grpc_target(agent_state)) as channel:
            desktop = Desktop(channel, "rosa")
            await desktop.log_in({"support": 7}, ["support"])
            offers = desktop.offers()
            await publisher.publish_all(topics.calls, call_events(call_id))
            offer = await asyncio.wait_for(offers.read(), timeout=60)
            await desktop.stub.AcceptOffer(
                desk.AcceptOfferRequest(**desktop.who, offer_id=offer.offer_id)
            )
            offers.cancel()
        runner.kill("agent-state")
        restarted = runner.start("agent-state", "callcenter-agent-state", grpc=True)
        async with grpc.aio.insecure_channel(grpc_target(restarted)) as channel:
            desktop = Desktop(channel, "rosa")
            listed = await desktop.supervisor.ListAgents(ListAgentsRequest(tenant_id="acme"))
            (rosa,) = [a.status for a in listed.agents]
            assert (rosa.state, rosa.call_id) == (AGENT_STATE_ON_CALL, call_id)
            hung_up = await desktop.stub.HangUp(desk.HangUpRequest(**desktop.who))
            assert hung_up.status.state == AGENT_STATE_WRAP_UP
    finally:
        await publisher.stop()
