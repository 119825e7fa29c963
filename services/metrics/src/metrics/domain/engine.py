"""The streaming side of the metrics: events in, one at a time, in any order within
the grace period and redelivered at will; tallies, live state and final windows out.

All state is in four keyed stores of JSON values (`Tables`: the service's checkpointed
dicts, plain dicts in tests), so a restore from the changelog is a restart of the engine
on the restored tables. No clock is read: event time drives everything, and `now`
is a parameter of `advance` and of the reads.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT, AGGREGATE_TYPE_CALL, Event
from metrics.domain.agent_stream import AgentStream
from metrics.domain.agents import AgentRecord, read_agent_event
from metrics.domain.book import BucketBook
from metrics.domain.call_stream import CallStream
from metrics.domain.call_walk import walk
from metrics.domain.clock import TenantClock
from metrics.domain.config import MetricsConfig
from metrics.domain.facts import Outcome, read_call_fact
from metrics.domain.finality import Finalizer
from metrics.domain.live import AgentNow, LiveIndex, LiveSnapshot
from metrics.domain.reads import WindowReader
from metrics.domain.records import CallRecord
from metrics.domain.results import IntervalMetrics
from metrics.domain.times import SECOND_MS, floor_to, ms_of


@dataclass
class Tables:
    """calls: call id -> CallRecord; agents: tenant SEP agent -> AgentRecord;
    buckets: tenant SEP scope SEP start -> Tally; tenants: tenant -> TenantClock, and
    tenant SEP "scopes" -> the tenant's scopes."""

    calls: MutableMapping[str, Any] = field(default_factory=dict)
    agents: MutableMapping[str, Any] = field(default_factory=dict)
    buckets: MutableMapping[str, Any] = field(default_factory=dict)
    tenants: MutableMapping[str, Any] = field(default_factory=dict)


class Applied(NamedTuple):
    outcome: Outcome
    late: bool = False  # the event was for a bucket already final
    final: tuple[IntervalMetrics, ...] = ()  # windows that became final


class MetricsEngine:
    def __init__(self, config: MetricsConfig, tables: Tables | None = None) -> None:
        self.config = config
        self.tables = tables if tables is not None else Tables()
        self.book = BucketBook(self.tables.buckets, self.tables.tenants, config)
        self.calls = CallStream(self.tables.calls, self.book, config)
        self.agents = AgentStream(self.tables.agents, self.book, config)
        self.reader = WindowReader(self.book, self.calls, self.agents)
        self.live_index = LiveIndex()
        self.finalizer = Finalizer(self.book, self.calls, self.agents, self.reader, self.live_index)
        self._rebuild_live_index()

    def _rebuild_live_index(self) -> None:
        for data in list(self.tables.calls.values()):
            record = CallRecord(data)
            self.live_index.set_call(record.tenant_id, record.call_id, walk(record).status)
        for data in list(self.tables.agents.values()):
            agent = AgentRecord(data)
            self.live_index.set_agent(agent.tenant_id, agent.agent_id, AgentNow.of(agent))

    def clock(self, tenant_id: str) -> TenantClock | None:
        data = self.tables.tenants.get(tenant_id)
        return TenantClock(data) if data is not None else None

    def apply(self, event: Event) -> Applied:
        """One event of the calls or agents topic."""
        tenant_id = event.tenant_id
        if not tenant_id or not event.aggregate_id or not event.HasField("occurred_at"):
            return Applied(Outcome.IGNORED)
        at = ms_of(event.occurred_at)
        clock = self.clock(tenant_id) or TenantClock.starting_at(at, self.config)
        outcome = self._route(event, at, tenant_id, clock)
        late = outcome in (Outcome.APPLIED, Outcome.DROPPED_LATE) and clock.is_late(at)
        if late:
            clock.count_late()
        clock.observe(at)
        final = self.finalizer.run(tenant_id, clock) if clock.finality_due(self.config) else ()
        self.tables.tenants[tenant_id] = clock.to_json()
        return Applied(outcome, late, tuple(final))

    def _route(self, event: Event, at: int, tenant_id: str, clock: TenantClock) -> Outcome:
        subject = event.aggregate_id
        if event.aggregate_type == AGGREGATE_TYPE_CALL and (fact := read_call_fact(event, at)):
            outcome, status = self.calls.apply(tenant_id, subject, fact, clock)
            if outcome is Outcome.APPLIED:
                self.live_index.set_call(tenant_id, subject, status)
            return outcome
        if event.aggregate_type == AGGREGATE_TYPE_AGENT and (item := read_agent_event(event)):
            outcome, record = self.agents.apply(tenant_id, subject, item, clock)
            if record is not None:
                self.live_index.set_agent(tenant_id, subject, AgentNow.of(record))
            return outcome
        return Outcome.IGNORED

    def advance(self, tenant_id: str, now_ms: int) -> list[IntervalMetrics]:
        """Time passed for a quiet tenant: move its watermark to `now_ms` and publish what
        became final. Call it only while caught up with the topics (see docs/metrics.md)."""
        clock = self.clock(tenant_id)
        if clock is None or not clock.observe(now_ms):
            return []
        final = self.finalizer.run(tenant_id, clock)
        self.tables.tenants[tenant_id] = clock.to_json()
        return final

    def _now(self, tenant_id: str, now_ms: int) -> tuple[int, int]:
        """`now` (never before the watermark) and where final buckets end."""
        clock = self.clock(tenant_id)
        if clock is None:
            return now_ms, floor_to(now_ms, self.config.bucket_ms)
        return max(now_ms, clock.watermark), clock.final_before

    def window(
        self, tenant_id: str, scope: str, start_ms: int, end_ms: int, now_ms: int
    ) -> IntervalMetrics:
        """Any span of whole buckets, e.g. a tumbling window, final or still filling."""
        now, final_before = self._now(tenant_id, now_ms)
        return self.reader.metrics(tenant_id, scope, start_ms, end_ms, now, final_before)

    def tumbling(self, tenant_id: str, scope: str, size_s: int, now_ms: int) -> IntervalMetrics:
        """The clock-aligned window of `size_s` that holds `now` (so far)."""
        now, _ = self._now(tenant_id, now_ms)
        start = floor_to(now, size_s * SECOND_MS)
        return self.window(tenant_id, scope, start, start + size_s * SECOND_MS, now)

    def rolling(self, tenant_id: str, scope: str, length_s: int, now_ms: int) -> IntervalMetrics:
        """The last `length_s`: the bucket holding `now` and the whole buckets before it."""
        now, _ = self._now(tenant_id, now_ms)
        end = floor_to(now, self.config.bucket_ms) + self.config.bucket_ms
        return self.window(tenant_id, scope, end - length_s * SECOND_MS, end, now)

    def live(self, tenant_id: str, now_ms: int) -> LiveSnapshot:
        now, _ = self._now(tenant_id, now_ms)
        return self.live_index.snapshot(tenant_id, now)

    def scopes(self, tenant_id: str) -> list[str]:
        return self.book.scopes(tenant_id)
