"""The theory against an independent Monte Carlo of M/M/N+M, counted by the platform's
definitions (docs/metrics.md): short abandons out of the denominator, ASA over answered
calls only. FCFS with abandonment needs no event list: each caller, in arrival order, takes
the earliest free agent if their patience lasts until then; an abandon frees nobody."""

import heapq
import math
import random
from dataclasses import dataclass

import pytest

from simulator.theory import QueueModel, Thresholds, queue_figures


@dataclass
class Tally:
    offered: int = 0
    answered: int = 0
    answered_within_t: int = 0
    short_abandoned: int = 0
    abandoned: int = 0
    answered_wait: float = 0.0


def simulate(model: QueueModel, thresholds: Thresholds, calls: int, seed: int) -> Tally:
    rng = random.Random(seed)
    free_at = [0.0] * model.agents
    tally, now = Tally(), 0.0
    for index in range(calls + calls // 10):
        now += rng.expovariate(model.arrival_rate)
        patience = rng.expovariate(model.abandon_rate) if model.abandon_rate else math.inf
        start = max(now, free_at[0])
        counted = index >= calls // 10  # the first tenth warms the system up
        if start - now <= patience:
            heapq.heapreplace(free_at, start + rng.expovariate(model.service_rate))
        if not counted:
            continue
        tally.offered += 1
        wait = start - now
        if wait <= patience:
            tally.answered += 1
            tally.answered_wait += wait
            tally.answered_within_t += wait <= thresholds.service_level_s
        elif patience < thresholds.short_abandon_s:
            tally.short_abandoned += 1
        else:
            tally.abandoned += 1
    return tally


@pytest.mark.parametrize(
    ("model", "thresholds"),
    [
        (QueueModel(0.2, 1 / 60, 20, 1 / 60), Thresholds(20, 5)),  # light, 0.6
        (QueueModel(0.3, 1 / 60, 20, 1 / 90), Thresholds(20, 5)),  # heavy, 0.9
        (QueueModel(0.4, 1 / 60, 20, 1 / 45), Thresholds(20, 5)),  # overloaded, 1.2
        (QueueModel(0.3, 1 / 60, 20), Thresholds(20, 5)),  # Erlang C, heavy
    ],
    ids=["light", "heavy", "overloaded", "erlang-c-heavy"],
)
def test_theory_matches_monte_carlo(model: QueueModel, thresholds: Thresholds) -> None:
    tally = simulate(model, thresholds, calls=200_000, seed=7)
    theory = queue_figures(model, thresholds)
    counted = tally.offered - tally.short_abandoned
    # Tolerances: a few standard errors of 200,000 correlated calls, checked by hand
    # against other seeds; the theory's own error is below 1e-9.
    assert tally.answered_within_t / counted == pytest.approx(theory.service_level, abs=0.015)
    assert tally.abandoned / counted == pytest.approx(theory.abandon_rate, abs=0.01)
    assert tally.short_abandoned / tally.offered == pytest.approx(
        theory.p_short_abandoned, abs=0.005
    )
    assert tally.answered_wait / tally.answered == pytest.approx(theory.asa_s, rel=0.08, abs=0.1)
