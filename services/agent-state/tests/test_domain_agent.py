"""Unit tests of the Agent aggregate: every transition, legal and illegal, and the failure
cases ACD users report, each made impossible."""

from __future__ import annotations

import re

import pytest

from agent_state.domain import (
    Agent,
    DomainError,
    Fact,
    FailedPrecondition,
    IllegalTransition,
    InvalidArgument,
)
from callcenter.v1 import agent_events_pb2 as agent_pb
from callcenter.v1 import call_events_pb2 as call_pb
from callcenter.v1 import common_pb2 as common
from chassis.tenants import QueueConfig, TenantConfig
from chassis.times import to_timestamp

S = common.AgentState
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


def logged_in(ready: bool = True, queues: tuple[str, ...] = ("sales", "support")) -> Agent:
    agent = Agent("a-7", TENANT)
    run(agent, agent.log_in({"english": 5}, queues, ready, at=100.0))
    return agent


def offer(
    agent: Agent, offer_id: str = "o-1", call_id: str = "c-1", queue: str = "support"
) -> list[Fact]:
    """What the service does when the router's CallOffered is consumed."""
    expires = 110.0 if queue == "sales" else 120.0
    offered = call_pb.CallOffered(
        offer_id=offer_id, agent_id=agent.agent_id, queue_id=queue, expires_at=to_timestamp(expires)
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


# -- log in / out ---------------------------------------------------------------------------


def test_log_in_ready_emits_logged_in_then_available() -> None:
    agent = Agent("a-7", TENANT)
    facts = run(agent, agent.log_in({"english": 5, "billing": 10}, ["sales"], True, at=100.0))
    assert types(facts) == ["agent:AgentLoggedIn", "agent:AgentStateChanged"]
    assert change(facts).from_state == S.Value("AGENT_STATE_LOGGED_OUT")
    status = agent.status()
    assert (status.state, status.since, status.skills) == (
        common.AGENT_STATE_AVAILABLE,
        100.0,
        {"english": 5, "billing": 10},
    )
    assert status.queue_ids == ("sales",) and agent.version == 2


def test_log_in_not_ready_keeps_a_reason() -> None:
    agent = logged_in(ready=False)
    assert agent.state == common.AGENT_STATE_NOT_READY and agent.reason_code == "login"
    other = Agent("a-8", TENANT)
    run(other, other.log_in([common.Skill(name="x", level=1)], [], False, 1.0, "meeting"))
    assert other.reason_code == "meeting"


@pytest.mark.parametrize(
    ("skills", "queues", "message"),
    [
        ({"english": 11}, [], "skills[0].level: must be 1-10, got 11"),
        ({"a": 1, "b": 0}, [], "skills[1].level: must be 1-10, got 0"),
        ({"": 3}, [], "skills[0].name: required"),
        ([common.Skill(name="a", level=2)] * 2, [], "skills[1].name: duplicate skill 'a'"),
        ({}, ["sales", "x"], "queue_ids[1]: unknown queue 'x'"),
        ({}, ["sales", "sales"], "queue_ids[1]: duplicate queue 'sales'"),
    ],
)
def test_log_in_validates(skills: object, queues: list[str], message: str) -> None:
    agent = Agent("a-7", TENANT)
    with pytest.raises(InvalidArgument, match=r"^" + re.escape(message)):
        agent.log_in(skills, queues, True, at=1.0)


def test_log_in_twice_is_illegal() -> None:
    with pytest.raises(IllegalTransition, match=r"agent a-7 is AVAILABLE; cannot go AVAILABLE"):
        logged_in().log_in({}, [], True, at=2.0)


@pytest.mark.parametrize("start", ["AVAILABLE", "NOT_READY", "BREAK"])
def test_agent_logs_out(start: str) -> None:
    agent = logged_in()
    if start != "AVAILABLE":
        reason = "meeting" if start == "NOT_READY" else "lunch"
        run(agent, agent.set_state(S.Value(f"AGENT_STATE_{start}"), reason, "a-7", 101.0))
    facts = run(agent, agent.log_out("end_of_shift", False, "a-7", 200.0))
    assert types(facts) == ["agent:AgentStateChanged", "agent:AgentLoggedOut"]
    assert change(facts).reason_code == "end_of_shift"
    assert agent.state == common.AGENT_STATE_LOGGED_OUT and agent.since == 200.0


def test_agent_cannot_log_out_from_reserved_or_when_logged_out() -> None:
    agent = logged_in()
    offer(agent)
    with pytest.raises(IllegalTransition, match=r"is RESERVED; cannot go LOGGED_OUT"):
        agent.log_out("", False, "a-7", 101.0)
    with pytest.raises(IllegalTransition, match=r"is LOGGED_OUT; cannot go LOGGED_OUT"):
        Agent("a-7", TENANT).log_out("", True, "sup-1", 1.0)


def test_forced_log_out_from_reserved_rejects_the_offer() -> None:
    agent = logged_in()
    offer(agent)
    facts = run(agent, agent.log_out("sick", True, "sup-1", 105.0))
    assert types(facts) == ["call:OfferRejected", "agent:AgentStateChanged", "agent:AgentLoggedOut"]
    assert facts[0].aggregate_id == "c-1" and change(facts).offer_id == "o-1"
    assert change(facts).changed_by == "sup-1" and facts[2].payload.forced
    assert agent.offer is None and agent.next_deadline() is None


def test_forced_log_out_from_wrap_up_completes_it() -> None:
    agent = on_call()
    run(agent, agent.hang_up(150.0))
    facts = run(agent, agent.log_out("", True, "sup-1", 160.0))
    assert types(facts)[0] == "call:WrapUpCompleted"
    assert facts[0].payload.wrap_up.ToNanoseconds() == 10 * 10**9
    assert agent.wrap_up is None and agent.state == common.AGENT_STATE_LOGGED_OUT


@pytest.mark.parametrize("held", [False, True])
def test_forced_log_out_refused_during_a_call(held: bool) -> None:
    agent = on_call()
    if held:
        run(agent, agent.hold(103.0))
    name = "ON_HOLD" if held else "ON_CALL"
    with pytest.raises(FailedPrecondition, match=f"a-7 is {name}; cannot go LOGGED_OUT .*c-1"):
        agent.log_out("", True, "sup-1", 110.0)


# -- set_state and reasons -----------------------------------------------------------------


def test_not_ready_and_break_keep_their_reason_in_event_and_state() -> None:
    agent = logged_in()
    facts = run(agent, agent.set_state(common.AGENT_STATE_BREAK, "lunch", "a-7", 101.0))
    assert change(facts).reason_code == "lunch" and agent.reason_code == "lunch"
    facts = run(agent, agent.set_state(common.AGENT_STATE_NOT_READY, "training", "sup-1", 102.0))
    assert (change(facts).from_state, change(facts).to_state) == (
        common.AGENT_STATE_BREAK,
        common.AGENT_STATE_NOT_READY,
    )
    assert change(facts).changed_by == "sup-1" and agent.status().reason_code == "training"
    facts = run(agent, agent.set_state(common.AGENT_STATE_NOT_READY, "meeting", "a-7", 103.0))
    assert change(facts).reason_code == "meeting" and agent.since == 103.0
    facts = run(agent, agent.set_state(common.AGENT_STATE_AVAILABLE, "", "a-7", 104.0))
    assert change(facts).to_state == common.AGENT_STATE_AVAILABLE and agent.reason_code == ""


def test_same_state_same_reason_is_a_no_op() -> None:
    agent = logged_in()
    assert agent.set_state(common.AGENT_STATE_AVAILABLE, "", "a-7", 101.0) == []
    run(agent, agent.set_state(common.AGENT_STATE_BREAK, "lunch", "a-7", 101.0))
    assert agent.set_state(common.AGENT_STATE_BREAK, "lunch", "a-7", 102.0) == []
    assert agent.since == 101.0


@pytest.mark.parametrize(
    ("state", "reason", "message"),
    [
        ("NOT_READY", "nap", "reason_code: unknown code 'nap'; allowed: missed_offer, meeting"),
        ("BREAK", "meeting", "reason_code: unknown code 'meeting'; allowed: lunch, coffee"),
        ("BREAK", "", "reason_code: required for BREAK; allowed: lunch, coffee, personal"),
        ("NOT_READY", "", "reason_code: required for NOT_READY"),
        ("AVAILABLE", "lunch", "reason_code: AVAILABLE takes no reason code"),
    ],
)
def test_reason_codes_come_from_the_tenant(state: str, reason: str, message: str) -> None:
    with pytest.raises(InvalidArgument, match=f"^{message}") as raised:
        logged_in().set_state(S.Value(f"AGENT_STATE_{state}"), reason, "a-7", 101.0)
    assert raised.value.field == "reason_code"


def test_unknown_state_is_an_invalid_argument() -> None:
    with pytest.raises(InvalidArgument, match=r"^state: "):
        logged_in().set_state(0, "", "a-7", 1.0)
    with pytest.raises(InvalidArgument, match=r"^state: "):
        logged_in().set_state(42, "", "a-7", 1.0)


@pytest.mark.parametrize("target", ["RESERVED", "ON_CALL", "ON_HOLD", "WRAP_UP", "LOGGED_OUT"])
def test_set_state_cannot_choose_call_states(target: str) -> None:
    with pytest.raises(IllegalTransition, match=f"^agent a-7 is AVAILABLE; cannot go {target}"):
        logged_in().set_state(S.Value(f"AGENT_STATE_{target}"), "", "a-7", 1.0)


def test_set_state_is_illegal_during_calls_and_logged_out() -> None:
    with pytest.raises(IllegalTransition, match=r"^agent a-7 is ON_CALL; cannot go AVAILABLE$"):
        on_call().set_state(common.AGENT_STATE_AVAILABLE, "", "a-7", 110.0)
    with pytest.raises(IllegalTransition, match=r"is LOGGED_OUT; cannot go BREAK"):
        Agent("a-7", TENANT).set_state(common.AGENT_STATE_BREAK, "lunch", "a-7", 1.0)
    agent = on_call()
    run(agent, agent.hang_up(110.0))
    with pytest.raises(IllegalTransition, match=r"is WRAP_UP; cannot go NOT_READY"):
        agent.set_state(common.AGENT_STATE_NOT_READY, "meeting", "sup-1", 111.0)


def test_change_skills() -> None:
    agent = logged_in()
    facts = run(agent, agent.change_skills({"english": 5, "french": 3}, 101.0))
    assert types(facts) == ["agent:AgentSkillsChanged"] and agent.skills["french"] == 3
    assert agent.change_skills({"english": 5, "french": 3}, 102.0) == []
    with pytest.raises(InvalidArgument, match=r"^skills\[0\].level"):
        agent.change_skills({"english": 0}, 103.0)


def test_errors_are_domain_errors() -> None:
    assert issubclass(IllegalTransition, FailedPrecondition)
    assert issubclass(FailedPrecondition, DomainError) and issubclass(InvalidArgument, DomainError)
