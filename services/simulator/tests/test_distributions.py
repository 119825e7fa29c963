"""Distributions: parsing, means, seeded repeatability."""

from __future__ import annotations

import random
import statistics

import pytest
from pydantic import TypeAdapter, ValidationError

from simulator.distributions import Distribution, Exponential, Fixed, LogNormal, Uniform

PARSE = TypeAdapter(Distribution)


def test_a_bare_number_is_a_fixed_duration() -> None:
    assert PARSE.validate_python(7) == Fixed(value=7)


@pytest.mark.parametrize(
    "raw",
    [
        {"kind": "gamma", "mean": 3},
        {"kind": "exponential", "mean": 0},
        {"kind": "lognormal", "mean": 10},
        {"kind": "uniform", "low": 5, "high": 1},
        {"kind": "fixed", "value": -1},
    ],
)
def test_bad_distributions_are_refused(raw: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        PARSE.validate_python(raw)


@pytest.mark.parametrize(
    ("distribution", "sd"),
    [
        (Exponential(mean=120), 120.0),
        (LogNormal(mean=240, sd=120), 120.0),
        (Uniform(low=10, high=30), 20 / 12**0.5),
        (Fixed(value=5), 0.0),
    ],
)
def test_samples_have_the_stated_mean_and_spread(distribution: Distribution, sd: float) -> None:
    rng = random.Random(1)
    samples = [distribution.sample(rng) for _ in range(40_000)]
    assert statistics.fmean(samples) == pytest.approx(distribution.mean_s, rel=0.03)
    assert statistics.pstdev(samples) == pytest.approx(sd, rel=0.05, abs=1e-9)
    assert min(samples) >= 0


def test_the_same_seed_draws_the_same_values() -> None:
    draw = LogNormal(mean=100, sd=50)
    assert [draw.sample(random.Random(3)) for _ in range(3)] == [
        draw.sample(random.Random(3)) for _ in range(3)
    ]
