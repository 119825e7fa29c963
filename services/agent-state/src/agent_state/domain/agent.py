"""The Agent aggregate: one per agent, rebuilt from its facts.

Commands decide (check, then return facts; never mutate); `apply` evolves (the only
mutator). The service publishes a command's facts, then applies them in order."""

from __future__ import annotations

from agent_state.domain.calls import CallCommands
from agent_state.domain.offers import OfferCommands
from agent_state.domain.presence import PresenceCommands


class Agent(PresenceCommands, OfferCommands, CallCommands):
    """`Agent(agent_id, tenant)` starts LOGGED_OUT.

    tenant: the agent's TenantConfig, read for reason codes, known queues, and each queue's
    wrap_up_max_s / offer_timeout_s. A replay under another configuration may compute other
    deadlines; replace `agent.tenant` when the configuration is reloaded.
    """
