"""Router and agent-state as real processes on a real broker: a queued call reaches the
right agent's desktop, and the whole conversation is recorded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from routing_log import outcomes, violations
from routing_support import (
    Desktop,
    abandoned,
    call_events,
    grpc_target,
    new_call_id,
    routing_services,
)

from callcenter.v1 import agent_desktop_pb2 as desk
from callcenter.v1.common_pb2 import (
    AGENT_STATE_AVAILABLE,
    AGENT_STATE_NOT_READY,
    AGENT_STATE_ON_CALL,
    AGENT_STATE_WRAP_UP,
)
from callcenter.v1.supervisor_pb2 import ListAgentsRequest
from callcenter.v1.telephony_pb2 import TelephonyCommand
from chassis.kafka import EventPublisher
from chassis.testing.processes import ServiceRunner
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics

pytestmark = pytest.mark.integration


class Platform:
    def __init__(self, runner: ServiceRunner, topics: Topics, bootstrap: str) -> None:
        self.runner, self.topics, self.bootstrap = runner, topics, bootstrap
        self.publisher = EventPublisher(bootstrap)
        self.agent_state = next(s for s in runner.running if s.name == "agent-state")
        self.channel = grpc.aio.insecure_channel(grpc_target(self.agent_state))

    def desktop(self, agent_id: str) -> Desktop:
        return Desktop(self.channel, agent_id)


@pytest.fixture
async def platform(e2e_kafka: str, tmp_path: Path) -> AsyncIterator[Platform]:
    async with routing_services(e2e_kafka, tmp_path) as runner:
        platform = Platform(runner, Topics(runner.env["TOPIC_PREFIX"]), e2e_kafka)
        await platform.publisher.start()
        try:
            yield platform
        finally:
            await platform.publisher.stop()
            await platform.channel.close()


async def test_a_queued_call_is_offered_answered_and_wrapped_up(platform: Platform) -> None:
    expert = platform.desktop("ada")
    status = await expert.log_in({"support": 8}, ["support"])
    assert status.state == AGENT_STATE_AVAILABLE
    offers = expert.offers()
    call_id = new_call_id()
    await platform.publisher.publish_all(platform.topics.calls, call_events(call_id))

    offer = await asyncio.wait_for(offers.read(), timeout=60)
    assert (offer.call_id, offer.queue_id, offer.caller_number) == (
        call_id,
        "support",
        "+33612345678",
    )
    accepted = await expert.stub.AcceptOffer(
        desk.AcceptOfferRequest(**expert.who, offer_id=offer.offer_id)
    )
    assert accepted.status.state == AGENT_STATE_ON_CALL
    hung_up = await expert.stub.HangUp(desk.HangUpRequest(**expert.who))
    assert hung_up.status.state == AGENT_STATE_WRAP_UP
    done = await expert.stub.CompleteWrapUp(
        desk.CompleteWrapUpRequest(**expert.who, disposition_code="solved")
    )
    assert done.status.state == AGENT_STATE_AVAILABLE
    offers.cancel()

    async with TopicReader(platform.bootstrap, platform.topics.calls) as reader:
        wanted = ["CallOffered", "OfferAccepted", "CallConnected", "CallEnded", "WrapUpCompleted"]

        def recorded() -> list[str]:
            return [e.event_type for e in reader.events() if e.aggregate_id == call_id]

        await eventually(lambda: all(t in recorded() for t in wanted), what="conversation logged")
        assert violations(reader.events()) == []
        assert outcomes(reader.events())[call_id] == ["answered"]

    async with TopicReader(platform.bootstrap, platform.topics.telephony_commands) as commands:

        def bridged() -> list[str]:
            sent = [TelephonyCommand.FromString(r.value) for r in commands.records]
            return [c.connect_to_agent.agent_id for c in sent if c.call_id == call_id]

        assert await eventually(bridged, what="telephony told to connect the agent") == ["ada"]


async def test_an_illegal_command_names_both_states(platform: Platform) -> None:
    agent = platform.desktop("bob")
    await agent.log_in({"support": 5}, ["support"])
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await agent.stub.HangUp(desk.HangUpRequest(**agent.who))
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "AVAILABLE" in (refused.value.details() or "")
    with pytest.raises(grpc.aio.AioRpcError) as invalid:
        await agent.stub.SetState(
            desk.SetStateRequest(**agent.who, state=AGENT_STATE_NOT_READY, reason_code="nap")
        )
    assert invalid.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "reason_code" in (invalid.value.details() or "")


async def test_an_unanswered_offer_returns_the_call_and_the_agent_goes_not_ready(
    platform: Platform,
) -> None:
    sleepy, awake = platform.desktop("sleepy"), platform.desktop("awake")
    await sleepy.log_in({"support": 9}, ["support"])
    sleepy_offers = sleepy.offers()
    call_id = new_call_id()
    await platform.publisher.publish_all(platform.topics.calls, call_events(call_id))
    first = await asyncio.wait_for(sleepy_offers.read(), timeout=60)
    assert first.call_id == call_id
    await awake.log_in({"support": 4}, ["support"])
    awake_offers = awake.offers()
    second = await asyncio.wait_for(awake_offers.read(), timeout=60)  # after the 5 s timeout
    assert second.call_id == call_id
    listed = await sleepy.supervisor.ListAgents(ListAgentsRequest(tenant_id="acme"))
    sleepy_now = next(a for a in listed.agents if a.status.agent_id == "sleepy")
    assert (sleepy_now.status.state, sleepy_now.status.reason_code) == (
        AGENT_STATE_NOT_READY,
        "missed_offer",
    )
    sleepy_offers.cancel()
    awake_offers.cancel()


async def test_a_caller_hanging_up_in_queue_is_never_offered(platform: Platform) -> None:
    call_id = new_call_id()
    await platform.publisher.publish_all(
        platform.topics.calls, [*call_events(call_id), abandoned(call_id)]
    )
    late = platform.desktop("late")
    await late.log_in({"support": 6}, ["support"])
    async with TopicReader(platform.bootstrap, platform.topics.calls) as reader:
        await eventually(
            lambda: outcomes(reader.events()).get(call_id) == ["abandoned"], what="abandon seen"
        )
        follow = new_call_id()  # a later call proves the router went past the abandoned one
        await platform.publisher.publish_all(platform.topics.calls, call_events(follow))
        await eventually(
            lambda: any(
                e.aggregate_id == follow and e.event_type == "CallOffered" for e in reader.events()
            ),
            what="next call offered",
        )
        offered = {e.aggregate_id for e in reader.events() if e.event_type == "CallOffered"}
        assert call_id not in offered
        assert violations(reader.events()) == []
