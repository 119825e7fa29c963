"""The routing domain's state, and the changes to it that facts and decisions share."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import count

from chassis.tenants import QueueConfig
from router.domain.agents import Agent, IdlePools
from router.domain.decisions import Callback, Outcome, Reason, UnknownQueue
from router.domain.eligibility import QueueRules, backup_index, eligible_queues
from router.domain.estimates import QueueStats
from router.domain.needs import UNKNOWN_CUSTOMER, Needs
from router.domain.timers import Timers
from router.domain.waiting import Call, CallState, Visit, WaitingLines


class DomainState:
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
        self._vip_reviews: set[str] = set()  # calls whose VIP priority may be due
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
        queue = self._rules[queue_id]
        call.queue_id, call.entered_at, call.step = queue_id, at, 0
        call.arrival = next(self._arrivals)
        call.visits.append(Visit(queue_id))
        call.vip_due = True
        if call.customer is UNKNOWN_CUSTOMER:  # the fast path: nothing to add
            call.needs = call.own_needs
        else:
            call.needs = queue.needs_in_queue(call.own_needs, call.customer)
            self._review_vip(call)
        max_size = queue.config.max_size
        if not admit_when_full and max_size is not None and self._lines.count(queue_id) >= max_size:
            call.state = CallState.REFUSED
            self._refused[call.call_id] = Reason.QUEUE_FULL
        else:
            self._wait(call)

    def _review_vip(self, call: Call) -> None:
        if call.vip_due and self._rules[call.queue_id].vip_priority(call.customer) > call.priority:
            self._vip_reviews.add(call.call_id)

    def _wait(self, call: Call) -> None:
        call.state = CallState.WAITING
        call.epoch += 1
        self._lines.add(call)
        self._dirty_calls.add(call.call_id)
        self._schedule(call)

    def _reline(self, call: Call, priority: int, needs: Needs) -> None:
        """A new priority or new needs: a waiting call moves to its new line and place."""
        waiting = call.state is CallState.WAITING
        if waiting:
            self._lines.remove(call)
        call.priority, call.needs = priority, needs
        if waiting:
            self._lines.add(call)
            self._dirty_calls.add(call.call_id)

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

    def _is_waiting(self, call_id: str, epoch: int) -> bool:
        call = self._calls.get(call_id)
        return call is not None and call.state is CallState.WAITING and call.epoch == epoch
