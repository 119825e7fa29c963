"""The stream engine fed a log event by event, keeping what it published: what the
tests compare with the batch reference, and what a benchmark times."""

from __future__ import annotations

from collections.abc import Iterable

from callcenter.v1.envelope_pb2 import Event
from metrics.domain import IntervalMetrics, MetricsConfig, MetricsEngine


class Replay:
    def __init__(self, config: MetricsConfig, tenant_id: str = "acme") -> None:
        self.engine = MetricsEngine(config)
        self.tenant_id = tenant_id
        self.published: list[IntervalMetrics] = []

    def __call__(self, events: Iterable[Event]) -> Replay:
        for event in events:
            self.published += self.engine.apply(event).final
        return self

    def advance(self, now_ms: int) -> Replay:
        self.published += self.engine.advance(self.tenant_id, now_ms)
        return self

    @property
    def watermark(self) -> int:
        clock = self.engine.clock(self.tenant_id)
        assert clock is not None, "no event of the tenant yet"
        return clock.watermark

    def window(self, scope: str, start: int, minutes: int) -> IntervalMetrics:
        """The figures of a window as known now (final or not)."""
        end = start + minutes * 60_000
        return self.engine.window(self.tenant_id, scope, start, end, self.watermark)

    def final(self, scope: str, start: int, minutes: int) -> IntervalMetrics:
        """The window as it was published (exactly once)."""
        (window,) = [
            w
            for w in self.published
            if (w.scope, w.start_ms, w.end_ms) == (scope, start, start + minutes * 60_000)
        ]
        return window
