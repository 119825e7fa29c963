"""Decisions: offers, overflows, callbacks and VIP priority raises, due now.

An agent freeing up takes, among its eligible queues in profile order, the first call in service
order it can serve (it meets the call's needs); a call arriving or falling due goes to the best
idle agent by its queue's strategy among those who meet its needs.
"""

from __future__ import annotations

from router.domain.agents import Agent
from router.domain.decisions import (
    Callback,
    Decision,
    Offer,
    Outcome,
    Overflow,
    PriorityRaise,
    Reason,
)
from router.domain.needs import lowered
from router.domain.state import DomainState
from router.domain.waiting import Call, CallState


class Matching(DomainState):
    def decide(self, now: float) -> list[Decision]:
        """Offers, overflows, callbacks and priority raises due now, already applied to the
        domain's state."""
        decisions: list[Decision] = []
        for call_id in self._timers.pop_due(now):
            self._review(self._calls[call_id], now, decisions)
        for call_id, reason in self._refused.items():
            self._send_on(self._calls[call_id], reason, now, decisions)
        self._refused.clear()
        for call_id in sorted(self._callbacks_asked):
            if (call := self._calls.get(call_id)) and call.state is CallState.WAITING:
                self._lines.remove(call)
                self._call_back(call, Reason.CALLER_REQUESTED, decisions)
        self._callbacks_asked.clear()
        decisions.extend(self._callbacks_unqueued.values())
        self._callbacks_unqueued.clear()
        if self._vip_reviews:
            self._raise_vip_priorities(decisions)
        # An agent freeing up looks for a call in its profile's order; the call found goes to
        # the best idle agent by its queue's strategy: that agent, or a better one freed too
        # unless that one has a call of its own to take first (it takes it in its turn).
        agents = [agent for a in self._dirty_agents if (agent := self._agents.get(a))]
        self._dirty_agents.clear()
        for agent in sorted(agents, key=lambda agent: (agent.idle_since, agent.agent_id)):
            while agent.idle and (call := self._best_call_for(agent)):
                better = self._best_agent_for(call) or agent
                if better is not agent and self._best_call_for(better) is not call:
                    better = agent
                self._offer(call, better, now, decisions)
        calls = [call for c in self._dirty_calls if (call := self._calls.get(c))]
        self._dirty_calls.clear()
        for call in sorted(calls, key=lambda call: call.service_key):
            if call.state is CallState.WAITING and (agent := self._best_agent_for(call)):
                self._offer(call, agent, now, decisions)
        return decisions

    def next_wakeup(self) -> float | None:
        """When decide() next has something to do without a new fact (a step, a max wait)."""
        return self._timers.next_due()

    def _review(self, call: Call, now: float, decisions: list[Decision]) -> None:
        """A waiting call's timer fell due: it reached its max wait, or a wider step."""
        queue = self._rules[call.queue_id]
        self._lines.remove(call)
        if queue.waited_too_long(call.entered_at, now):
            self._send_on(call, Reason.MAX_WAIT, now, decisions)
            return
        call.step = queue.step_at(call.entered_at, now)
        self._lines.add(call)
        self._dirty_calls.add(call.call_id)
        self._schedule(call)

    def _send_on(self, call: Call, reason: Reason, now: float, decisions: list[Decision]) -> None:
        config = self._rules[call.queue_id].config
        if config.overflow_queue_id is None:
            self._call_back(call, reason, decisions)
            return
        decisions.append(
            Overflow(
                call.call_id,
                call.queue_id,
                config.overflow_queue_id,
                reason,
                call.priority,
                call.first_queued_at,
                call.own_needs,
            )
        )
        call.visits[-1].outcome = Outcome.OVERFLOWED
        call.target_agent_id = None  # the overflow queue's agents serve it
        # Admitted even when full, so that queues overflowing into each other never loop.
        self._enter(call, config.overflow_queue_id, now, admit_when_full=True)

    def _call_back(self, call: Call, reason: Reason, decisions: list[Decision]) -> None:
        decisions.append(
            Callback(
                call.call_id,
                call.queue_id,
                reason,
                call.priority,
                call.first_queued_at,
                call.callback_number,
            )
        )
        self._close(call, Outcome.CALLBACK)

    def _raise_vip_priorities(self, decisions: list[Decision]) -> None:
        """Calls that entered a queue or whose caller was identified get their VIP priority,
        unless someone else set their priority since (call_priority_changed)."""
        for call_id in sorted(self._vip_reviews):
            call = self._calls.get(call_id)
            if call is None or call.state not in (CallState.WAITING, CallState.OFFERED):
                continue
            priority = self._rules[call.queue_id].vip_priority(call.customer)
            if call.vip_due and priority > call.priority:
                reason = f"vip_tier {call.customer.vip_tier}"
                decisions.append(PriorityRaise(call_id, call.queue_id, priority, reason))
                self._reline(call, priority, call.needs)
        self._vip_reviews.clear()

    def _best_call_for(self, agent: Agent) -> Call | None:
        """The first profile queue with a call the agent can serve wins; then backup queues
        and transfers to the agent, in service order."""
        fallback = self._lines.best_for_agent(agent.agent_id)
        for queue_id, first_step in agent.eligibility.items():
            call = self._lines.best(queue_id, first_step, agent.skills)
            if call is None:
                continue
            if queue_id in agent.profile:
                return call
            if fallback is None or call.service_key < fallback.service_key:
                fallback = call
        return fallback

    def _best_agent_for(self, call: Call) -> Agent | None:
        if call.target_agent_id is not None:
            agent = self._agents.get(call.target_agent_id)
            return agent if agent is not None and agent.idle else None
        if call.needs:
            needs = lowered(call.needs, self._rules[call.queue_id].lowered_by[call.step])
            agent_id = self._pools.best_meeting(call.queue_id, call.step, self._agents, needs)
        else:
            agent_id = self._pools.best(call.queue_id, call.step)
        return self._agents[agent_id] if agent_id is not None else None

    def _offer(self, call: Call, agent: Agent, now: float, decisions: list[Decision]) -> None:
        call.offers_made += 1
        offer_id = f"{call.call_id}/{call.offers_made}"
        expires_at = now + self._rules[call.queue_id].config.offer_timeout_s
        decisions.append(Offer(call.call_id, agent.agent_id, call.queue_id, offer_id, expires_at))
        self._hold(call, agent.agent_id, offer_id)
