"""The router's view of agents, and pools of idle agents sorted by each queue's strategy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sortedcontainers import SortedList

from chassis.tenants import Strategy
from router.domain.eligibility import QueueRules
from router.domain.needs import Needs, meets

SECONDS_PER_DAY = 86_400


@dataclass(eq=False)
class Agent:
    agent_id: str
    skills: dict[str, int] = field(default_factory=dict)
    profile: tuple[str, ...] = ()
    eligibility: dict[str, int] = field(default_factory=dict)  # see eligible_queues
    available: bool = False  # the last agent_presence
    idle_since: float = 0.0
    held_by: str | None = None  # the offer the router made and agent-state has not settled
    # Offers agent-state settled before the router read them back (the agents topic ran
    # ahead during a replay): held by none of them when they come.
    settled_early: set[str] = field(default_factory=set)
    answered: tuple[str, float] | None = None  # (queue, at): handle time runs until available
    answered_day: int = -1  # UTC day of the calls counted in answered_today
    answered_today: int = 0
    last_offered: dict[str, int] = field(default_factory=dict)  # queue -> offer sequence number

    @property
    def idle(self) -> bool:
        return self.available and self.held_by is None

    def count_answer(self, at: float) -> None:
        day = int(at // SECONDS_PER_DAY)
        if day != self.answered_day:
            self.answered_day, self.answered_today = day, 0
        self.answered_today += 1


def strategy_key(queue: QueueRules, agent: Agent) -> tuple[Any, ...]:
    """Sort key of an agent in a queue's pools: the smallest is offered the next call."""
    tie_break = (agent.idle_since, agent.agent_id)  # longest idle first
    match queue.config.strategy:
        case Strategy.HIGHEST_PROFICIENCY:
            return (-queue.proficiency(agent.skills), *tie_break)
        case Strategy.LEAST_OCCUPIED:
            # An agent whose count is of an earlier day has answered none today: it comes first.
            return (agent.answered_day, agent.answered_today, *tie_break)
        case Strategy.ROUND_ROBIN:
            return (agent.last_offered.get(queue.queue_id, 0), *tie_break)
        case _:
            return tie_break


class IdlePools:
    """Idle agents per (queue, step): an agent first eligible at step e sits in steps e..last."""

    def __init__(self, rules: Mapping[str, QueueRules]) -> None:
        self._rules = rules
        self._pools: dict[tuple[str, int], SortedList] = {
            (queue_id, step): SortedList()
            for queue_id, queue in rules.items()
            for step in range(queue.last_step + 1)
        }
        self._entries: dict[str, list[tuple[SortedList, tuple[Any, ...]]]] = {}

    def add(self, agent: Agent) -> None:
        entries = []
        for queue_id, first_step in agent.eligibility.items():
            queue = self._rules[queue_id]
            key = strategy_key(queue, agent)
            for step in range(first_step, queue.last_step + 1):
                pool = self._pools[queue_id, step]
                pool.add(key)
                entries.append((pool, key))
        self._entries[agent.agent_id] = entries

    def discard(self, agent_id: str) -> None:
        for pool, key in self._entries.pop(agent_id, ()):
            pool.remove(key)

    def best(self, queue_id: str, step: int) -> str | None:
        pool = self._pools[queue_id, step]
        return pool[0][-1] if pool else None

    def best_meeting(
        self, queue_id: str, step: int, agents: Mapping[str, Agent], needs: Needs
    ) -> str | None:
        """The best agent by the queue's strategy who meets the needs: those ahead of it,
        who do not, are skipped one by one."""
        for key in self._pools[queue_id, step]:
            if meets(agents[key[-1]].skills, needs):
                return str(key[-1])
        return None

    def count(self, queue_id: str, step: int = 0) -> int:
        return len(self._pools[queue_id, step])
