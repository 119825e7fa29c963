"""Value objects of the agent aggregate and its read model. All frozen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from agent_state.domain.facts import StateValue


@dataclass(frozen=True)
class PendingOffer:
    """A call offered to the agent (state RESERVED) until answered or timed out."""

    offer_id: str
    call_id: str
    queue_id: str  # "" when the router's CallOffered was never applied (then: fallbacks)
    expires_at: float


@dataclass(frozen=True)
class CurrentCall:
    """The connected call (ON_CALL / ON_HOLD)."""

    call_id: str
    queue_id: str  # the queue the call came from: decides the wrap-up maximum
    offer_id: str
    connected_at: float


@dataclass(frozen=True)
class WrapUp:
    """After-call work. deadline = started_at + wrap_up_max_s of the CALL's queue."""

    call_id: str
    queue_id: str
    offer_id: str
    started_at: float
    deadline: float


@dataclass(frozen=True)
class AgentStatus:
    """Read model for the gRPC layer (callcenter.v1.AgentStatus)."""

    agent_id: str
    state: StateValue
    reason_code: str
    since: float
    call_id: str  # the call offered, connected or being wrapped up; "" otherwise
    queue_id: str
    skills: Mapping[str, int] = field(default_factory=dict)
    queue_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgentSnapshot:
    """Everything the aggregate holds: two agents are equal when their snapshots are."""

    agent_id: str
    state: StateValue
    reason_code: str
    since: float
    skills: tuple[tuple[str, int], ...]
    queue_ids: tuple[str, ...]
    offer: PendingOffer | None
    call: CurrentCall | None
    wrap_up: WrapUp | None
    announced: PendingOffer | None
    last_offer_id: str
    version: int
