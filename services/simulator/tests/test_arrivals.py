"""The arrival process and the simulated clock: counts, time-of-day profiles, scaling."""

from __future__ import annotations

import itertools
import random
import statistics

import pytest

from simulator.arrivals import HOUR_S, SimClock, next_arrival, streams_of
from simulator.distributions import Exponential
from simulator.scenario import Choice, Line, QueueScenario, Scenario, TenantScenario


def arrivals_in(hours: float, rates: tuple[float, ...], seed: int = 7) -> list[float]:
    rng, at, times = random.Random(seed), 0.0, []
    while (at := next_arrival(at, rates, rng)) < hours * HOUR_S:
        times.append(at)
    return times


def test_a_constant_rate_gives_poisson_counts_and_exponential_gaps() -> None:
    rate = 0.05  # calls per second
    times = arrivals_in(100, (rate,) * 24)
    assert len(times) == pytest.approx(rate * 100 * HOUR_S, rel=0.02)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert statistics.fmean(gaps) == pytest.approx(1 / rate, rel=0.02)
    assert statistics.pstdev(gaps) == pytest.approx(1 / rate, rel=0.05)  # exponential: sd = mean


def test_the_hourly_profile_shapes_the_day() -> None:
    rates = tuple(0.1 if 9 <= hour < 12 else 0.0 for hour in range(24))
    times = arrivals_in(24 * 20, rates)  # twenty days
    hours = {int(t // HOUR_S) % 24 for t in times}
    assert hours == {9, 10, 11}
    assert len(times) == pytest.approx(0.1 * 3 * HOUR_S * 20, rel=0.03)


def test_a_stream_that_never_calls_is_refused() -> None:
    with pytest.raises(ValueError, match="never"):
        next_arrival(0.0, (0.0,) * 24, random.Random(1))


def test_the_clock_runs_time_scale_times_faster_from_the_start_hour() -> None:
    clock = SimClock(time_scale=20, start_hour=9, real_start=100.0)
    assert clock.sim_at(100.0) == 9 * HOUR_S
    assert clock.sim_at(103.0) == 9 * HOUR_S + 60
    assert clock.real_at(clock.sim_at(117.5)) == pytest.approx(117.5)
    assert clock.real_duration(60) == 3


def test_scaling_leaves_arrival_counts_per_simulated_hour_unchanged() -> None:
    """A scaled run's arrivals, read on the simulated clock, are the unscaled process."""
    times = arrivals_in(1, (0.2,) * 24, seed=11)
    for scale in (1, 10, 50):
        clock = SimClock(scale, 0, real_start=0.0)
        real = [clock.real_at(t) for t in times]
        assert [clock.sim_at(r) for r in real] == pytest.approx(times)
        assert real[-1] == pytest.approx(times[-1] / scale)


def test_streams_split_a_line_by_its_choices_and_profiles() -> None:
    night = tuple(1.0 if hour < 6 else 0.0 for hour in range(24))
    line = Line(
        number="+33 9 70 00 01 00",
        rate_per_hour=360,
        choices=(
            Choice(queue="a", probability=0.25, digits=("1",)),
            Choice(queue="b", probability=0.75, digits=("2",), profile="night"),
        ),
    )
    queue = QueueScenario(talk_time=Exponential(mean=60))
    tenant = TenantScenario(queues={"a": queue, "b": queue}, lines=(line,))
    scenario = Scenario(name="s", profiles={"night": night}, tenants={"t": tenant})
    a, b = streams_of(scenario)
    assert a.hourly_rate_per_s == pytest.approx((360 * 0.25 / HOUR_S,) * 24)
    assert b.hourly_rate_per_s[0] == pytest.approx(360 * 0.75 / HOUR_S)
    assert b.hourly_rate_per_s[12] == 0
