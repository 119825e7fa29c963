"""The reference: every metric recomputed from the raw event log in one batch pass.

Duplicates are dropped by event id, each call and agent is read in event-time order,
and a window's figures are summed straight from what was observed in it; no bucket,
no watermark, no retraction. The stream must give the same figures for the same log
in any arrival order within the grace period (tests/test_domain_properties.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT, AGGREGATE_TYPE_CALL, Event
from metrics.domain.call_state import IN_IVR, WAITING, LiveStatus
from metrics.domain.config import MetricsConfig
from metrics.domain.contributions import TIME_PREFIX, Contribution
from metrics.domain.live import AgentNow, LiveIndex, LiveSnapshot
from metrics.domain.results import IntervalMetrics, interval_metrics
from metrics.domain.tally import Tally
from metrics.domain.times import SECOND_MS, floor_to
from metrics.reference.agents import AgentReading
from metrics.reference.calls import CallReading


class Reference:
    def __init__(self, events: Iterable[Event], config: MetricsConfig) -> None:
        self.config = config
        seen: set[str] = set()
        calls: dict[tuple[str, str], list[Event]] = defaultdict(list)
        agents: dict[tuple[str, str], list[Event]] = defaultdict(list)
        for event in events:
            if event.event_id in seen:
                continue
            seen.add(event.event_id)
            if event.aggregate_type == AGGREGATE_TYPE_CALL:
                calls[event.tenant_id, event.aggregate_id].append(event)
            elif event.aggregate_type == AGGREGATE_TYPE_AGENT:
                agents[event.tenant_id, event.aggregate_id].append(event)
        self.calls = {key: CallReading(*key, config).read(evs) for key, evs in calls.items()}
        self.agents = {key: AgentReading(key[1]).read(evs) for key, evs in agents.items()}

    def scopes(self, tenant_id: str) -> set[str]:
        scopes = {
            observation.scope
            for (tenant, _), reading in self.calls.items()
            if tenant == tenant_id
            for observation in reading.observations
        }
        agents = {f"agent:{a}" for (tenant, a), r in self.agents.items() if tenant == tenant_id}
        return scopes | (agents | {"tenant"} if agents else set())

    def tally(self, tenant_id: str, scope: str, start: int, end: int, now: int) -> Tally:
        tally = Tally()
        for (tenant, _), reading in self.calls.items():
            for o in reading.observations:
                if tenant == tenant_id and o.scope == scope and start <= o.at < end:
                    contribution = Contribution(o.scope, o.at, o.counts, o.wait, o.abandon)
                    tally.add(contribution, 1, self.config.abandon_list_max)
        for (tenant, agent_id), agent in self.agents.items():
            if tenant == tenant_id and scope in ("tenant", f"agent:{agent_id}"):
                times = {
                    TIME_PREFIX + k: v for k, v in agent.time_in_states(start, end, now).items()
                }
                tally.add(Contribution(scope, start, times), 1, self.config.abandon_list_max)
        return tally

    def window(
        self, tenant_id: str, scope: str, start: int, end: int, now: int, watermark: int
    ) -> IntervalMetrics:
        """The figures of [start, end) as known at `now`, final if `watermark` says so."""
        final_before = floor_to(watermark - self.config.grace_ms, self.config.bucket_ms)
        tally = self.tally(tenant_id, scope, start, end, now)
        return interval_metrics(tenant_id, scope, start, end, end <= final_before, tally)

    def final_windows(self, tenant_id: str, watermark: int) -> list[IntervalMetrics]:
        """Every tumbling window with something in it that is final at `watermark`."""
        final_before = floor_to(watermark - self.config.grace_ms, self.config.bucket_ms)
        first = min(
            (o.at for r in self.calls.values() for o in r.observations),
            default=final_before,
        )
        first = min([first, *(a.changes[0][0] for a in self.agents.values() if a.changes)])
        windows = []
        for size in self.config.tumbling_s:
            size_ms = size * SECOND_MS
            for start in range(floor_to(first, size_ms), final_before - size_ms + 1, size_ms):
                for scope in sorted(self.scopes(tenant_id)):
                    end = start + size_ms
                    window = self.window(tenant_id, scope, start, end, watermark, watermark)
                    if any(window.counts.values()) or window.agent_time_s:
                        windows.append(window)
        return windows

    def live(self, tenant_id: str, now: int) -> LiveSnapshot:
        index = LiveIndex()
        for (tenant, call_id), reading in self.calls.items():
            if tenant == tenant_id and reading.where:
                where = IN_IVR if reading.where == "ivr" else WAITING
                queue_id = reading.queue if where == WAITING else ""
                index.set_call(tenant, call_id, LiveStatus(where, queue_id, reading.since))
        for (tenant, agent_id), agent in self.agents.items():
            state = agent.now()
            if tenant == tenant_id and state is not None:
                index.set_agent(tenant, agent_id, AgentNow(*state, agent.queues))
        return index.snapshot(tenant_id, now)
