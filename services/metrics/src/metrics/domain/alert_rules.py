"""Which alert rules a queue gets from its targets, and the readings they judge: the
service level and abandon rate of a rolling window, the live longest wait."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.domain.alerts import AlertKind, AlertRule
from metrics.domain.config import QueueTargets
from metrics.domain.contributions import Count
from metrics.domain.live import Presence
from metrics.domain.results import IntervalMetrics, ServiceLevel


@dataclass(frozen=True)
class AlertSettings:
    service_level_margin: float = 0.05  # clears at target + 5 points
    abandon_rate_margin: float = 0.01  # clears at target - 1 point
    longest_wait_margin_s: float = 15.0
    clear_after_ms: int = 60_000
    raise_after_ms: int = 0
    # A rate over fewer calls than this is noise: no reading (the alert stays as it is).
    min_calls: int = 10
    service_level_variant: ServiceLevel = ServiceLevel.STANDARD


def rules_for(targets: QueueTargets, settings: AlertSettings) -> tuple[AlertRule, ...]:
    timing = {"clear_after_ms": settings.clear_after_ms, "raise_after_ms": settings.raise_after_ms}
    return (
        AlertRule(
            AlertKind.SERVICE_LEVEL_BELOW_TARGET,
            targets.service_level_target,
            settings.service_level_margin,
            **timing,
        ),
        AlertRule(
            AlertKind.ABANDON_RATE_ABOVE_TARGET,
            targets.abandon_rate_target,
            settings.abandon_rate_margin,
            **timing,
        ),
        AlertRule(
            AlertKind.LONGEST_WAIT_ABOVE_LIMIT,
            targets.longest_wait_limit_s,
            settings.longest_wait_margin_s,
            **timing,
        ),
    )


def readings(
    window: IntervalMetrics, now: Presence | None, settings: AlertSettings
) -> dict[AlertKind, float | None]:
    """The values the rules judge: rates of `window` (a rolling window of the queue) when
    it has enough calls, and the longest wait of the queue's waiting calls (0 if none)."""
    counted = window.counts[Count.OFFERED] - window.counts[Count.SHORT_ABANDONED]
    enough = counted >= settings.min_calls
    longest = now.longest_wait_s if now is not None else None
    return {
        AlertKind.SERVICE_LEVEL_BELOW_TARGET: (
            window.service_level[settings.service_level_variant] if enough else None
        ),
        AlertKind.ABANDON_RATE_ABOVE_TARGET: window.measures["abandon_rate"] if enough else None,
        AlertKind.LONGEST_WAIT_ABOVE_LIMIT: longest if longest is not None else 0.0,
    }
