"""One tenant's event-time clock: the watermark, what is final, what is published.

The watermark is the latest event time seen for the tenant (or a later `now` the
service passes for a tenant gone quiet). A bucket is final once the watermark is past
its end by the grace period: every event of it that is not late has arrived, its
tally is complete, and it never changes again. An event for a final bucket is late.
A tumbling window is published once all its buckets are final.

JSON: {"w": watermark ms, "final": buckets starting before this are final,
"late": late events counted, "pub": {window size s: start of the next window to publish},
"sweep": when to look for calls to forget next}
"""

from __future__ import annotations

from metrics.domain.config import MetricsConfig
from metrics.domain.times import SECOND_MS, floor_to
from metrics.domain.views import JsonView


class TenantClock(JsonView):
    @classmethod
    def starting_at(cls, at_ms: int, config: MetricsConfig) -> TenantClock:
        """The clock of a tenant first seen at `at_ms`: what is final by then has no
        event of it, and the first window published is the one open then."""
        final = _final_before(at_ms, config)
        published = {str(size): floor_to(final, size * SECOND_MS) for size in config.tumbling_s}
        return cls({"w": at_ms, "final": final, "late": 0, "pub": published, "sweep": final})

    # Read for every event: the stored values are ints already (no conversion).
    @property
    def watermark(self) -> int:
        watermark: int = self.data["w"]
        return watermark

    @property
    def final_before(self) -> int:
        final: int = self.data["final"]
        return final

    @property
    def late_events(self) -> int:
        return self.number("late")

    def is_late(self, at_ms: int) -> bool:
        return at_ms < self.data["final"]

    def count_late(self) -> None:
        self.data["late"] += 1

    def observe(self, at_ms: int) -> bool:
        """Move the watermark up to `at_ms`; True when it moved."""
        if at_ms <= self.data["w"]:
            return False
        self.data["w"] = at_ms
        return True

    def finality_due(self, config: MetricsConfig) -> bool:
        """The watermark is past another bucket's end by the grace period (cheap: asked
        for every event)."""
        return self.data["w"] - config.grace_ms >= self.data["final"] + config.bucket_ms

    def next_final(self, config: MetricsConfig) -> int:
        return max(self.final_before, _final_before(self.watermark, config))

    def set_final(self, final_before: int) -> None:
        self.data["final"] = final_before

    def sweep_due(self, every_ms: int) -> bool:
        """True (and the next sweep scheduled) when it is time to look for old calls:
        a scan of the calls, so done every few minutes of event time, not every bucket."""
        if self.final_before < self.data["sweep"]:
            return False
        self.data["sweep"] = self.final_before + every_ms
        return True

    def windows_due(self, config: MetricsConfig) -> list[tuple[int, int]]:
        """(start, end) of every tumbling window now final and not yet published, marked
        published."""
        due = []
        for size in config.tumbling_s:
            size_ms = size * SECOND_MS
            start = int(self.data["pub"][str(size)])
            while start + size_ms <= self.final_before:
                due.append((start, start + size_ms))
                start += size_ms
            self.data["pub"][str(size)] = start
        return due


def _final_before(watermark: int, config: MetricsConfig) -> int:
    """Buckets that start before this are final: they end at or before it, and the
    watermark is at least the grace period past it."""
    return floor_to(watermark - config.grace_ms, config.bucket_ms)
