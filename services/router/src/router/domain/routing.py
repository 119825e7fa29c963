"""The routing domain: one tenant's queues, calls and agents, and the offers it decides.

Facts are applied as the service consumes them; each is idempotent and facts about calls or
agents the domain does not know are ignored. decide(now) looks only at what changed since the
last call (dirty agents, dirty calls, due timers), matching through indexed pools of idle agents
and lines of waiting calls: a decision costs O(log n), whatever the number of agents and calls.
The domain never reads a clock: times are the callers'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import count

from chassis.tenants import QueueConfig
from router.domain.agents import Agent, IdlePools
from router.domain.decisions import (
    Callback,
    Decision,
    Offer,
    Outcome,
    Overflow,
    Reason,
    UnknownQueue,
)
from router.domain.eligibility import QueueRules, backup_index, eligible_queues
from router.domain.estimates import QueueStats, QueueStatus, WaitEstimate
from router.domain.timers import Timers
from router.domain.waiting import Call, CallState, Visit, WaitingLines


class RoutingDomain:
    def __init__(self, queues: Mapping[str, QueueConfig]) -> None:
        self._rules = {queue_id: QueueRules(config) for queue_id, config in queues.items()}
        self._backups = backup_index(self._rules)
        self._agents: dict[str, Agent] = {}
        self._calls: dict[str, Call] = {}
        self._pools = IdlePools(self._rules)
        self._lines = WaitingLines(self._rules)
        self._timers = Timers(self._is_waiting)
        self._stats = {q: QueueStats(rule.config.wrap_up_max_s) for q, rule in self._rules.items()}
        self._serving: dict[str, set[str]] = {queue_id: set() for queue_id in self._rules}
        self._offered: dict[str, set[str]] = {queue_id: set() for queue_id in self._rules}
        self._refused: dict[str, Reason] = {}  # calls that found their queue full
        self._callbacks_asked: set[str] = set()  # callers who asked to be called back
        self._callbacks_unqueued: dict[str, Callback] = {}  # asked in the menu, never queued
        self._dirty_agents: set[str] = set()
        self._dirty_calls: set[str] = set()
        self._arrivals = count(1)
        self._offers = count(1)  # orders agents for ROUND_ROBIN
        for rule in self._rules.values():
            if rule.config.overflow_queue_id is not None:
                self.check_queue(rule.config.overflow_queue_id)

    def check_queue(self, queue_id: str) -> QueueRules:
        if queue_id not in self._rules:
            raise UnknownQueue(queue_id)
        return self._rules[queue_id]

    # Facts about agents

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

    # Facts about calls

    def call_queued(
        self,
        call_id: str,
        queue_id: str,
        priority: int,
        first_queued_at: float,
        at: float,
        target_agent_id: str | None = None,
        callback_number: str = "",
    ) -> None:
        self.check_queue(queue_id)
        call = self._calls.get(call_id)
        if call is not None and (call.in_queue(queue_id) or self._is_replay(call, queue_id, at)):
            return
        if call is None:
            call = Call(call_id, queue_id, priority, first_queued_at, at, arrival=0)
            self._calls[call_id] = call
        else:
            self._leave(call, Outcome.REQUEUED)
        call.priority, call.first_queued_at = priority, first_queued_at
        call.target_agent_id, call.callback_number = target_agent_id, callback_number
        self._enter(call, queue_id, at)

    def call_priority_changed(self, call_id: str, priority: int) -> None:
        call = self._calls.get(call_id)
        if call is None or call.priority == priority:
            return
        if call.state is CallState.WAITING:
            self._lines.remove(call)
            call.priority = priority
            self._lines.add(call)
        else:
            call.priority = priority  # takes effect if the call waits again

    def callback_requested(
        self, call_id: str, queue_id: str, callback_number: str, at: float
    ) -> None:
        """The caller asked to be called back: the next decide() takes the call out of its
        queue with its place (a Callback). A call being offered is left to its offer; a call
        that never entered a queue (asked in the menu) is called back from `queue_id`, its
        place counted from the request."""
        call = self._calls.get(call_id)
        if call is None:
            self.check_queue(queue_id)
            self._callbacks_unqueued[call_id] = Callback(
                call_id, queue_id, Reason.CALLER_REQUESTED, 0, at, callback_number
            )
        elif call.state is CallState.WAITING:
            self._callbacks_asked.add(call_id)

    def offer_made(self, call_id: str, agent_id: str, offer_id: str, at: float) -> None:
        call = self._calls.get(call_id)
        if call is None or offer_id in call.known_offers or call.state is not CallState.WAITING:
            return
        call.offers_made += 1
        self._hold(call, agent_id, offer_id)

    def offer_failed(self, call_id: str, offer_id: str, taken_in: bool = True) -> None:
        call = self._offered_call(call_id, offer_id)
        if call is not None:
            self._withdraw_offer(call, taken_in)
            self._wait(call)  # its service key is unchanged: back to its place

    def offer_accepted(self, call_id: str, offer_id: str, at: float) -> None:
        call = self._offered_call(call_id, offer_id)
        if call is None:
            return
        self._stats[call.queue_id].record_answer(at - call.first_queued_at)
        if agent := self._agents.get(call.offered_agent_id or ""):
            agent.count_answer(at)
            agent.answered = (call.queue_id, at)
        self._withdraw_offer(call, taken_in=True)
        self._close(call, Outcome.ANSWERED)

    def call_abandoned(self, call_id: str, at: float) -> None:
        call = self._calls.get(call_id)
        if call is not None and call.state is not CallState.DONE:
            self._leave(call, Outcome.ABANDONED)

    def call_ended(self, call_id: str) -> None:
        self._callbacks_unqueued.pop(call_id, None)  # its CallbackScheduled, read back
        call = self._calls.pop(call_id, None)
        if call is not None and call.state is not CallState.DONE:
            self._leave(call, outcome=None)

    # Decisions

    def decide(self, now: float) -> list[Decision]:
        """Offers, overflows and callbacks due now, already applied to the domain's state."""
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
        # An agent freeing up looks for a call in its profile's order; the call found goes to
        # the best idle agent by its queue's strategy: that agent, or a better one freed too.
        agents = [agent for a in self._dirty_agents if (agent := self._agents.get(a))]
        self._dirty_agents.clear()
        for agent in sorted(agents, key=lambda agent: (agent.idle_since, agent.agent_id)):
            while agent.idle and (call := self._best_call_for(agent)):
                self._offer(call, self._best_agent_for(call) or agent, now, decisions)
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
        waited = now - call.entered_at
        self._lines.remove(call)
        if queue.config.max_wait_s is not None and waited >= queue.config.max_wait_s:
            self._send_on(call, Reason.MAX_WAIT, now, decisions)
            return
        call.step = queue.step_after(waited)
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

    def _best_call_for(self, agent: Agent) -> Call | None:
        """The first profile queue with a call for the agent wins; then backup queues and
        transfers to the agent, in service order."""
        fallback = self._lines.best_for_agent(agent.agent_id)
        for queue_id, first_step in agent.eligibility.items():
            call = self._lines.best(queue_id, first_step, self._rules[queue_id].last_step)
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
        agent_id = self._pools.best(call.queue_id, call.step)
        return self._agents[agent_id] if agent_id is not None else None

    def _offer(self, call: Call, agent: Agent, now: float, decisions: list[Decision]) -> None:
        call.offers_made += 1
        offer_id = f"{call.call_id}/{call.offers_made}"
        expires_at = now + self._rules[call.queue_id].config.offer_timeout_s
        decisions.append(Offer(call.call_id, agent.agent_id, call.queue_id, offer_id, expires_at))
        self._hold(call, agent.agent_id, offer_id)

    # State changes shared by facts and decisions

    def _reindex(self, agent: Agent, skills: Mapping[str, int]) -> None:
        for queue_id in agent.eligibility:
            self._serving[queue_id].discard(agent.agent_id)
        agent.skills = dict(skills)
        agent.eligibility = eligible_queues(self._rules, self._backups, skills, agent.profile)
        for queue_id, first_step in agent.eligibility.items():
            if first_step == 0:
                self._serving[queue_id].add(agent.agent_id)
        self._refresh(agent)

    def _refresh(self, agent: Agent) -> None:
        """Idle agents sit in the pools under up-to-date keys, and get looked at by decide()."""
        self._pools.discard(agent.agent_id)
        if agent.idle:
            self._pools.add(agent)
            self._dirty_agents.add(agent.agent_id)

    def _enter(self, call: Call, queue_id: str, at: float, admit_when_full: bool = False) -> None:
        max_size = self._rules[queue_id].config.max_size
        call.queue_id, call.entered_at, call.step = queue_id, at, 0
        call.arrival = next(self._arrivals)
        call.visits.append(Visit(queue_id))
        if not admit_when_full and max_size is not None and self._lines.count(queue_id) >= max_size:
            call.state = CallState.REFUSED
            self._refused[call.call_id] = Reason.QUEUE_FULL
        else:
            self._wait(call)

    def _wait(self, call: Call) -> None:
        call.state = CallState.WAITING
        call.epoch += 1
        self._lines.add(call)
        self._dirty_calls.add(call.call_id)
        self._schedule(call)

    def _schedule(self, call: Call) -> None:
        due = self._rules[call.queue_id].next_due(call.entered_at, call.step)
        if due is not None:
            self._timers.schedule(due, call.call_id, call.epoch)

    def _hold(self, call: Call, agent_id: str, offer_id: str) -> None:
        self._lines.remove(call)
        self._dirty_calls.discard(call.call_id)
        call.state = CallState.OFFERED
        call.epoch += 1
        call.offer_id, call.offered_agent_id = offer_id, agent_id
        call.known_offers.add(offer_id)
        self._offered[call.queue_id].add(call.call_id)
        if agent := self._agents.get(agent_id):
            agent.last_offered[call.queue_id] = next(self._offers)
            if offer_id in agent.settled_early:
                agent.settled_early.discard(offer_id)
            else:
                agent.held_by = offer_id
            self._refresh(agent)

    def _offer_known(self, offer_id: str) -> bool:
        call = self._calls.get(offer_id.rpartition("/")[0])  # offer ids are "call/n"
        return call is not None and offer_id in call.known_offers

    def _withdraw_offer(self, call: Call, taken_in: bool = False) -> None:
        """`taken_in`: agent-state reserved the agent for this offer. Then the agent stays
        held until its presence for the offer arrives (the agents topic may lag the calls
        topic): its last presence, from before the offer, would wrongly say available."""
        self._offered[call.queue_id].discard(call.call_id)
        agent = self._agents.get(call.offered_agent_id or "")
        if agent is not None and agent.held_by == call.offer_id and not taken_in:
            agent.held_by = None
        if agent is not None:
            self._refresh(agent)
        call.offer_id = call.offered_agent_id = None

    def _leave(self, call: Call, outcome: Outcome | None) -> None:
        if call.state is CallState.WAITING:
            self._lines.remove(call)
        elif call.state is CallState.OFFERED:
            self._withdraw_offer(call)
        self._refused.pop(call.call_id, None)
        self._dirty_calls.discard(call.call_id)
        self._close(call, outcome)

    def _close(self, call: Call, outcome: Outcome | None) -> None:
        call.state = CallState.DONE
        call.epoch += 1
        if outcome is not None:
            call.visits[-1].outcome = outcome

    def _offered_call(self, call_id: str, offer_id: str) -> Call | None:
        call = self._calls.get(call_id)
        if call is None or call.state is not CallState.OFFERED or call.offer_id != offer_id:
            return None
        return call

    def _is_replay(self, call: Call, queue_id: str, at: float) -> bool:
        """A call_queued older than the call's current stay (or that stay's own fact, seen
        again after the stay ended) is a replay."""
        return at < call.entered_at or (at == call.entered_at and queue_id == call.queue_id)

    def _is_waiting(self, call_id: str, epoch: int) -> bool:
        call = self._calls.get(call_id)
        return call is not None and call.state is CallState.WAITING and call.epoch == epoch

    # Reads

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
        """Expected wait of a call joining now (position None) or at a position (1 = next)."""
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
