"""Facts about agents: log-ins, skills, presence (agent-state's view, read from the log)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from router.domain.agents import Agent
from router.domain.state import DomainState


class AgentFacts(DomainState):
    def agent_logged_in(
        self, agent_id: str, skills: Mapping[str, int], queue_ids: Sequence[str]
    ) -> None:
        agent = self._agents.setdefault(agent_id, Agent(agent_id))
        # A queue no longer configured is left out of the profile rather than refused.
        agent.profile = tuple(queue_id for queue_id in queue_ids if queue_id in self._rules)
        self._reindex(agent, skills)

    def agent_skills_changed(self, agent_id: str, skills: Mapping[str, int]) -> None:
        if agent := self._agents.get(agent_id):
            self._reindex(agent, skills)

    def agent_logged_out(self, agent_id: str) -> None:
        if agent := self._agents.pop(agent_id, None):
            self._pools.discard(agent_id)
            for queue_id in agent.eligibility:
                self._serving[queue_id].discard(agent_id)

    def agent_presence(
        self, agent_id: str, available: bool, at: float, offer_id: str | None = None
    ) -> None:
        agent = self._agents.get(agent_id)
        if agent is None:
            return
        if offer_id is not None:
            if agent.held_by == offer_id:
                agent.held_by = None  # agent-state took the offer in: its presence governs
            elif not self._offer_known(offer_id):
                agent.settled_early.add(offer_id)
        if available and not agent.available:
            agent.idle_since = at
            if agent.answered is not None:
                queue_id, answered_at = agent.answered
                self._stats[queue_id].record_handle_time(at - answered_at)
                agent.answered = None
        agent.available = available
        self._refresh(agent)
