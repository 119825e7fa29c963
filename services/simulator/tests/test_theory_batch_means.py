import random

import pytest

from simulator.theory.batch_means import batch_sums, ratio_estimate, t_quantile_975


def test_batches_drop_the_oldest_remainder() -> None:
    assert batch_sums([100, 1, 2, 3, 4], 2) == [3, 7]


def test_a_constant_ratio_has_no_spread() -> None:
    estimate = ratio_estimate([2, 4, 6, 8], [1, 2, 3, 4], 2)
    assert estimate is not None
    assert (estimate.value, estimate.low, estimate.high) == (2, 2, 2)


def test_nothing_to_measure_in_a_batch_gives_no_estimate() -> None:
    assert ratio_estimate([0, 0, 1, 1], [0, 0, 2, 2], 2) is None


def test_bad_batch_counts_are_named() -> None:
    with pytest.raises(ValueError, match="batches"):
        batch_sums([1, 2, 3], 4)
    with pytest.raises(ValueError, match="degrees_of_freedom"):
        t_quantile_975(0)


def test_intervals_cover_the_truth_about_95_percent_of_the_time() -> None:
    """Independent windows of Bernoulli(0.8) answers: the interval of the ratio covers 0.8
    in about 95 % of 400 seeded experiments."""
    rng = random.Random(3)
    covered = 0
    for _ in range(400):
        calls = [rng.randint(20, 60) for _ in range(30)]
        within = [sum(rng.random() < 0.8 for _ in range(n)) for n in calls]
        estimate = ratio_estimate(within, calls, 10)
        assert estimate is not None
        covered += estimate.covers(0.8)
    assert 0.91 <= covered / 400 <= 0.98
