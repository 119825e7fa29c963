"""Reading windows: the bucket tallies of a scope merged over [start, end), plus the
time agents are still in their current state up to `now` for buckets not final yet.

Reads never write: a stale longest wait is recomputed for the answer only (it is
stored when its bucket becomes final), so reads may run outside the stream.
"""

from __future__ import annotations

from metrics.domain.agent_stream import AgentStream
from metrics.domain.agents import AgentRecord
from metrics.domain.book import SEP, BucketBook
from metrics.domain.call_stream import CallStream
from metrics.domain.contributions import AGENT_PREFIX, TENANT
from metrics.domain.results import IntervalMetrics, interval_metrics
from metrics.domain.tally import Tally, merged


class WindowReader:
    def __init__(self, book: BucketBook, calls: CallStream, agents: AgentStream) -> None:
        self.book = book
        self.calls = calls
        self.agents = agents

    def metrics(
        self, tenant_id: str, scope: str, start: int, end: int, now: int, final_before: int
    ) -> IntervalMetrics:
        tally = self.tally(tenant_id, scope, start, end, now, final_before)
        final = end <= final_before
        return interval_metrics(tenant_id, scope, start, end, final, tally)

    def tally(
        self, tenant_id: str, scope: str, start: int, end: int, now: int, final_before: int
    ) -> Tally:
        tallies = [
            self._fresh(tenant_id, scope, bucket, tally)
            for bucket, tally in self.book.stored(tenant_id, scope, start, end)
        ]
        still_open = Tally()
        for record in self._agents_in(tenant_id, scope):
            span_end = min(end, now)
            for contribution in self.agents.open_span_contributions(
                record, max(start, final_before), span_end
            ):
                if contribution.scope == scope:
                    still_open.add(contribution, 1, self.book.config.abandon_list_max)
        return merged([*tallies, still_open], self.book.config.abandon_list_max)

    def _fresh(self, tenant_id: str, scope: str, bucket: int, tally: Tally) -> Tally:
        """The tally with its longest wait recomputed if stale (on a copy)."""
        if not tally.stale:
            return tally
        copy = Tally(dict(tally.data))
        end = bucket + self.book.config.bucket_ms
        copy.resolve_longest(self.calls.longest_wait(tenant_id, scope, bucket, end))
        return copy

    def _agents_in(self, tenant_id: str, scope: str) -> list[AgentRecord]:
        if scope == TENANT:
            return self.agents.records(tenant_id)
        if scope.startswith(AGENT_PREFIX):
            agent_id = scope.removeprefix(AGENT_PREFIX)
            data = self.agents.agents.get(tenant_id + SEP + agent_id)
            return [AgentRecord(data)] if data is not None else []
        return []
