"""When callers arrive: a Poisson process per (line, choice) whose rate follows the hour of the
simulated clock, and the clock itself, which runs `time_scale` times faster than real time."""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulator.scenario import HOURS_A_DAY, Choice, Line, Scenario

HOUR_S = 3600.0


@dataclass(frozen=True)
class SimClock:
    """Simulated seconds since midnight <-> real seconds of the event loop."""

    time_scale: float
    start_hour: float
    real_start: float

    def sim_at(self, real: float) -> float:
        return self.start_hour * HOUR_S + (real - self.real_start) * self.time_scale

    def real_at(self, sim: float) -> float:
        return self.real_start + (sim - self.start_hour * HOUR_S) / self.time_scale

    def real_duration(self, sim_duration: float) -> float:
        return sim_duration / self.time_scale


@dataclass(frozen=True)
class Stream:
    """Callers of one line who make one choice: a Poisson process of their own (thinning)."""

    tenant_id: str
    line: Line
    choice: Choice
    hourly_rate_per_s: tuple[float, ...]  # per hour of the day, in calls per simulated second


def streams_of(scenario: Scenario) -> list[Stream]:
    streams = []
    for tenant_id, tenant in scenario.tenants.items():
        for line in tenant.lines:
            for choice in line.choices:
                profile = scenario.hourly(choice.profile or line.profile)
                base = line.rate_per_hour * choice.probability / HOUR_S
                rates = tuple(base * multiplier for multiplier in profile)
                if any(rates):
                    streams.append(Stream(tenant_id, line, choice, rates))
    return streams


def next_arrival(after_s: float, hourly_rate_per_s: tuple[float, ...], rng: random.Random) -> float:
    """The next arrival (simulated seconds since midnight of day 0) of a Poisson process whose
    rate is constant within each hour: an Exp(1) amount of cumulative rate, spent hour by hour."""
    if not any(hourly_rate_per_s):
        raise ValueError("a stream whose rate is 0 at every hour never has an arrival")
    need = rng.expovariate(1.0)
    now = after_s
    while True:
        hour = int(now // HOUR_S)
        rate = hourly_rate_per_s[hour % HOURS_A_DAY]
        hour_end = (hour + 1) * HOUR_S
        if rate > 0 and need <= rate * (hour_end - now):
            return now + need / rate
        need -= rate * (hour_end - now)
        now = hour_end
