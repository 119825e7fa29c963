"""What the metrics are measured against: window sizes, grace, thresholds and targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from chassis.tenants import Tenants
from metrics.domain.times import SECOND_MS

DAY_S = 86_400


@dataclass(frozen=True)
class QueueTargets:
    """One queue's service goals (defaults: the industry's 80/20 and a 5 % abandon rate)."""

    service_level_threshold_s: float = 20.0
    service_level_target: float = 0.8
    abandon_rate_target: float = 0.05
    longest_wait_limit_s: float = 120.0

    @property
    def threshold_ms(self) -> int:
        return round(self.service_level_threshold_s * SECOND_MS)


@dataclass(frozen=True)
class MetricsConfig:
    """Sizes are in seconds. Every window is made of whole buckets, so the bucket divides
    each window, and each tumbling window divides a day (windows start on the clock)."""

    bucket_s: int = 60
    tumbling_s: tuple[int, ...] = (900, 1800)
    rolling_s: tuple[int, ...] = (300, 900, 3600)
    grace_s: int = 30
    short_abandon_s: float = 5.0
    ivr_guideline_s: float = 120.0
    abandon_list_max: int = 500
    # An ended call's record is kept this long after its last event, for the wrap-up
    # that follows (bounded by the queue's wrap_up_max_s) and for redeliveries.
    call_retention_s: int = 900
    # A call with no event for this long is dropped even if it never ended: its end was lost.
    idle_call_s: int = 6 * 3600
    # Calls whose walk is kept in memory (a cache: see CallStream).
    remembered_walks: int = 50_000
    default_targets: QueueTargets = QueueTargets()
    queue_targets: Mapping[tuple[str, str], QueueTargets] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.bucket_s <= 0 or self.grace_s < 0 or self.abandon_list_max < 1:
            raise ValueError("bucket_s and abandon_list_max must be positive, grace_s not negative")
        if self.idle_call_s < self.call_retention_s:
            raise ValueError("idle_call_s must not be shorter than call_retention_s")
        for size in (*self.tumbling_s, *self.rolling_s):
            if size <= 0 or size % self.bucket_s:
                raise ValueError(f"window of {size} s is not a whole number of {self.bucket_s} s")
        for size in self.tumbling_s:
            if DAY_S % size:
                raise ValueError(f"tumbling window of {size} s does not divide a day")

    def targets(self, tenant_id: str, queue_id: str) -> QueueTargets:
        return self.queue_targets.get((tenant_id, queue_id), self.default_targets)

    @cached_property  # read for every event
    def bucket_ms(self) -> int:
        return self.bucket_s * SECOND_MS

    @cached_property
    def grace_ms(self) -> int:
        return self.grace_s * SECOND_MS

    @cached_property
    def short_abandon_ms(self) -> int:
        return round(self.short_abandon_s * SECOND_MS)

    @cached_property
    def ivr_guideline_ms(self) -> int:
        return round(self.ivr_guideline_s * SECOND_MS)

    @property
    def retention_ms(self) -> int:
        """How far behind what is final buckets are kept: the longest window."""
        return max((*self.tumbling_s, *self.rolling_s), default=self.bucket_s) * SECOND_MS


def config_from_tenants(tenants: Tenants, **settings: Any) -> MetricsConfig:
    """The service-level threshold and target of every configured queue; the other
    targets, not in the tenants file, keep their defaults."""
    base = MetricsConfig(**settings)
    targets = {
        (tenant.tenant_id, queue.queue_id): replace(
            base.default_targets,
            service_level_threshold_s=queue.service_level_threshold_s,
            service_level_target=queue.service_level_target,
        )
        for tenant in tenants.tenants.values()
        for queue in tenant.queues.values()
    }
    return replace(base, queue_targets=targets)
