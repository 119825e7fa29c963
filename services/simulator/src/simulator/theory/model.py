"""The queue a theory describes, the platform's thresholds, and the figures it predicts.

Rates are per second of the clock the caller chooses (simulated seconds in the validation);
every duration below is in that same unit."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class QueueModel:
    """M/M/N+M: Poisson arrivals, exponential handle time and patience, N agents, FCFS.

    `abandon_rate` 0 is infinite patience: M/M/N, Erlang C."""

    arrival_rate: float
    service_rate: float
    agents: int
    abandon_rate: float = 0.0

    def __post_init__(self) -> None:
        for name in ("arrival_rate", "service_rate"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name}: must be a positive number, got {value!r}")
        if not (math.isfinite(self.abandon_rate) and self.abandon_rate >= 0):
            raise ValueError(f"abandon_rate: must be >= 0, got {self.abandon_rate!r}")
        if self.agents < 1:
            raise ValueError(f"agents: must be at least 1, got {self.agents!r}")
        if self.abandon_rate == 0 and self.offered_load >= self.agents:
            raise ValueError(
                f"arrival_rate: offered load {self.offered_load:.3f} >= agents {self.agents}"
                " without abandonment has no steady state"
            )

    @property
    def offered_load(self) -> float:
        """Erlangs: arrival rate times mean handle time."""
        return self.arrival_rate / self.service_rate


@dataclass(frozen=True)
class Thresholds:
    """The platform's thresholds (docs/metrics.md): service level T, short abandon S."""

    service_level_s: float = 20.0
    short_abandon_s: float = 5.0

    def __post_init__(self) -> None:
        if self.service_level_s < 0 or self.short_abandon_s < 0:
            raise ValueError("thresholds: must be >= 0")


@dataclass(frozen=True)
class QueueFigures:
    """Steady-state figures under the platform's definitions (docs/metrics.md), per offer.

    `offered` counts every arrival; a short abandon waited < S, an abandon >= S."""

    p_wait: float  # P(wait > 0): all agents busy on arrival
    p_answered: float
    p_answered_within_t: float  # answered with wait <= T
    p_short_abandoned: float  # abandoned with wait < S
    p_abandoned: float  # abandoned with wait >= S
    p_abandoned_within_t: float  # abandoned (not short) with wait <= T
    asa_s: float  # mean wait of ANSWERED calls
    avg_wait_s: float  # mean wait of all offered calls
    occupancy: float  # carried load / agents

    @property
    def service_level(self) -> float:
        """`standard`: answered within T / (offered - short abandons)."""
        return self.p_answered_within_t / (1.0 - self.p_short_abandoned)

    @property
    def service_level_of_answered(self) -> float:
        return self.p_answered_within_t / self.p_answered

    @property
    def service_level_abandons_within_t_met(self) -> float:
        met = self.p_answered_within_t + self.p_abandoned_within_t
        return met / (1.0 - self.p_short_abandoned)

    @property
    def abandon_rate(self) -> float:
        """Abandoned after S / (offered - short abandons)."""
        return self.p_abandoned / (1.0 - self.p_short_abandoned)
