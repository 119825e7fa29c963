"""Pure domain core of agent-state: the Agent aggregate, its facts and errors. No I/O, no
clock: every time is a float (epoch seconds) passed in.

Service flow: consume -> command -> publish the returned facts -> `agent.apply(fact)` each.
Offers: apply the router's CallOffered fact (addressed to the agent) before calling
receive_offer; apply() keeps its queue and expiry for the pending offer. A rebuild applies,
in log order, the agent's facts and those CallOffered facts (either order works).
"""

from agent_state.domain.agent import Agent
from agent_state.domain.errors import (
    DomainError,
    FailedPrecondition,
    IllegalTransition,
    InvalidArgument,
)
from agent_state.domain.facts import Fact, state_name
from agent_state.domain.model import AgentSnapshot, AgentStatus, CurrentCall, PendingOffer, WrapUp

__all__ = [
    "Agent",
    "AgentSnapshot",
    "AgentStatus",
    "CurrentCall",
    "DomainError",
    "Fact",
    "FailedPrecondition",
    "IllegalTransition",
    "InvalidArgument",
    "PendingOffer",
    "WrapUp",
    "state_name",
]
