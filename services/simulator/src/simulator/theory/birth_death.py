"""The number of calls in an M/M/N+M system: a birth-death chain, solved exactly.

Births at the arrival rate; deaths at min(k, N)·mu + max(k - N, 0)·theta. By PASTA an
arrival sees this stationary distribution. The tail past N decays at least geometrically
(super-geometrically with abandonment), so it is cut where it is below 1e-17 of the mode."""

from __future__ import annotations

import math
from dataclasses import dataclass

from simulator.theory.model import QueueModel

_NEGLIGIBLE_LOG = math.log(1e-17)
_MAX_STATES = 1_000_000


@dataclass(frozen=True)
class ArrivalView:
    """What an arrival sees: P(an agent is free), and P(j callers ahead in queue), j >= 0."""

    p_agent_free: float
    p_ahead: tuple[float, ...]


def _death_rate(model: QueueModel, k: int) -> float:
    busy = min(k, model.agents)
    return busy * model.service_rate + (k - busy) * model.abandon_rate


def _log_weights(model: QueueModel) -> list[float]:
    """log of the unnormalized pi_k = prod_{i<=k} lambda / death(i), until negligible."""
    log_lambda = math.log(model.arrival_rate)
    logs = [0.0]
    peak = 0.0
    k = 0
    while True:
        k += 1
        current = logs[-1] + log_lambda - math.log(_death_rate(model, k))
        logs.append(current)
        peak = max(peak, current)
        decreasing = model.arrival_rate < _death_rate(model, k + 1)
        if k > model.agents and decreasing and current - peak < _NEGLIGIBLE_LOG:
            return logs
        if k > _MAX_STATES:
            raise ValueError("arrival_rate: queue too long to solve (over a million states)")


def arrival_view(model: QueueModel) -> ArrivalView:
    logs = _log_weights(model)
    peak = max(logs)
    weights = [math.exp(value - peak) for value in logs]
    total = math.fsum(weights)
    probabilities = [weight / total for weight in weights]
    n = model.agents
    return ArrivalView(p_agent_free=math.fsum(probabilities[:n]), p_ahead=tuple(probabilities[n:]))
