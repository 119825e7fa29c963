"""Property tests: random command sequences keep the aggregate valid, raise nothing but
DomainError, and the facts they emit (with the consumed CallOffered facts) replay to the
same aggregate."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent_state.domain import Agent, DomainError, Fact
from callcenter.v1 import agent_events_pb2 as agent_pb
from callcenter.v1 import call_events_pb2 as call_pb
from callcenter.v1 import common_pb2 as common
from chassis.events import PAYLOAD_FIELDS
from chassis.tenants import QueueConfig, TenantConfig
from chassis.times import to_timestamp

TENANT = TenantConfig(
    tenant_id="t-1",
    queues={
        "sales": QueueConfig(queue_id="sales", wrap_up_max_s=30, offer_timeout_s=10),
        "support": QueueConfig(queue_id="support", wrap_up_max_s=300, offer_timeout_s=20),
    },
)
S = common
ids = st.sampled_from(["PENDING", "PENDING", "PENDING", "o-1", "o-2"])  # PENDING: the pending one
offer_ids = st.sampled_from([f"o-{i}" for i in range(1, 9)])
calls = st.sampled_from(["CURRENT", "CURRENT", "c-1", "c-2"])  # CURRENT: the agent's call
queues = st.sampled_from(["sales", "support", "support", "ghost", ""])
login_queues = st.one_of(
    st.lists(st.sampled_from(["sales", "support"]), unique=True, max_size=2),
    st.lists(queues, max_size=2),
)
reasons = st.sampled_from(["", "lunch", "meeting", "missed_offer", "bogus"])
valid_skills = st.dictionaries(st.sampled_from(["en", "fr"]), st.integers(1, 10), max_size=2)
skills = st.one_of(
    valid_skills,
    valid_skills,
    st.dictionaries(st.sampled_from(["en", "fr", ""]), st.integers(-1, 11), max_size=3),
)
people = st.sampled_from(["a-7", "sup-1", "a-9", ""])
offer = st.tuples(
    st.just("offer"),
    offer_ids,
    st.sampled_from(["c-1", "c-2", "c-3"]),
    queues,
    st.floats(5, 30),
    st.booleans(),
)
set_state = st.tuples(
    st.just("set_state"), st.sampled_from([2, 2, 3, 3, 4, 4, 0, 5, 6, 9]), reasons, people
)
WEIGHTED: list[tuple[int, st.SearchStrategy[tuple[Any, ...]]]] = [
    (1, st.tuples(st.just("log_in"), skills, login_queues, st.booleans(), reasons)),
    (3, set_state),
    (1, st.tuples(st.just("log_out"), reasons, st.booleans(), people)),
    (1, st.tuples(st.just("change_skills"), skills)),
    (6, offer),
    (5, st.tuples(st.just("accept_offer"), ids)),
    (1, st.tuples(st.just("reject_offer"), ids, reasons)),
    (1, st.tuples(st.just("offer_expired"), ids)),
    (2, st.tuples(st.just("caller_hung_up"), calls)),
    (2, st.tuples(st.just("hold"))),
    (2, st.tuples(st.just("resume"))),
    (2, st.tuples(st.just("hang_up"))),
    (2, st.tuples(st.just("transfer"), st.one_of(st.none(), queues), st.one_of(st.none(), people))),
    (3, st.tuples(st.just("complete_wrap_up"), st.sampled_from(["", "sale", "no_sale"]))),
    (1, st.tuples(st.just("wrap_up_expired"))),
    (3, st.tuples(st.just("timer"))),
]
# one_of ignores repeated branches: draw a weighted index, then that command's arguments.
weights = [i for i, (weight, _) in enumerate(WEIGHTED) for _ in range(weight)]
commands = st.sampled_from(weights).flatmap(lambda i: WEIGHTED[i][1])
steps = st.lists(
    st.tuples(commands, st.sampled_from([0.0, 0.5, 1.0, 3.0, 25.0, 400.0])),
    min_size=20,
    max_size=80,
)
LOG_IN = ("log_in", {"en": 5}, ["sales", "support"], True, "")


def announce(agent: Agent, command: tuple[Any, ...], at: float, log: list[Fact]) -> None:
    """The service applies the router's CallOffered before calling receive_offer (or, when
    `announce` is False, never sees it)."""
    if command[0] == "offer" and command[5]:
        _, offer_id, call_id, queue_id, ttl, _ = command
        offered = call_pb.CallOffered(
            offer_id=offer_id, agent_id="a-7", queue_id=queue_id, expires_at=to_timestamp(at + ttl)
        )
        log.append(Fact("call", call_id, offered, call_id, at))
        agent.apply(log[-1])


def execute(agent: Agent, command: tuple[Any, ...], at: float) -> list[Fact]:
    name, *args = command
    pending = agent.offer.offer_id if agent.offer else "none"
    current = agent.status().call_id or "none"
    args = [pending if a == "PENDING" else current if a == "CURRENT" else a for a in args]
    if name == "offer":
        offer_id, call_id, queue_id, ttl, _ = args
        return agent.receive_offer(offer_id, call_id, queue_id, at + ttl, at)
    if name == "timer":
        due = agent.next_deadline()
        if due is None:
            return []
        if agent.offer is not None:
            return agent.offer_expired(agent.offer.offer_id, max(at, due))
        return agent.wrap_up_expired(max(at, due))
    if name == "log_in":
        return agent.log_in(*args[:3], at=at, reason_code=args[3])
    if name == "transfer":
        return agent.transfer(queue_id=args[0], target_agent_id=args[1], at=at)
    result: list[Fact] = getattr(agent, name)(*args, at=at)
    return result


def check_invariants(agent: Agent) -> None:
    state = agent.state
    assert (state == S.AGENT_STATE_RESERVED) == (agent.offer is not None)
    assert (state in (S.AGENT_STATE_ON_CALL, S.AGENT_STATE_ON_HOLD)) == (agent.call is not None)
    assert (state == S.AGENT_STATE_WRAP_UP) == (agent.wrap_up is not None)
    if agent.wrap_up is not None:
        assert agent.wrap_up.deadline > agent.wrap_up.started_at and agent.wrap_up.call_id
    if agent.offer is not None:
        assert agent.offer.call_id and agent.offer.offer_id
    has_timer = state in (S.AGENT_STATE_RESERVED, S.AGENT_STATE_WRAP_UP)
    assert (agent.next_deadline() is not None) == has_timer
    if state in (S.AGENT_STATE_NOT_READY, S.AGENT_STATE_BREAK):
        assert agent.reason_code
    assert all(1 <= level <= 10 and name for name, level in agent.skills.items())
    assert set(agent.queue_ids) <= set(TENANT.queues)
    status = agent.status()
    assert bool(status.call_id) == (
        state
        in (
            S.AGENT_STATE_RESERVED,
            S.AGENT_STATE_ON_CALL,
            S.AGENT_STATE_ON_HOLD,
            S.AGENT_STATE_WRAP_UP,
        )
    )


def check_facts(before: Agent, facts: list[Fact]) -> None:
    changes = [f.payload for f in facts if isinstance(f.payload, agent_pb.AgentStateChanged)]
    assert len(changes) <= 1
    if changes:
        assert changes[0].from_state == before.state
        assert changes[0].to_state != S.AGENT_STATE_UNSPECIFIED
    for fact in facts:
        assert fact.payload.DESCRIPTOR.name in PAYLOAD_FIELDS
        if fact.aggregate == "call":
            assert fact.aggregate_id and fact.correlation_id == fact.aggregate_id
        else:
            assert fact.aggregate_id == "a-7"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_random_commands_keep_the_agent_valid_and_replayable(
    plan: list[tuple[tuple[Any, ...], float]],
) -> None:
    agent = Agent("a-7", TENANT)
    log: list[Fact] = []
    at, agent_facts = 1000.0, 0
    for command, dt in [(LOG_IN, 0.0), *plan]:
        at += dt
        announce(agent, command, at, log)
        snapshot = agent.snapshot()
        try:
            facts = execute(agent, command, at)
        except DomainError:
            assert agent.snapshot() == snapshot  # a refused command changes nothing
            continue
        assert agent.snapshot() == snapshot  # deciding did not mutate
        check_facts(agent, facts)
        for fact in facts:
            agent.apply(fact)
        log.extend(facts)
        agent_facts += sum(fact.aggregate == "agent" for fact in facts)
        check_invariants(agent)
        assert agent.version == agent_facts
    replayed = Agent("a-7", TENANT)
    for fact in log:
        replayed.apply(fact)
    assert replayed == agent
    bare = Agent("a-7", TENANT)  # from payloads plus envelope fields, as read from Kafka
    for fact in log:
        bare.apply(fact.payload, at=fact.occurred_at, call_id=fact.correlation_id)
    assert bare == agent
