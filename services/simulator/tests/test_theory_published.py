"""The theory against published worked examples and closed forms."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.theory import QueueModel, Thresholds, queue_figures
from simulator.theory.birth_death import arrival_view
from simulator.theory.closed_form import (
    erlang_a_p_abandon,
    erlang_a_p_wait,
    erlang_c,
    erlang_c_asa,
    erlang_c_service_level,
)


def test_erlang_c_published_example() -> None:
    """Call Centre Helper's classic Erlang C example, as published with its answers in the
    pyworkforce README (pypi.org/project/pyworkforce) and the CRAN ErlangC README:
    100 calls per 30 minutes, handle time 180 s, 14 agents, T = 20 s gives traffic 10 Erlangs,
    P(wait) = 0.1741319, service level 0.88835, ASA 7.835937 s, occupancy 0.7142857."""
    model = QueueModel(arrival_rate=100 / 1800, service_rate=1 / 180, agents=14)
    figures = queue_figures(model, Thresholds(service_level_s=20))
    assert model.offered_load == pytest.approx(10)
    assert figures.p_wait == pytest.approx(0.1741319, abs=1e-7)
    assert figures.service_level == pytest.approx(0.88835, abs=1e-5)
    assert figures.asa_s == pytest.approx(7.835937, abs=1e-6)
    assert figures.occupancy == pytest.approx(0.7142857, abs=1e-7)
    assert figures.abandon_rate == pytest.approx(0, abs=1e-12)


@st.composite
def queue_models(draw: st.DrawFn, max_load: float, patience: bool) -> QueueModel:
    """Random M/M/N(+M) models: up to 60 agents, 10 s to 10 min handle times."""
    agents = draw(st.integers(1, 60))
    handle_s = draw(st.floats(10, 600))
    load = draw(st.floats(0.05, max_load))
    theta = 1 / draw(st.floats(5, 1200)) if patience else 0.0
    return QueueModel(agents * load / handle_s, 1 / handle_s, agents, theta)


@settings(max_examples=40, deadline=None)
@given(model=queue_models(max_load=0.97, patience=False), threshold_s=st.floats(0, 120))
def test_without_abandonment_it_is_erlang_c(model: QueueModel, threshold_s: float) -> None:
    figures = queue_figures(model, Thresholds(service_level_s=threshold_s))
    assert figures.p_wait == pytest.approx(erlang_c(model.agents, model.offered_load), rel=1e-9)
    assert figures.service_level == pytest.approx(
        erlang_c_service_level(model, threshold_s), abs=1e-9
    )
    assert figures.asa_s == pytest.approx(erlang_c_asa(model), rel=1e-7)


@settings(max_examples=40, deadline=None)
@given(model=queue_models(max_load=1.6, patience=True))
def test_erlang_a_matches_gmr_closed_forms(model: QueueModel) -> None:
    """P(W > 0) and P(Ab) of Garnett-Mandelbaum-Reiman / Mandelbaum-Zeltyn; the chain's
    P(Ab) is derived differently (per position in queue), so this is a real check."""
    figures = queue_figures(model)
    assert figures.p_wait == pytest.approx(erlang_a_p_wait(model), rel=1e-9)
    p_abandon = figures.p_short_abandoned + figures.p_abandoned
    assert p_abandon == pytest.approx(erlang_a_p_abandon(model), rel=1e-7, abs=1e-12)


def test_erlang_a_tends_to_erlang_c_as_patience_grows() -> None:
    thresholds = Thresholds(service_level_s=20)
    erlang_c_model = QueueModel(0.3, 1 / 60, 20)
    limit = queue_figures(erlang_c_model, thresholds)
    previous_gap = math.inf
    for patience_s in (1e3, 1e5, 1e7):
        model = QueueModel(0.3, 1 / 60, 20, abandon_rate=1 / patience_s)
        figures = queue_figures(model, thresholds)
        gap = abs(figures.service_level - limit.service_level)
        assert gap < previous_gap
        previous_gap = gap
    assert figures.asa_s == pytest.approx(limit.asa_s, rel=1e-4)
    assert figures.abandon_rate == pytest.approx(0, abs=1e-5)


@settings(max_examples=40, deadline=None)
@given(model=queue_models(max_load=1.5, patience=True))
def test_littles_law_and_abandon_rate(model: QueueModel) -> None:
    """Mean queue = lambda · mean wait of all callers; abandons per second = theta · E[queue]."""
    figures = queue_figures(model, Thresholds(short_abandon_s=0))
    mean_queue = math.fsum(j * p for j, p in enumerate(arrival_view(model).p_ahead))
    assert model.arrival_rate * figures.avg_wait_s == pytest.approx(mean_queue, rel=1e-9)
    abandons_per_s = model.arrival_rate * figures.p_abandoned
    assert abandons_per_s == pytest.approx(model.abandon_rate * mean_queue, rel=1e-7, abs=1e-15)


def test_bad_model_names_the_field() -> None:
    with pytest.raises(ValueError, match="agents"):
        QueueModel(1.0, 1.0, 0)
    with pytest.raises(ValueError, match="service_rate"):
        QueueModel(1.0, 0.0, 3)
    with pytest.raises(ValueError, match="arrival_rate"):
        QueueModel(3.0, 1.0, 3)  # load = agents, no abandonment: no steady state
