"""One caller's wait, from the number of callers ahead of them (M/M/N+M, FCFS).

A caller with i callers ahead moves up at rate N·mu + i·theta (an agent frees up, or one of
those ahead abandons) and abandons at rate theta; from i = 0 the next free agent is theirs.
With j ahead, the products telescope: P(answered) = N·mu / (N·mu + (j+1)·theta), and the
mean wait, answered or not, is (j+1) / (N·mu + (j+1)·theta). An answered caller's wait is
the sum of independent exponentials of rates N·mu + (i+1)·theta, i = 0..j (leaving a state
by moving up or by abandoning does not depend on how long it took).

The distributions over time (answered by T, abandoned by S) come from uniformization of
this small chain, started from what arrivals see: positive terms only, so no cancellation
(closed forms of hypoexponential sums alternate in sign and lose precision)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from simulator.theory.model import QueueModel

_POISSON_TAIL_SIGMAS = 10.0


def absorbed_by(
    model: QueueModel, p_ahead: Sequence[float], times: Sequence[float]
) -> list[tuple[float, float]]:
    """For each time t: (P(answered by t), P(abandoned by t)) of callers who found the
    agents busy, weighted by p_ahead (not normalized: the caller's own share)."""
    n_mu, theta = model.agents * model.service_rate, model.abandon_rate
    advance = [n_mu + i * theta for i in range(len(p_ahead))]
    leave = [rate + theta for rate in advance]
    uniform = leave[-1]
    horizon = max(times, default=0.0) * uniform
    steps = int(horizon + _POISSON_TAIL_SIGMAS * math.sqrt(horizon) + 30)
    stay = [1.0 - rate / uniform for rate in leave]
    move_up = [rate / uniform for rate in advance]
    state = list(p_ahead)
    answered, abandoned = 0.0, 0.0
    results = [[0.0, 0.0] for _ in times]
    for step in range(steps + 1):
        for slot, t in zip(results, times, strict=True):
            weight = _poisson(step, uniform * t)
            slot[0] += weight * answered
            slot[1] += weight * abandoned
        answered += state[0] * move_up[0]
        abandoned += math.fsum(state) * theta / uniform
        last = len(state) - 1
        state = [
            state[i] * stay[i] + (state[i + 1] * move_up[i + 1] if i < last else 0.0)
            for i in range(last + 1)
        ]
    return [(slot[0], slot[1]) for slot in results]


def _poisson(k: int, mean: float) -> float:
    if mean == 0:
        return 1.0 if k == 0 else 0.0
    return math.exp(-mean + k * math.log(mean) - math.lgamma(k + 1))


def answered_share(model: QueueModel, ahead: int) -> float:
    n_mu = model.agents * model.service_rate
    return n_mu / (n_mu + (ahead + 1) * model.abandon_rate)


def mean_wait(model: QueueModel, ahead: int) -> float:
    """Mean wait, answered or abandoned, of a caller who finds `ahead` callers waiting."""
    return (ahead + 1) / (model.agents * model.service_rate + (ahead + 1) * model.abandon_rate)
