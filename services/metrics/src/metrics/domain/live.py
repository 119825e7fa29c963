"""Live state: calls waiting and in the IVR, agents by state, per tenant and queue.

An in-memory index derived from the call and agent records (each record says where
its call or agent is now), updated as events are applied and rebuilt from the tables
after a restore; it is not stored itself. Reading it costs one pass over the tenant's
waiting calls and agents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from metrics.domain.agents import LOGGED_OUT, AgentRecord
from metrics.domain.call_state import IN_IVR, LiveStatus
from metrics.domain.times import SECOND_MS

BREAK = "BREAK"
NOT_READY = "NOT_READY"
T = TypeVar("T")


@dataclass(frozen=True)
class AgentNow:
    state: str
    reason: str
    since: int
    queues: tuple[str, ...]

    @classmethod
    def of(cls, record: AgentRecord) -> AgentNow | None:
        latest = record.latest()
        if latest is None or latest.state == LOGGED_OUT:
            return None
        return cls(latest.state, latest.reason, latest.at, tuple(record.queues))


@dataclass(frozen=True)
class Presence:
    """Who is doing what, over a set of agents; waits over a set of calls."""

    calls_waiting: int = 0
    longest_wait_s: float | None = None
    agents_by_state: dict[str, int] = field(default_factory=dict)
    breaks_by_reason: dict[str, int] = field(default_factory=dict)
    not_ready_by_reason: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LiveSnapshot:
    tenant_id: str
    at_ms: int
    calls_in_ivr: int
    longest_in_ivr_s: float | None
    total: Presence
    queues: dict[str, Presence]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _presence(since: list[int], agents: list[AgentNow], at_ms: int) -> Presence:
    reasons = {s: Counter(a.reason for a in agents if a.state == s) for s in (BREAK, NOT_READY)}
    return Presence(
        calls_waiting=len(since),
        longest_wait_s=(at_ms - min(since)) / SECOND_MS if since else None,
        agents_by_state=dict(sorted(Counter(a.state for a in agents).items())),
        breaks_by_reason=dict(sorted(reasons[BREAK].items())),
        not_ready_by_reason=dict(sorted(reasons[NOT_READY].items())),
    )


def _place(where: dict[str, T], key: str, value: T | None) -> None:
    """Where `key` is now; None: nowhere the live state shows."""
    if value is None:
        where.pop(key, None)
    else:
        where[key] = value


class LiveIndex:
    def __init__(self) -> None:
        self.calls: dict[str, dict[str, LiveStatus]] = {}
        self.agents: dict[str, dict[str, AgentNow]] = {}

    def set_call(self, tenant_id: str, call_id: str, status: LiveStatus | None) -> None:
        _place(self.calls.setdefault(tenant_id, {}), call_id, status)

    def set_agent(self, tenant_id: str, agent_id: str, now: AgentNow | None) -> None:
        _place(self.agents.setdefault(tenant_id, {}), agent_id, now)

    def snapshot(self, tenant_id: str, at_ms: int) -> LiveSnapshot:
        statuses = list(self.calls.get(tenant_id, {}).values())
        agents = list(self.agents.get(tenant_id, {}).values())
        in_ivr = [s.since for s in statuses if s.where == IN_IVR]
        waiting = [s for s in statuses if s.where != IN_IVR]
        queue_ids = {s.queue_id for s in waiting} | {q for a in agents for q in a.queues}
        queues = {
            queue_id: _presence(
                [s.since for s in waiting if s.queue_id == queue_id],
                [a for a in agents if queue_id in a.queues],
                at_ms,
            )
            for queue_id in sorted(queue_ids)
        }
        return LiveSnapshot(
            tenant_id=tenant_id,
            at_ms=at_ms,
            calls_in_ivr=len(in_ivr),
            longest_in_ivr_s=(at_ms - min(in_ivr)) / SECOND_MS if in_ivr else None,
            total=_presence([s.since for s in waiting], agents, at_ms),
            queues=queues,
        )
