"""The platform's windows against the theory: each figure as the ratio of its window sums
(docs/metrics.md), in simulated units, with a batch-means 95 % interval."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from simulator.theory import QueueFigures
from simulator.theory.batch_means import Estimate, ratio_estimate

Counts = dict[str, Any]
BUSY_STATES = ("RESERVED", "ON_CALL", "ON_HOLD", "WRAP_UP")


@dataclass(frozen=True)
class Figure:
    name: str
    numerator: Callable[[Counts, float], float]  # (window counts, time scale K)
    denominator: Callable[[Counts], float]
    theory: Callable[[QueueFigures], float]


def _counted(c: Counts) -> float:
    return float(c["offered"] - c["short_abandoned"])


def _busy_s(c: Counts) -> float:
    return float(sum(c["agent_time_s"].get(state, 0.0) for state in BUSY_STATES))


FIGURES = (
    Figure(
        "SL (standard)",
        lambda c, k: c["answered_within_t"],
        _counted,
        lambda f: f.service_level,
    ),
    Figure("abandon rate", lambda c, k: c["abandoned"], _counted, lambda f: f.abandon_rate),
    Figure(
        "ASA (s)",
        lambda c, k: c["answer_wait_ms"] / 1000 * k,  # real ms to simulated seconds
        lambda c: c["answered"],
        lambda f: f.asa_s,
    ),
    Figure(
        "short abandons / offered",
        lambda c, k: c["short_abandoned"],
        lambda c: c["offered"],
        lambda f: f.p_short_abandoned,
    ),
    Figure(  # the platform's: busy / (busy + available); reserved and wrap-up count as busy
        "occupancy",
        lambda c, k: _busy_s(c),
        lambda c: _busy_s(c) + c["agent_time_s"].get("AVAILABLE", 0.0),
        lambda f: f.occupancy,
    ),
)


@dataclass(frozen=True)
class Comparison:
    figure: str
    theory: float
    measured: Estimate | None


def compare(
    windows: Sequence[dict[str, Any]], theory: QueueFigures, time_scale: float, batches: int
) -> list[Comparison]:
    counts = [{**window["counts"], "agent_time_s": window["agent_time_s"]} for window in windows]
    batches = min(batches, len(counts))
    if batches < 2:  # too short a run for an interval
        return [Comparison(figure.name, figure.theory(theory), None) for figure in FIGURES]
    return [
        Comparison(
            figure.name,
            figure.theory(theory),
            ratio_estimate(
                [figure.numerator(c, time_scale) for c in counts],
                [figure.denominator(c) for c in counts],
                batches,
            ),
        )
        for figure in FIGURES
    ]
