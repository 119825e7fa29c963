"""The agent aggregate's state and `apply`, its only mutator (evolve); queries."""

from __future__ import annotations

from google.protobuf.message import Message

from agent_state.domain import facts as f
from agent_state.domain import rules
from agent_state.domain.facts import Fact, StateValue
from agent_state.domain.model import AgentSnapshot, AgentStatus, CurrentCall, PendingOffer, WrapUp
from callcenter.v1 import agent_events_pb2 as agent_pb
from callcenter.v1 import call_events_pb2 as call_pb
from chassis.tenants import TenantConfig
from chassis.times import from_timestamp

AGENT_PAYLOADS = (
    agent_pb.AgentLoggedIn,
    agent_pb.AgentLoggedOut,
    agent_pb.AgentStateChanged,
    agent_pb.AgentSkillsChanged,
)


class AgentBase:
    def __init__(self, agent_id: str, tenant: TenantConfig) -> None:
        self.agent_id = agent_id
        self.tenant = tenant
        self.state: StateValue = f.LOGGED_OUT
        self.reason_code = ""
        self.since = 0.0
        self.skills: dict[str, int] = {}
        self.queue_ids: tuple[str, ...] = ()
        self.offer: PendingOffer | None = None
        self.call: CurrentCall | None = None
        self.wrap_up: WrapUp | None = None
        self.announced: PendingOffer | None = None  # router's CallOffered, before RESERVED
        self.last_offer_id = ""
        self.version = 0  # agent events applied

    # -- evolve ---------------------------------------------------------------------------

    def apply(self, event: Fact | Message, *, at: float = 0.0, call_id: str = "") -> None:
        """Evolve from one fact. A bare payload takes its event time and call id from the
        keywords. Call facts about other agents are ignored."""
        fact = event if isinstance(event, Fact) else self._as_fact(event, at, call_id)
        p = fact.payload
        if fact.aggregate == "agent":
            if fact.aggregate_id != self.agent_id:
                raise ValueError(f"fact for agent {fact.aggregate_id} applied to {self.agent_id}")
            self.version += 1
        if isinstance(p, agent_pb.AgentStateChanged):
            self._changed(p, fact.correlation_id, fact.occurred_at)
        elif isinstance(p, agent_pb.AgentLoggedIn):
            self.skills = {s.name: s.level for s in p.skills}
            self.queue_ids = tuple(p.queue_ids)
        elif isinstance(p, agent_pb.AgentSkillsChanged):
            self.skills = {s.name: s.level for s in p.skills}
        elif isinstance(p, call_pb.CallOffered) and p.agent_id == self.agent_id:
            self._offered(p, fact.aggregate_id)
        elif isinstance(p, call_pb.OfferRejected) and self._announced(p.offer_id, p.agent_id):
            self.announced = None  # turned down while not available
            self.last_offer_id = p.offer_id
        # AgentLoggedOut and the other call facts: the AgentStateChanged beside them says it.

    def _announced(self, offer_id: str, agent_id: str) -> bool:
        announced = self.announced
        return (
            agent_id == self.agent_id and announced is not None and announced.offer_id == offer_id
        )

    def _as_fact(self, payload: Message, at: float, call_id: str) -> Fact:
        if isinstance(payload, AGENT_PAYLOADS):
            return Fact("agent", self.agent_id, payload, call_id, at)
        return Fact("call", call_id, payload, call_id, at)

    def _offered(self, p: call_pb.CallOffered, call_id: str) -> None:
        details = PendingOffer(p.offer_id, call_id, p.queue_id, from_timestamp(p.expires_at))
        if self.offer is not None and self.offer.offer_id == p.offer_id:
            self.offer = details  # the CallOffered came after our change to RESERVED
        elif p.offer_id != self.last_offer_id:
            self.announced = details

    def _changed(self, p: agent_pb.AgentStateChanged, call_id: str, at: float) -> None:
        to = p.to_state
        if to == f.RESERVED:
            self.offer = self._offer_details(p.offer_id, call_id, at)
            self.last_offer_id = p.offer_id
        elif to == f.ON_CALL and self.offer is not None:
            o = self.offer
            self.call = CurrentCall(o.call_id, o.queue_id, o.offer_id, at)
        if to == f.WRAP_UP and self.call is not None:
            c = self.call
            deadline = at + rules.wrap_up_max_s(self.tenant, c.queue_id)
            self.wrap_up = WrapUp(c.call_id, c.queue_id, c.offer_id, at, deadline)
        if to != f.RESERVED:
            self.offer = None
        if to not in (f.ON_CALL, f.ON_HOLD):
            self.call = None
        if to != f.WRAP_UP:
            self.wrap_up = None
        if to == f.LOGGED_OUT:
            self.announced = None
        self.state, self.reason_code, self.since = to, p.reason_code, at

    def _offer_details(self, offer_id: str, call_id: str, at: float) -> PendingOffer:
        announced, self.announced = self.announced, None
        if announced is not None and announced.offer_id == offer_id:
            return announced
        # The router's CallOffered was not applied: still a deadline, so never stuck RESERVED.
        return PendingOffer(offer_id, call_id, "", at + rules.offer_timeout_s(self.tenant, ""))

    # -- queries --------------------------------------------------------------------------

    def next_deadline(self) -> float | None:
        """When the service's timer must call offer_expired / wrap_up_expired."""
        if self.state == f.RESERVED and self.offer is not None:
            return self.offer.expires_at
        if self.state == f.WRAP_UP and self.wrap_up is not None:
            return self.wrap_up.deadline
        return None

    def status(self) -> AgentStatus:
        current = self.offer or self.call or self.wrap_up
        return AgentStatus(
            agent_id=self.agent_id,
            state=self.state,
            reason_code=self.reason_code,
            since=self.since,
            call_id=current.call_id if current else "",
            queue_id=current.queue_id if current else "",
            skills=dict(self.skills),
            queue_ids=self.queue_ids,
        )

    def snapshot(self) -> AgentSnapshot:
        return AgentSnapshot(
            self.agent_id,
            self.state,
            self.reason_code,
            self.since,
            tuple(sorted(self.skills.items())),
            self.queue_ids,
            self.offer,
            self.call,
            self.wrap_up,
            self.announced,
            self.last_offer_id,
            self.version,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AgentBase) and self.snapshot() == other.snapshot()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Agent({self.snapshot()!r})"
