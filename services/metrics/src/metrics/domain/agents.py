"""What the stream knows of one agent: state changes in event-time order, and the
routing profile (the queues the agent serves).

agent-state is the single writer of an agent's events, so its `sequence` orders two
changes of the same millisecond; the event id makes the order total. The time an
agent spends in a state is a span from one change to the next; a span is anchored at
the change that closes it, so a change arriving out of order alters only the spans
from it on (the same rule as a call's facts, see call_walk).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from callcenter.v1.common_pb2 import AgentState
from callcenter.v1.envelope_pb2 import Event
from metrics.domain.times import ms_of
from metrics.domain.views import JsonView

LOGGED_OUT = "LOGGED_OUT"
REASONED_STATES = frozenset({"BREAK", "NOT_READY"})
AgentKey = tuple[int, int, str]


class AgentChange(NamedTuple):
    at: int
    sequence: int
    event_id: str
    state: str  # AgentState name without its prefix: AVAILABLE, BREAK, ...
    reason: str

    @property
    def key(self) -> AgentKey:
        return (self.at, self.sequence, self.event_id)


def state_name(value: int) -> str:
    try:
        return str(AgentState.Name(value)).removeprefix("AGENT_STATE_")
    except ValueError:
        return str(value)


def read_agent_event(event: Event) -> tuple[AgentKey, AgentChange | list[str]] | None:
    """A state change, or the queues of a log-in; None for what metrics does not read."""
    key = (ms_of(event.occurred_at), event.sequence, event.event_id)
    kind = event.WhichOneof("payload")
    if kind == "agent_state_changed":
        change = event.agent_state_changed
        return key, AgentChange(*key, state_name(change.to_state), change.reason_code)
    if kind == "agent_logged_in":
        return key, list(event.agent_logged_in.queue_ids)
    return None


class AgentRecord(JsonView):
    """A view over the agent's JSON in the agents table (nothing is copied)."""

    @classmethod
    def new(cls, tenant_id: str, agent_id: str) -> AgentRecord:
        return cls({"tenant": tenant_id, "agent": agent_id, "profile": None, "changes": []})

    @property
    def tenant_id(self) -> str:
        return self.text("tenant")

    @property
    def agent_id(self) -> str:
        return self.text("agent")

    def changes(self) -> list[AgentChange]:
        return [AgentChange(*row) for row in self.data["changes"]]

    def latest(self) -> AgentChange | None:
        rows = self.data["changes"]
        return AgentChange(*rows[-1]) if rows else None

    @property
    def queues(self) -> list[str]:
        profile = self.data["profile"]
        return list(profile[3]) if profile else []

    def has(self, event_id: str) -> bool:
        profile = self.data["profile"]
        return any(row[2] == event_id for row in self.data["changes"]) or bool(
            profile and profile[2] == event_id
        )

    def has_later_than(self, key: AgentKey) -> bool:
        rows = self.data["changes"]
        return bool(rows) and tuple(rows[-1][:3]) > key

    def settled(self, key: AgentKey, final_before: int) -> bool:
        """The change kept right after `key` is before `final_before`."""
        rows = self.data["changes"]
        following = bisect.bisect_left([tuple(row[:3]) for row in rows], key)
        return following < len(rows) and rows[following][0] < final_before

    def insert(self, change: AgentChange) -> None:
        bisect.insort(self.data["changes"], list(change))

    def set_profile(self, key: AgentKey, queues: list[str]) -> bool:
        """The latest log-in's queues win, whatever the order they arrive in; True if
        these are the latest."""
        profile = self.data["profile"]
        if profile is None or tuple(profile[:3]) < key:
            self.data["profile"] = [*key, queues]
            return True
        return False

    def compact(self, final_before: int) -> bool:
        """Forget changes whose spans are all in final buckets: keep the last change
        before `final_before` (the state then) and every later one. True if any went."""
        rows = self.data["changes"]
        keep_from = bisect.bisect_left([row[0] for row in rows], final_before) - 1
        if keep_from > 0:
            del rows[:keep_from]
        return keep_from > 0


def closed_spans(
    changes: list[AgentChange], since: AgentKey | None
) -> Iterator[tuple[AgentChange, int]]:
    """(change, until) for each state the agent left at `until`, anchored at or after
    `since`; time logged out is no span."""
    for change, following in pairwise(changes):
        if change.state != LOGGED_OUT and (since is None or following.key >= since):
            yield change, following.at


def state_key(change: AgentChange) -> str:
    """What time in this state is counted under: breaks and not-ready by reason."""
    if change.reason and change.state in REASONED_STATES:
        return f"{change.state}/{change.reason}"
    return change.state
