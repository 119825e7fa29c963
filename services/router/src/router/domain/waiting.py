"""Calls as the router sees them, and the lines they wait in.

A queue has lines per overflow step, each sorted in service order (higher priority first,
then the original arrival first_queued_at, then an arrival counter), so an agent eligible from
step e looks at the heads of lines e..last only. At each step, calls without needs of their own
wait in one line, and calls with needs in one line per set of needs: an agent looks at the head
of a needs line only if it meets those needs at that step, so the first call it can serve is
the first in service order among the heads it looks at, whatever the number of calls it cannot
serve. A call for a named agent (a transfer) waits in that agent's own line instead: nobody else
may take it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

from sortedcontainers import SortedList

from router.domain.decisions import Outcome
from router.domain.eligibility import QueueRules
from router.domain.needs import UNKNOWN_CUSTOMER, Customer, Needs, lowered, meets


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
    own_needs: Needs = ()  # from its CallQueued: kept across requeues
    customer: Customer = UNKNOWN_CUSTOMER
    needs: Needs = ()  # in its current queue: its own and its language's
    vip_due: bool = False  # its VIP priority applies (until someone else sets its priority)
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


class StepLines:
    """The lines of one step of a queue: calls without needs, and per set of needs."""

    __slots__ = ("lowered_by", "needing", "plain")

    def __init__(self, lowered_by: int) -> None:
        self.lowered_by = lowered_by
        self.plain = SortedList()
        # needs -> (the needs lowered by this step, the line); only non-empty lines
        self.needing: dict[Needs, tuple[Needs, SortedList]] = {}


class WaitingLines:
    def __init__(self, rules: Mapping[str, QueueRules]) -> None:
        self._steps: dict[str, list[StepLines]] = {
            queue_id: [StepLines(lowered_by) for lowered_by in queue.lowered_by]
            for queue_id, queue in rules.items()
        }
        self._targeted: dict[str, SortedList] = {}
        self._waiting: dict[str, dict[str, Call]] = {queue_id: {} for queue_id in rules}
        # call -> (its line, its key, the call, and the dict holding the line and the line's
        # key there when the line is to go once empty)
        self._entries: dict[str, tuple[SortedList, tuple[Any, ...], Call, Any, Any]] = {}

    def add(self, call: Call) -> None:
        holder: dict[Any, Any] | None = None
        name: Any = None
        if call.target_agent_id is not None:
            holder, name = self._targeted, call.target_agent_id
            line = self._targeted.setdefault(name, SortedList())
        elif not call.needs:
            line = self._steps[call.queue_id][call.step].plain
        else:
            step = self._steps[call.queue_id][call.step]
            holder, name = step.needing, call.needs
            if name not in holder:
                holder[name] = (lowered(name, step.lowered_by), SortedList())
            line = holder[name][1]
        key = call.service_key
        line.add(key)
        self._entries[call.call_id] = (line, key, call, holder, name)
        self._waiting[call.queue_id][call.call_id] = call

    def remove(self, call: Call) -> None:
        line, key, _, holder, name = self._entries.pop(call.call_id)
        line.remove(key)
        if not line and holder is not None:
            del holder[name]  # agents and needs come and go: keep no empty lines
        del self._waiting[call.queue_id][call.call_id]

    def best(self, queue_id: str, first_step: int, skills: Mapping[str, int]) -> Call | None:
        """The first call in service order among those at steps first_step.. whose needs an
        agent with these skills meets."""
        heads = []
        for step in self._steps[queue_id][first_step:]:
            if step.plain:
                heads.append(step.plain[0])
            if step.needing:
                heads.extend(
                    line[0] for needs, line in step.needing.values() if meets(skills, needs)
                )
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
