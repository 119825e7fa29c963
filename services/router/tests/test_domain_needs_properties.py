"""Matching with needs, densely: agents with skills and profiles, calls with and without needs
(their own, their language's) arriving, offers answered or turned down, agents freeing up, time
widening the calls' steps. Facts come one by one or in batches, as the service reads them.
After every decision round:

* offers go only to idle agents who may take the call (the queue's rules at the call's step and
  the call's needs, lowered by that step), never to two agents, an agent never held twice;
* the agent offered a call could serve no earlier call of that queue still waiting (FIFO among
  the calls an agent can serve);
* a call arriving or falling due goes to the best idle agent by its queue's strategy among those
  who may take it;
* no call waits while an idle agent may take it; VIP priorities are applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chassis.tenants import OverflowStep, Strategy
from router.domain import Customer, Offer, PriorityRaise, RoutingDomain
from router.testing import may_take, queue

QUEUES = {
    "q": queue(
        "q",
        ("s", 5),
        overflow_steps=(
            OverflowStep(after_s=20, lower_levels_by=2),
            OverflowStep(after_s=40, backup_skill="gen"),
        ),
        language_skills={"fr": {"name": "fr", "min_level": 4}},
        vip_priorities={"gold": 3},
    ),
    "r": queue(
        "r",
        ("s", 1),
        strategy=Strategy.HIGHEST_PROFICIENCY,
        overflow_steps=(OverflowStep(after_s=30, lower_levels_by=3),),
        language_skills={"de": {"name": "de", "min_level": 2}},
    ),
}
AGENTS = 4
levels = st.integers(1, 9)
agent_st = st.tuples(
    st.fixed_dictionaries({"s": levels}, optional={"fr": levels, "de": levels, "gen": levels}),
    st.sampled_from([["q", "r"], ["r", "q"], ["q"], ["r"], []]),
)
needs_st = st.lists(st.tuples(st.sampled_from(["s", "fr", "de"]), levels), max_size=2)
customer_st = st.builds(
    Customer, vip_tier=st.sampled_from(["", "gold"]), language=st.sampled_from(["", "fr", "de"])
)
op_st = st.one_of(
    st.tuples(
        st.just("arrive"),
        st.sampled_from(sorted(QUEUES)),
        st.integers(0, 3),
        needs_st,
        st.none() | customer_st,
    ),
    st.tuples(st.just("free"), st.permutations(range(AGENTS)).map(lambda p: p[: 1 + p[0] % 3])),
    st.tuples(st.just("answer"), st.integers(0, 9)),
    st.tuples(st.just("reject"), st.integers(0, 9)),
    st.tuples(st.just("abandon"), st.integers(0, 9)),
    st.tuples(st.just("identify"), st.integers(0, 9), customer_st),
    st.tuples(st.just("tick"), st.sampled_from([1.0, 10.0, 25.0])),
)


@dataclass
class AgentModel:
    agent_id: str
    skills: dict[str, int]
    profile: list[str]
    idle_since: float
    state: str = "idle"  # idle, held (offered a call), busy (on a call)


@dataclass
class CallModel:
    call_id: str
    queue_id: str
    priority: int
    queued_at: float
    needs: list[tuple[str, int]]
    customer: Customer
    state: str = "waiting"  # waiting, offered, done
    offer: tuple[str, str] | None = None  # (offer id, agent id)
    vip_due: bool = True

    @property
    def service_key(self) -> tuple[Any, ...]:
        return (-self.priority, self.queued_at)


class Run:
    def __init__(self, agents: list[tuple[dict[str, int], list[str]]]) -> None:
        self.domain = RoutingDomain(QUEUES)
        self.agents: dict[str, AgentModel] = {}
        self.calls: dict[str, CallModel] = {}
        for n, (skills, profile) in enumerate(agents):
            agent = AgentModel(f"a{n}", skills, profile, idle_since=float(n))
            self.agents[agent.agent_id] = agent
            self.domain.agent_logged_in(agent.agent_id, skills, profile)
            self.domain.agent_presence(agent.agent_id, True, agent.idle_since)
        self.now = float(AGENTS)

    def may_take(self, agent: AgentModel, call: CallModel) -> bool:
        waited = self.now - call.queued_at
        queue = QUEUES[call.queue_id]
        return may_take(queue, waited, agent.skills, agent.profile, call.needs, call.customer)

    def strategy_key(self, agent: AgentModel, call: CallModel) -> tuple[Any, ...]:
        if call.queue_id == "r":  # highest proficiency in r's required skill s
            return (-agent.skills.get("s", 0), agent.idle_since, agent.agent_id)
        return (agent.idle_since, agent.agent_id)  # longest idle

    def nth(self, n: int, state: str) -> CallModel | None:
        calls = sorted(
            (c for c in self.calls.values() if c.state == state or state == "any"),
            key=lambda c: c.call_id,
        )
        return calls[n % len(calls)] if calls else None

    def apply(self, op: tuple[Any, ...]) -> bool:
        """Apply one fact to the domain and the model; whether agents may have freed up."""
        kind, *args = op
        self.now += 0.25
        if kind == "arrive":
            queue_id, priority, needs, customer = args
            call_id = f"c{len(self.calls):03}"
            known = customer or Customer()
            call = self.calls[call_id] = CallModel(
                call_id, queue_id, priority, self.now, needs, known
            )
            self.domain.call_queued(
                call.call_id, queue_id, priority, self.now, self.now, needs=needs, customer=customer
            )
        elif kind == "free":  # one to three agents, in this order
            for n in args[0]:
                agent = self.agents[f"a{n}"]
                if agent.state == "busy":
                    self.now += 0.01
                    agent.state, agent.idle_since = "idle", self.now
                    self.domain.agent_presence(agent.agent_id, True, self.now)
            return True
        elif kind in ("answer", "reject", "abandon") and (call := self.nth(args[0], "offered")):
            assert call.offer is not None
            offer_id, agent_id = call.offer
            call.offer, agent = None, self.agents[agent_id]
            if kind == "answer":
                self.domain.offer_accepted(call.call_id, offer_id, self.now)
                self.domain.agent_presence(agent_id, False, self.now, offer_id=offer_id)
                call.state, agent.state = "done", "busy"
            elif kind == "reject":
                self.domain.offer_failed(call.call_id, offer_id, taken_in=False)
                call.state, agent.state = "waiting", "idle"
            else:
                self.domain.call_abandoned(call.call_id, self.now)
                call.state, agent.state = "done", "idle"
            return kind != "answer"
        elif kind == "identify" and (call := self.nth(args[0], "any")):
            customer = args[1]
            self.domain.customer_identified(call.call_id, customer)
            call.customer = customer
            if call.state != "done":
                call.vip_due = True
        elif kind == "tick":
            self.now += args[0]
        return False

    def decide(self, agents_freed: bool) -> None:
        for decision in self.domain.decide(self.now):
            call = self.calls[decision.call_id]
            if isinstance(decision, PriorityRaise):
                vip = QUEUES[call.queue_id].vip_priorities.get(call.customer.vip_tier, 0)
                assert call.state != "done" and call.vip_due
                assert decision.priority == vip > call.priority
                call.priority = vip
            else:
                assert isinstance(decision, Offer), decision  # no size or wait limits here
                self.check_offer(decision, call, agents_freed)
        assert self.domain.decide(self.now) == []
        for call in self.calls.values():
            vip = QUEUES[call.queue_id].vip_priorities.get(call.customer.vip_tier, 0)
            assert call.state == "done" or not call.vip_due or call.priority >= vip
            if call.state == "waiting":
                idle = [a for a in self.agents.values() if a.state == "idle"]
                assert not any(self.may_take(a, call) for a in idle), "a call left waiting"

    def check_offer(self, offer: Offer, call: CallModel, agents_freed: bool) -> None:
        agent = self.agents[offer.agent_id]
        assert call.state == "waiting" and agent.state == "idle"
        assert self.may_take(agent, call), "an offer to an agent who may not take the call"
        earlier = [
            c
            for c in self.calls.values()
            if c.state == "waiting" and c.queue_id == call.queue_id
            if c.service_key < call.service_key
        ]
        assert not any(self.may_take(agent, c) for c in earlier), "served out of order"
        if not agents_freed:  # the call arrived or fell due: the best agent takes it
            rivals = [a for a in self.agents.values() if a.state == "idle" and a is not agent]
            key = self.strategy_key(agent, call)
            assert not any(
                self.may_take(a, call) and self.strategy_key(a, call) < key for a in rivals
            ), "not the best agent by the queue's strategy"
        call.state, call.offer, agent.state = "offered", (offer.offer_id, agent.agent_id), "held"


@settings(max_examples=300, deadline=None)
@given(
    agents=st.lists(agent_st, min_size=AGENTS, max_size=AGENTS),
    ops=st.lists(st.tuples(op_st, st.booleans()), min_size=20, max_size=60),
)
def test_matching_with_needs_keeps_its_promises(
    agents: list[tuple[dict[str, int], list[str]]], ops: list[tuple[tuple[Any, ...], bool]]
) -> None:
    """`ops`: facts, each with whether a decision round follows it (else the next fact
    comes in the same batch)."""
    run = Run(agents)
    run.decide(agents_freed=True)
    agents_freed = False
    for op, then_decide in [*ops, (("tick", 0.0), True)]:
        agents_freed = run.apply(op) or agents_freed
        if then_decide:
            run.decide(agents_freed)
            agents_freed = False
