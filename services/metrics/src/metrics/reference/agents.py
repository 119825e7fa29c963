"""The reference's reading of one agent: state changes sorted, and the time in each
state within a span of time, computed directly from the changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter.v1.common_pb2 import AgentState
from callcenter.v1.envelope_pb2 import Event
from metrics.domain.times import ms_of


@dataclass
class AgentReading:
    agent_id: str
    changes: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    queues: tuple[str, ...] = ()

    def read(self, events: list[Event]) -> AgentReading:
        profile: tuple[int, int, str] | None = None
        for event in events:
            key = (ms_of(event.occurred_at), event.sequence, event.event_id)
            kind = event.WhichOneof("payload")
            if kind == "agent_state_changed":
                change = event.agent_state_changed
                state = AgentState.Name(change.to_state).removeprefix("AGENT_STATE_")
                self.changes.append((*key, state, change.reason_code))
            elif kind == "agent_logged_in" and (profile is None or key > profile):
                profile, self.queues = key, tuple(event.agent_logged_in.queue_ids)
        self.changes.sort()
        return self

    def time_in_states(self, start: int, end: int, now: int) -> dict[str, int]:
        """Milliseconds per state (breaks and not-ready by reason) within [start, end);
        the state the agent is still in counts up to `now`."""
        spent: dict[str, int] = {}
        follows = [change[0] for change in self.changes[1:]] + [now]
        for (at, _, _, state, reason), until in zip(self.changes, follows, strict=True):
            if state == "LOGGED_OUT":
                continue
            name = f"{state}/{reason}" if reason and state in ("BREAK", "NOT_READY") else state
            shared = min(end, until) - max(start, at)
            if shared > 0:
                spent[name] = spent.get(name, 0) + shared
        return spent

    def now(self) -> tuple[str, str, int] | None:
        """State, reason and since, unless logged out (or never seen)."""
        if not self.changes or self.changes[-1][3] == "LOGGED_OUT":
            return None
        at, _, _, state, reason = self.changes[-1]
        return state, reason, at
