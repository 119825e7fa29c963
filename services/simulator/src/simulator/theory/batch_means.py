"""Confidence intervals for the platform's ratio figures by batch means.

The platform publishes tumbling windows with their counts (docs/metrics.md): a figure such
as ASA is a ratio of two sums (answer_wait_ms / answered). Consecutive windows after the
warm-up are grouped into a few batches long enough to be nearly independent (a queue near
saturation remembers for many handle times, so one-minute windows alone are too
correlated); the estimate is the ratio of the totals, and its 95 % interval is Student's
t over the batches' own ratios."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Two-sided 95 % quantiles of Student's t, by degrees of freedom (1..30); 1.96 beyond.
_T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float
    batches: int

    def covers(self, theory: float) -> bool:
        return self.low <= theory <= self.high


def t_quantile_975(degrees_of_freedom: int) -> float:
    if degrees_of_freedom < 1:
        raise ValueError("degrees_of_freedom: at least 1 (two batches)")
    return _T_975[degrees_of_freedom - 1] if degrees_of_freedom <= len(_T_975) else 1.96


def batch_sums(values: Sequence[float], batches: int) -> list[float]:
    """Consecutive values summed into `batches` groups of equal length; the first
    len % batches values (the oldest) are left out so that every batch is as long."""
    if not 2 <= batches <= len(values):
        raise ValueError(f"batches: between 2 and {len(values)} windows, got {batches}")
    size = len(values) // batches
    kept = values[len(values) - size * batches :]
    return [math.fsum(kept[i * size : (i + 1) * size]) for i in range(batches)]


def ratio_estimate(
    numerators: Sequence[float], denominators: Sequence[float], batches: int
) -> Estimate | None:
    """Ratio of the totals, with a 95 % interval; None when some batch has nothing to
    measure (a zero denominator)."""
    if len(numerators) != len(denominators):
        raise ValueError("numerators and denominators: one of each per window")
    tops, bottoms = batch_sums(numerators, batches), batch_sums(denominators, batches)
    if any(bottom <= 0 for bottom in bottoms):
        return None
    value = math.fsum(tops) / math.fsum(bottoms)
    ratios = [top / bottom for top, bottom in zip(tops, bottoms, strict=True)]
    mean = math.fsum(ratios) / batches
    spread = math.sqrt(math.fsum((r - mean) ** 2 for r in ratios) / (batches - 1))
    half_width = t_quantile_975(batches - 1) * spread / math.sqrt(batches)
    return Estimate(value, value - half_width, value + half_width, batches)
