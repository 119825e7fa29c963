"""Calls as the router sees them, and the lines they wait in.

A queue has one line per overflow step, each sorted in service order (higher priority first,
then the original arrival first_queued_at, then an arrival counter), so an agent eligible from
step e looks at the heads of lines e..last only. A call for a named agent (a transfer) waits in
that agent's own line instead: nobody else may take it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

from sortedcontainers import SortedList

from router.domain.decisions import Outcome
from router.domain.eligibility import QueueRules


class CallState(Enum):
    WAITING = auto()
    OFFERED = auto()
    REFUSED = auto()  # arrived at a full queue: decide() sends it on
    DONE = auto()  # its last stay ended (answered, abandoned, callback)


@dataclass(eq=False)
class Visit:
    queue_id: str
    outcome: Outcome | None = None


@dataclass(eq=False)
class Call:
    call_id: str
    queue_id: str
    priority: int
    first_queued_at: float
    entered_at: float  # of this queue: overflow steps and max wait count from here
    arrival: int
    target_agent_id: str | None = None
    callback_number: str = ""
    state: CallState = CallState.WAITING
    step: int = 0
    offer_id: str | None = None
    offered_agent_id: str | None = None
    offers_made: int = 0
    known_offers: set[str] = field(default_factory=set)
    epoch: int = 0  # changes whenever the call starts or stops waiting (see Timers)
    visits: list[Visit] = field(default_factory=list)

    @property
    def service_key(self) -> tuple[Any, ...]:
        return (-self.priority, self.first_queued_at, self.arrival, self.call_id)

    def in_queue(self, queue_id: str) -> bool:
        return self.queue_id == queue_id and self.state is not CallState.DONE


class WaitingLines:
    def __init__(self, rules: Mapping[str, QueueRules]) -> None:
        self._lines: dict[tuple[str, int], SortedList] = {
            (queue_id, step): SortedList()
            for queue_id, queue in rules.items()
            for step in range(queue.last_step + 1)
        }
        self._targeted: dict[str, SortedList] = {}
        self._waiting: dict[str, dict[str, Call]] = {queue_id: {} for queue_id in rules}
        self._entries: dict[str, tuple[SortedList, tuple[Any, ...], Call]] = {}

    def add(self, call: Call) -> None:
        if call.target_agent_id is not None:
            line = self._targeted.setdefault(call.target_agent_id, SortedList())
        else:
            line = self._lines[call.queue_id, call.step]
        key = call.service_key
        line.add(key)
        self._entries[call.call_id] = (line, key, call)
        self._waiting[call.queue_id][call.call_id] = call

    def remove(self, call: Call) -> None:
        line, key, _ = self._entries.pop(call.call_id)
        line.remove(key)
        if not line and call.target_agent_id is not None:
            del self._targeted[call.target_agent_id]  # agents come and go: keep no empty lines
        del self._waiting[call.queue_id][call.call_id]

    def best(self, queue_id: str, first_step: int, last_step: int) -> Call | None:
        """The first call in service order among those at steps first_step..last_step."""
        heads = [
            self._lines[queue_id, step][0]
            for step in range(first_step, last_step + 1)
            if self._lines[queue_id, step]
        ]
        return self._entries[min(heads)[-1]][2] if heads else None

    def best_for_agent(self, agent_id: str) -> Call | None:
        line = self._targeted.get(agent_id)
        return self._entries[line[0][-1]][2] if line else None

    def count(self, queue_id: str) -> int:
        return len(self._waiting[queue_id])

    def calls(self, queue_id: str) -> list[Call]:
        return sorted(self._waiting[queue_id].values(), key=lambda call: call.service_key)

    def oldest_entry(self, queue_id: str) -> float | None:
        """When the longest-waiting call entered the queue (a read: scans that queue's calls)."""
        return min((call.entered_at for call in self._waiting[queue_id].values()), default=None)
