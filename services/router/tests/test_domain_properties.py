"""Random sequences of facts and decisions keep the routing domain's promises.

Calls sometimes carry needs of their own and callers get identified (a VIP tier, a language):
an agent may take a call when it meets the queue's rules at the call's step and the call's
needs, lowered by that step."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from chassis.tenants import OverflowStep, QueueConfig, SkillRequirement, Strategy
from router.domain import (
    Callback,
    Customer,
    Offer,
    Outcome,
    Overflow,
    PriorityRaise,
    RoutingDomain,
)
from router.testing import may_take

QUEUES = {
    "sales": QueueConfig(
        queue_id="sales",
        required_skills=(SkillRequirement(name="fr", min_level=5),),
        overflow_steps=(
            OverflowStep(after_s=20, lower_levels_by=2),
            OverflowStep(after_s=40, backup_skill="gen"),
        ),
        max_size=3,
        max_wait_s=100,
        overflow_queue_id="spill",
        vip_priorities={"gold": 2},
    ),
    "spill": QueueConfig(
        queue_id="spill",
        strategy=Strategy.ROUND_ROBIN,
        max_wait_s=80,
        vip_priorities={"gold": 3},
        language_skills={"de": SkillRequirement(name="de", min_level=2)},
    ),
    "care": QueueConfig(
        queue_id="care",
        required_skills=(SkillRequirement(name="en", min_level=3),),
        strategy=Strategy.LEAST_OCCUPIED,
        max_size=2,
        language_skills={"fr": SkillRequirement(name="fr", min_level=4)},
    ),
}
AGENTS = [f"a{n}" for n in range(3)]
CALLS = [f"c{n}" for n in range(5)]
SKILLS = ["fr", "en", "de", "gen"]
# Agents mostly have skills and a profile, or few calls would ever be offered.
skills_st = st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 9), min_size=1)
profile_st = st.lists(st.sampled_from(sorted(QUEUES)), unique=True, min_size=1, max_size=3) | (
    st.just([])
)
needs_st = st.one_of(
    st.just([]),
    st.lists(st.tuples(st.sampled_from(SKILLS[:3]), st.integers(1, 9)), min_size=1, max_size=2),
)
customer_st = st.builds(
    Customer, vip_tier=st.sampled_from(["", "gold"]), language=st.sampled_from(["", "fr", "de"])
)


@dataclass
class AgentModel:
    skills: dict[str, int]
    profile: list[str]
    available: bool = False
    held_by: str | None = None


@dataclass
class CallModel:
    queue_id: str
    priority: int
    first_queued_at: float
    entered_at: float
    target: str | None
    needs: list[tuple[str, int]] = field(default_factory=list)
    customer: Customer = field(default_factory=Customer)
    vip_due: bool = True  # its VIP priority applies: no one else set its priority since
    open_offer: tuple[str, str] | None = None  # (offer id, agent id)
    answered: bool = False
    done: bool = False
    offers: list[str] = field(default_factory=list)


def own_needs(call: CallModel) -> dict[str, int]:
    levels: dict[str, int] = {}
    for name, level in call.needs:
        levels[name] = max(levels.get(name, 1), level)
    return levels


def vip_priority(call: CallModel) -> int:
    return QUEUES[call.queue_id].vip_priorities.get(call.customer.vip_tier, 0)


class RoutingMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.domain = RoutingDomain(QUEUES)
        self.now = 0.0
        self.agents: dict[str, AgentModel] = {}
        self.calls: dict[str, CallModel] = {}
        self.customers: dict[str, Customer] = {}  # what the CRM said, as the service keeps it

    def tick(self) -> float:
        self.now += 0.5
        return self.now

    def idle(self, agent_id: str) -> bool:
        agent = self.agents.get(agent_id)
        return agent is not None and agent.available and agent.held_by is None

    def may_take(self, agent_id: str, call: CallModel) -> bool:
        agent = self.agents[agent_id]
        if call.target is not None:
            return agent_id == call.target
        waited = self.now - call.entered_at
        return may_take(
            QUEUES[call.queue_id], waited, agent.skills, agent.profile, call.needs, call.customer
        )

    def release(self, call: CallModel, taken_in: bool = False) -> None:
        """An offer taken in by agent-state keeps the agent held until its presence for
        the offer (settle) arrives."""
        if call.open_offer is not None:
            offer_id, agent_id = call.open_offer
            agent = self.agents.get(agent_id)
            if agent is not None and agent.held_by == offer_id and not taken_in:
                agent.held_by = None
            call.open_offer = None

    @initialize(staff=st.lists(st.tuples(skills_st, profile_st), min_size=2, max_size=3))
    def open_the_center(self, staff: list[tuple[dict[str, int], list[str]]]) -> None:
        for agent_id, (skills, profile) in zip(AGENTS, staff, strict=False):
            self.log_in(agent_id, skills, profile)

    @rule(agent_id=st.sampled_from(AGENTS), skills=skills_st, profile=profile_st)
    def log_in(self, agent_id: str, skills: dict[str, int], profile: list[str]) -> None:
        self.domain.agent_logged_in(agent_id, skills, profile)
        agent = self.agents.setdefault(agent_id, AgentModel(skills, profile))
        agent.skills, agent.profile = skills, profile
        self.presence(agent_id, available=True, settle=False)

    @rule(agent_id=st.sampled_from(AGENTS), skills=skills_st)
    def change_skills(self, agent_id: str, skills: dict[str, int]) -> None:
        self.domain.agent_skills_changed(agent_id, skills)
        if agent_id in self.agents:
            self.agents[agent_id].skills = skills

    @rule(agent_id=st.sampled_from(AGENTS))
    def log_out(self, agent_id: str) -> None:
        self.domain.agent_logged_out(agent_id)
        self.agents.pop(agent_id, None)

    @rule(agent_id=st.sampled_from(AGENTS), available=st.booleans(), settle=st.booleans())
    def presence(self, agent_id: str, available: bool, settle: bool) -> None:
        agent = self.agents.get(agent_id)
        if settle and agent is not None and agent.held_by is not None:
            # agent-state took the offer in (RESERVED): from now on its presence governs
            self.domain.agent_presence(agent_id, False, self.tick(), offer_id=agent.held_by)
            agent.held_by, agent.available = None, False
            return
        self.domain.agent_presence(agent_id, available, self.tick())
        if agent is not None:
            agent.available = available

    @rule(
        call_id=st.sampled_from(CALLS),
        queue_id=st.sampled_from(sorted(QUEUES)),
        priority=st.integers(0, 2),
        age=st.sampled_from([0.0, 0.0, 5.0, 30.0]),
        named=st.one_of(st.none(), st.none(), st.none(), st.sampled_from(AGENTS)),
        needs=needs_st,
    )
    def queue_call(
        self,
        call_id: str,
        queue_id: str,
        priority: int,
        age: float,
        named: str | None,
        needs: list[tuple[str, int]],
    ) -> None:
        at = self.tick()
        customer = self.customers.get(call_id)
        self.domain.call_queued(
            call_id, queue_id, priority, at - age, at, named, needs=needs, customer=customer
        )
        call = self.calls.get(call_id)
        if call is not None and call.queue_id == queue_id and not call.done:
            return
        if call is not None:
            self.release(call)
        offers = call.offers if call else []
        self.calls[call_id] = CallModel(
            queue_id, priority, at - age, at, named, needs, customer or Customer(), offers=offers
        )

    @rule(call_id=st.sampled_from(CALLS), priority=st.integers(0, 2))
    def change_priority(self, call_id: str, priority: int) -> None:
        self.domain.call_priority_changed(call_id, priority)
        if call_id in self.calls:
            self.calls[call_id].priority = priority
            self.calls[call_id].vip_due = False

    @rule(call_id=st.sampled_from(CALLS))
    def read_back_a_raise(self, call_id: str) -> None:
        """The router's own priority change, read back from the log: nothing changes."""
        if call := self.calls.get(call_id):
            self.domain.call_priority_changed(call_id, call.priority, by_router=True)

    @rule(call_id=st.sampled_from(CALLS), customer=customer_st)
    def identify(self, call_id: str, customer: Customer) -> None:
        self.customers[call_id] = customer
        self.domain.customer_identified(call_id, customer)
        if call := self.calls.get(call_id):
            call.customer = customer
            if not call.done:
                call.vip_due = True

    @rule(call_id=st.sampled_from(CALLS), accept=st.booleans(), taken_in=st.booleans())
    def answer_offer(self, call_id: str, accept: bool, taken_in: bool) -> None:
        call = self.calls.get(call_id)
        if call is None or call.open_offer is None:
            return
        offer_id, _ = call.open_offer
        if accept:
            self.domain.offer_accepted(call_id, offer_id, self.tick())
            call.answered = call.done = True
            taken_in = True  # only a reserved agent accepts
        else:
            self.domain.offer_failed(call_id, offer_id, taken_in)
        self.release(call, taken_in)

    @rule(call_id=st.sampled_from(CALLS))
    def abandon(self, call_id: str) -> None:
        self.domain.call_abandoned(call_id, self.tick())
        if (call := self.calls.get(call_id)) and not call.done:
            self.release(call)
            call.done = True

    @rule(call_id=st.sampled_from(CALLS))
    def end(self, call_id: str) -> None:
        self.domain.call_ended(call_id)
        self.customers.pop(call_id, None)
        if call := self.calls.pop(call_id, None):
            self.release(call)

    @rule()
    def decide_now(self) -> None:
        self.decide(wait=0.0)

    @rule(wait=st.sampled_from([1.0, 15.0, 25.0, 60.0]))
    def decide(self, wait: float) -> None:
        self.now += wait
        decisions = self.domain.decide(self.now)
        for decision in decisions:
            call = self.calls[decision.call_id]
            if isinstance(decision, Offer):
                self.check_offer(decision, call)
            elif isinstance(decision, Overflow):
                assert (decision.priority, decision.first_queued_at) == (
                    call.priority,
                    call.first_queued_at,
                )
                assert dict(decision.needs) == own_needs(call)
                call.queue_id, call.entered_at, call.target = decision.to_queue_id, self.now, None
                call.vip_due = True
            elif isinstance(decision, PriorityRaise):
                assert not call.done and call.vip_due
                assert decision.queue_id == call.queue_id
                assert decision.priority == vip_priority(call) > call.priority
                call.priority = decision.priority
            else:
                assert isinstance(decision, Callback)
                call.done = True
        assert self.domain.decide(self.now) == []
        wakeup = self.domain.next_wakeup()
        assert wakeup is None or wakeup > self.now
        self.check_nothing_left_to_match()
        self.check_vip_priorities_applied()

    def check_offer(self, offer: Offer, call: CallModel) -> None:
        agent = self.agents[offer.agent_id]
        assert call.open_offer is None, "a call in two offers"
        assert self.idle(offer.agent_id), "an offer to a held or unavailable agent"
        assert self.may_take(offer.agent_id, call)
        assert offer.offer_id == f"{offer.call_id}/{len(call.offers) + 1}"
        # Transfers to named agents wait in their agent's own line: served after its profile.
        for waiting_id in self.domain.waiting_calls(call.queue_id):
            waiting = self.calls[waiting_id]
            if waiting.target is None and (-waiting.priority, waiting.first_queued_at) < (
                -call.priority,
                call.first_queued_at,
            ):
                assert not self.may_take(offer.agent_id, waiting), "served out of order"
        call.offers.append(offer.offer_id)
        call.open_offer = (offer.offer_id, offer.agent_id)
        agent.held_by = offer.offer_id

    def check_nothing_left_to_match(self) -> None:
        for queue_id in QUEUES:
            for call_id in self.domain.waiting_calls(queue_id):
                call = self.calls[call_id]
                for agent_id in self.agents:
                    assert not (self.idle(agent_id) and self.may_take(agent_id, call))

    def check_vip_priorities_applied(self) -> None:
        for call in self.calls.values():
            if not call.done and call.vip_due:
                assert call.priority >= vip_priority(call), "a VIP priority not applied"

    @invariant()
    def priorities_match_the_model(self) -> None:
        for call_id, call in self.calls.items():
            assert self.domain.call_priority(call_id) == call.priority

    @invariant()
    def agents_are_idle_as_the_facts_say(self) -> None:
        for agent_id in AGENTS:
            assert self.domain.agent_is_idle(agent_id) == self.idle(agent_id)

    @invariant()
    def offers_match_the_model(self) -> None:
        for call_id, call in self.calls.items():
            assert self.domain.call_offer(call_id) == call.open_offer
        held = [agent.held_by for agent in self.agents.values() if agent.held_by]
        assert len(held) == len(set(held))

    @invariant()
    def every_stay_ends_in_one_outcome(self) -> None:
        for call_id, call in self.calls.items():
            visits = self.domain.visits(call_id)
            assert all(o in (Outcome.OVERFLOWED, Outcome.REQUEUED) for _, o in visits[:-1])
            assert (self.domain.outcomes().get(call_id) == Outcome.ANSWERED) == call.answered


RoutingMachine.TestCase.settings = settings(
    max_examples=200,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_routing_domain_keeps_its_promises = RoutingMachine.TestCase
