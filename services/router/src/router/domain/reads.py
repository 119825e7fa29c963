"""The read side: waiting lines, holds and offers, outcomes, expected waits, queue status."""

from __future__ import annotations

from router.domain.decisions import Outcome
from router.domain.estimates import QueueStatus, WaitEstimate
from router.domain.state import DomainState


class Reads(DomainState):
    def waiting_calls(self, queue_id: str) -> list[str]:
        """The calls waiting in the queue, in service order (transfers to named agents too)."""
        self.check_queue(queue_id)
        return [call.call_id for call in self._lines.calls(queue_id)]

    def agent_is_idle(self, agent_id: str) -> bool:
        agent = self._agents.get(agent_id)
        return agent is not None and agent.idle

    def agent_hold(self, agent_id: str) -> str | None:
        """The offer the agent is held for, if any."""
        agent = self._agents.get(agent_id)
        return agent.held_by if agent is not None else None

    def call_offer(self, call_id: str) -> tuple[str, str] | None:
        """(offer id, agent id) of the call's open offer, if any."""
        call = self._calls.get(call_id)
        if call is None or call.offer_id is None or call.offered_agent_id is None:
            return None
        return call.offer_id, call.offered_agent_id

    def call_priority(self, call_id: str) -> int | None:
        call = self._calls.get(call_id)
        return call.priority if call is not None else None

    def visits(self, call_id: str) -> list[tuple[str, Outcome | None]]:
        """The call's stays in queues, in order, with how each ended (None: still there)."""
        call = self._calls.get(call_id)
        return [(visit.queue_id, visit.outcome) for visit in call.visits] if call else []

    def outcomes(self) -> dict[str, Outcome]:
        """How the last stay in a queue ended, for each known call whose last stay ended."""
        return {
            call_id: outcome
            for call_id, call in self._calls.items()
            if (outcome := call.visits[-1].outcome) is not None
        }

    def estimate_wait(self, queue_id: str, position: int | None, now: float) -> WaitEstimate:
        """Expected wait of a call joining now (position None) or at a position (1 = next).
        Per queue: it counts every call ahead and every agent of the queue, whatever the
        calls' needs, so it is a call without needs of its own that it estimates for."""
        self.check_queue(queue_id)
        if position is None:
            position = self._lines.count(queue_id) + 1
        return self._stats[queue_id].estimate(
            position, self._pools.count(queue_id), len(self._serving[queue_id])
        )

    def queue_status(self, queue_id: str, now: float) -> QueueStatus:
        self.check_queue(queue_id)
        oldest = self._lines.oldest_entry(queue_id)
        return QueueStatus(
            calls_waiting=self._lines.count(queue_id),
            calls_offered=len(self._offered[queue_id]),
            agents_available=self._pools.count(queue_id),
            agents_serving=len(self._serving[queue_id]),
            oldest_wait_s=max(0.0, now - oldest) if oldest is not None else 0.0,
            estimated_wait_s=self.estimate_wait(queue_id, None, now).seconds,
        )
