"""What happens when a tenant's watermark moves buckets past the grace period: they
become final, the windows they complete are published, old state is let go."""

from __future__ import annotations

from metrics.domain.agent_stream import AgentStream
from metrics.domain.book import BucketBook, bucket_key
from metrics.domain.call_stream import CallStream
from metrics.domain.clock import TenantClock
from metrics.domain.live import LiveIndex
from metrics.domain.reads import WindowReader
from metrics.domain.results import IntervalMetrics
from metrics.domain.times import SECOND_MS


class Finalizer:
    def __init__(
        self,
        book: BucketBook,
        calls: CallStream,
        agents: AgentStream,
        reader: WindowReader,
        live_index: LiveIndex,
    ) -> None:
        self.book = book
        self.calls = calls
        self.agents = agents
        self.reader = reader
        self.live_index = live_index
        self.config = book.config

    def run(self, tenant_id: str, clock: TenantClock) -> list[IntervalMetrics]:
        """Finalize what the watermark allows; the windows published, in order."""
        start, end = clock.final_before, clock.next_final(self.config)
        if end == start:
            return []
        self.agents.credit_open_spans(tenant_id, start, end)
        self._resolve_stale(tenant_id, start, end)
        clock.set_final(end)
        published = [
            self.reader.metrics(tenant_id, scope, window_start, window_end, end, end)
            for window_start, window_end in clock.windows_due(self.config)
            for scope in self.book.scopes(tenant_id)
        ]
        retention = self.config.retention_ms
        self.book.forget(tenant_id, start - retention, end - retention)
        if clock.sweep_due(self.config.call_retention_s * SECOND_MS // 3):
            for call_id in self.calls.expire(tenant_id, clock):
                self.live_index.set_call(tenant_id, call_id, None)
        return [window for window in published if not _empty(window)]

    def _resolve_stale(self, tenant_id: str, start: int, end: int) -> None:
        """Store the recomputed longest wait of final buckets whose longest was taken back."""
        for scope in self.book.scopes(tenant_id):
            for bucket, tally in self.book.stored(tenant_id, scope, start, end):
                if tally.stale:
                    bucket_end = bucket + self.config.bucket_ms
                    tally.resolve_longest(
                        self.calls.longest_wait(tenant_id, scope, bucket, bucket_end)
                    )
                    self.book.buckets[bucket_key(tenant_id, scope, bucket)] = tally.to_json()


def _empty(window: IntervalMetrics) -> bool:
    return not any(window.counts.values()) and not window.agent_time_s and not window.abandons
