"""Unit tests of the Agent aggregate's offers, calls and wrap-up."""

from __future__ import annotations

import pytest

from agent_state.domain import Agent, Fact, FailedPrecondition, IllegalTransition, InvalidArgument
from callcenter.v1 import agent_events_pb2 as agent_pb
from callcenter.v1 import call_events_pb2 as call_pb
from callcenter.v1 import common_pb2 as common
from chassis.tenants import QueueConfig, TenantConfig
from chassis.times import to_timestamp as ts

TENANT = TenantConfig(
    tenant_id="t-1",
    queues={
        "sales": QueueConfig(queue_id="sales", wrap_up_max_s=30, offer_timeout_s=10),
        "support": QueueConfig(queue_id="support", wrap_up_max_s=300, offer_timeout_s=20),
    },
)


def run(agent: Agent, facts: list[Fact]) -> list[Fact]:
    for fact in facts:
        agent.apply(fact)
    return facts


def logged_in() -> Agent:
    agent = Agent("a-7", TENANT)
    run(agent, agent.log_in({"english": 5}, ("sales", "support"), True, at=100.0))
    return agent


def offer(
    agent: Agent, offer_id: str = "o-1", call_id: str = "c-1", queue: str = "support"
) -> list[Fact]:
    expires = 110.0 if queue == "sales" else 120.0
    offered = call_pb.CallOffered(
        offer_id=offer_id, agent_id="a-7", queue_id=queue, expires_at=ts(expires)
    )
    agent.apply(Fact("call", call_id, offered, call_id, 100.0))
    return run(agent, agent.receive_offer(offer_id, call_id, queue, expires, at=100.0))


def on_call(queue: str = "support") -> Agent:
    agent = logged_in()
    offer(agent, queue=queue)
    run(agent, agent.accept_offer("o-1", at=102.0))
    return agent


def change(facts: list[Fact]) -> agent_pb.AgentStateChanged:
    found = [f.payload for f in facts if isinstance(f.payload, agent_pb.AgentStateChanged)]
    assert len(found) == 1
    return found[0]


def types(facts: list[Fact]) -> list[str]:
    return [f"{f.aggregate}:{f.event_type}" for f in facts]


# -- offers --------------------------------------------------------------------------------


def test_offer_reserves_an_available_agent() -> None:
    agent = logged_in()
    facts = offer(agent)
    assert types(facts) == ["agent:AgentStateChanged"]
    assert (change(facts).to_state, change(facts).changed_by, change(facts).offer_id) == (
        common.AGENT_STATE_RESERVED,
        "router",
        "o-1",
    )
    assert facts[0].correlation_id == "c-1"
    assert agent.status().call_id == "c-1" and agent.status().queue_id == "support"
    assert agent.next_deadline() == 120.0
    assert agent.receive_offer("o-1", "c-1", "support", 120.0, at=101.0) == []  # redelivered


def test_offer_to_an_unavailable_agent_is_rejected_for_the_call() -> None:
    agent = logged_in()
    run(agent, agent.set_state(common.AGENT_STATE_BREAK, "coffee", "a-7", 100.0))
    offered = call_pb.CallOffered(offer_id="o-2", agent_id="a-7", queue_id="sales")
    agent.apply(offered, at=100.0, call_id="c-2")
    facts = run(agent, agent.receive_offer("o-2", "c-2", "sales", 110.0, at=100.0))
    assert types(facts) == ["call:OfferRejected"] and facts[0].aggregate_id == "c-2"
    assert facts[0].payload.reason == "agent not available: BREAK"
    assert agent.state == common.AGENT_STATE_BREAK and agent.announced is None
    assert agent.receive_offer("o-2", "c-2", "sales", 110.0, at=100.0) == []


def test_second_offer_while_reserved_is_rejected() -> None:
    agent = logged_in()
    offer(agent)
    facts = agent.receive_offer("o-2", "c-2", "sales", 130.0, at=101.0)
    assert facts[0].payload.reason == "agent not available: RESERVED"


def test_accept_connects_the_call() -> None:
    agent = logged_in()
    offer(agent)
    facts = run(agent, agent.accept_offer("o-1", at=102.0))
    assert types(facts) == ["call:OfferAccepted", "call:CallConnected", "agent:AgentStateChanged"]
    assert facts[1].payload.queue_id == "support" and facts[1].payload.agent_id == "a-7"
    assert change(facts).offer_id == "o-1" and agent.state == common.AGENT_STATE_ON_CALL
    assert agent.call is not None and agent.call.connected_at == 102.0 and agent.offer is None
    assert agent.accept_offer("o-1", at=103.0) == []  # a retried request


def test_accept_refusals_name_the_pending_offer() -> None:
    agent = logged_in()
    with pytest.raises(IllegalTransition, match=r"a-7 is AVAILABLE; cannot go ON_CALL"):
        agent.accept_offer("o-1", at=101.0)
    offer(agent)
    with pytest.raises(FailedPrecondition, match=r"'o-9' is not pending .*pending offer: 'o-1'"):
        agent.accept_offer("o-9", at=101.0)
    with pytest.raises(FailedPrecondition, match=r"offer 'o-1' expired"):
        agent.accept_offer("o-1", at=120.0)


def test_reject_makes_the_agent_available_again() -> None:
    agent = logged_in()
    offer(agent)
    facts = run(agent, agent.reject_offer("o-1", "busy", at=103.0))
    assert types(facts) == ["call:OfferRejected", "agent:AgentStateChanged"]
    assert facts[0].payload.reason == "busy" and change(facts).offer_id == "o-1"
    assert agent.state == common.AGENT_STATE_AVAILABLE and agent.next_deadline() is None
    with pytest.raises(IllegalTransition, match=r"is AVAILABLE; cannot go AVAILABLE"):
        agent.reject_offer("o-1", "", at=104.0)


def test_offer_timeout_makes_the_agent_not_ready_missed_offer() -> None:
    agent = logged_in()
    offer(agent)
    assert agent.offer_expired("o-1", at=119.0) == []  # early timer
    assert agent.offer_expired("o-0", at=121.0) == []  # stale timer
    facts = run(agent, agent.offer_expired("o-1", at=120.0))
    assert types(facts) == ["call:OfferTimedOut", "agent:AgentStateChanged"]
    c = change(facts)
    assert (c.to_state, c.reason_code, c.changed_by, c.offer_id) == (
        common.AGENT_STATE_NOT_READY,
        "missed_offer",
        "system",
        "o-1",
    )
    assert agent.reason_code == "missed_offer" and agent.offer_expired("o-1", 130.0) == []


def test_caller_hanging_up_during_the_offer_never_leaves_the_agent_reserved() -> None:
    agent = logged_in()
    offer(agent)
    assert agent.caller_hung_up("c-other", at=101.0) == []
    facts = run(agent, agent.caller_hung_up("c-1", at=101.0))
    c = change(facts)
    assert (c.to_state, c.reason_code, c.changed_by, c.offer_id) == (
        common.AGENT_STATE_AVAILABLE,
        "caller_hung_up",
        "system",
        "o-1",
    )
    assert agent.offer is None and agent.next_deadline() is None
    assert agent.caller_hung_up("c-1", at=102.0) == []


def test_offer_without_the_routers_details_still_has_a_deadline() -> None:
    agent = logged_in()  # the service never applied the CallOffered
    run(agent, agent.receive_offer("o-1", "c-1", "sales", 110.0, at=100.0))
    assert agent.state == common.AGENT_STATE_RESERVED and agent.next_deadline() == 120.0
    late = call_pb.CallOffered(offer_id="o-1", agent_id="a-7", queue_id="sales", expires_at=ts(110))
    agent.apply(late, at=100.0, call_id="c-1")  # it arrives after all: details filled in
    assert agent.next_deadline() == 110.0 and agent.status().queue_id == "sales"


# -- the conversation ------------------------------------------------------------------------


def test_hold_and_resume() -> None:
    agent = on_call()
    facts = run(agent, agent.hold(103.0))
    assert types(facts) == ["call:CallHeld", "agent:AgentStateChanged"]
    assert facts[0].aggregate_id == "c-1" and agent.state == common.AGENT_STATE_ON_HOLD
    with pytest.raises(IllegalTransition, match=r"a-7 is ON_HOLD; cannot go ON_HOLD"):
        agent.hold(104.0)
    facts = run(agent, agent.resume(105.0))
    assert types(facts) == ["call:CallResumed", "agent:AgentStateChanged"]
    with pytest.raises(IllegalTransition, match=r"a-7 is ON_CALL; cannot go ON_CALL"):
        agent.resume(106.0)
    assert agent.call is not None and agent.call.connected_at == 102.0


@pytest.mark.parametrize("held", [False, True])
def test_agent_hangs_up(held: bool) -> None:
    agent = on_call()
    if held:
        run(agent, agent.hold(103.0))
    facts = run(agent, agent.hang_up(110.0))
    assert types(facts) == ["call:CallEnded", "agent:AgentStateChanged"]
    assert facts[0].payload.ended_by == common.PARTY_AGENT and facts[0].payload.agent_id == "a-7"
    assert agent.state == common.AGENT_STATE_WRAP_UP and agent.status().call_id == "c-1"


def test_caller_hangs_up_during_the_conversation() -> None:
    agent = on_call()
    facts = run(agent, agent.caller_hung_up("c-1", at=110.0))
    assert types(facts) == ["agent:AgentStateChanged"]  # no second CallEnded
    assert change(facts).reason_code == "caller_hung_up" and agent.wrap_up is not None


def test_hang_up_needs_a_call() -> None:
    with pytest.raises(IllegalTransition, match=r"a-7 is AVAILABLE; cannot go WRAP_UP"):
        logged_in().hang_up(101.0)


def test_transfer_to_a_queue_or_an_agent() -> None:
    agent = on_call()
    facts = run(agent, agent.transfer(queue_id="sales", at=110.0))
    assert types(facts) == ["call:CallTransferred", "agent:AgentStateChanged"]
    assert facts[0].payload.queue_id == "sales" and facts[0].payload.from_agent_id == "a-7"
    assert agent.state == common.AGENT_STATE_WRAP_UP
    agent = on_call()
    facts = run(agent, agent.transfer(target_agent_id="a-9", at=110.0))
    assert facts[0].payload.WhichOneof("target") == "agent_id"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "queue_id, target_agent_id: exactly one is required"),
        ({"queue_id": "sales", "target_agent_id": "a-9"}, "queue_id, target_agent_id: exactly"),
        ({"queue_id": "nowhere"}, "queue_id: unknown queue 'nowhere'"),
        ({"target_agent_id": "a-7"}, "target_agent_id: cannot transfer a call to yourself"),
    ],
)
def test_transfer_validation(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidArgument, match=f"^{message}"):
        on_call().transfer(**kwargs, at=110.0)


# -- wrap-up ---------------------------------------------------------------------------------


def test_complete_wrap_up_with_a_disposition() -> None:
    agent = on_call()
    run(agent, agent.hang_up(110.0))
    with pytest.raises(InvalidArgument, match=r"^disposition_code: required$"):
        agent.complete_wrap_up(" ", at=115.0)
    facts = run(agent, agent.complete_wrap_up("sale", at=125.0))
    assert types(facts) == ["call:WrapUpCompleted", "agent:AgentStateChanged"]
    done = facts[0].payload
    assert (done.disposition_code, done.agent_id, done.wrap_up.ToNanoseconds()) == (
        "sale",
        "a-7",
        15 * 10**9,
    )
    assert agent.state == common.AGENT_STATE_AVAILABLE and agent.next_deadline() is None


def test_complete_wrap_up_needs_wrap_up() -> None:
    with pytest.raises(IllegalTransition, match=r"^agent a-7 is ON_CALL; cannot go AVAILABLE$"):
        on_call().complete_wrap_up("sale", at=110.0)


def test_wrap_up_expires_at_the_calls_own_queue_maximum() -> None:
    # The agent serves sales (30 s) and support (300 s): a support call gets 300 s.
    agent = on_call(queue="support")
    run(agent, agent.hang_up(110.0))
    assert agent.next_deadline() == 410.0
    assert agent.wrap_up_expired(at=140.0) == []  # not cut short by the sales maximum
    facts = run(agent, agent.wrap_up_expired(at=410.0))
    assert facts[0].payload.disposition_code == "" and change(facts).changed_by == "system"
    assert change(facts).reason_code == "wrap_up_timeout"
    assert agent.state == common.AGENT_STATE_AVAILABLE
    agent = on_call(queue="sales")
    run(agent, agent.caller_hung_up("c-1", at=110.0))
    assert agent.next_deadline() == 140.0


def test_wrap_up_expired_is_a_no_op_outside_wrap_up() -> None:
    assert on_call().wrap_up_expired(at=1e9) == []


def test_wrap_up_of_a_call_from_an_unknown_queue_gets_the_longest_maximum() -> None:
    agent = logged_in()  # CallOffered never applied: the call's queue is unknown
    run(agent, agent.receive_offer("o-1", "c-1", "support", 120.0, at=100.0))
    run(agent, agent.accept_offer("o-1", at=101.0))
    run(agent, agent.hang_up(110.0))
    assert agent.next_deadline() == 410.0  # never cut short
