"""Erlang A (M/M/N+M) and, with no abandonment, Erlang C: exact steady-state figures under
the platform's definitions (docs/metrics.md), short abandons and thresholds included."""

from __future__ import annotations

import math

from simulator.theory.birth_death import arrival_view
from simulator.theory.model import QueueFigures, QueueModel, Thresholds
from simulator.theory.tagged import absorbed_by, answered_share, mean_wait


def queue_figures(model: QueueModel, thresholds: Thresholds | None = None) -> QueueFigures:
    thresholds = thresholds or Thresholds()
    view = arrival_view(model)
    n_mu, theta = model.agents * model.service_rate, model.abandon_rate
    answered_after_wait = math.fsum(
        p * answered_share(model, j) for j, p in enumerate(view.p_ahead)
    )
    p_answered = view.p_agent_free + answered_after_wait
    # An answered caller's wait sums exponentials of rates n_mu + (i+1)·theta, i = 0..j.
    answered_wait_total, partial_mean = 0.0, 0.0
    for j, p in enumerate(view.p_ahead):
        partial_mean += 1.0 / (n_mu + (j + 1) * theta)
        answered_wait_total += p * answered_share(model, j) * partial_mean
    avg_wait = math.fsum(p * mean_wait(model, j) for j, p in enumerate(view.p_ahead))
    t, s = thresholds.service_level_s, thresholds.short_abandon_s
    (answered_by_t, abandoned_by_t), (_, abandoned_by_s) = absorbed_by(model, view.p_ahead, (t, s))
    p_short = abandoned_by_s
    p_abandoned = 1.0 - p_answered - p_short
    return QueueFigures(
        p_wait=1.0 - view.p_agent_free,
        p_answered=p_answered,
        p_answered_within_t=view.p_agent_free + answered_by_t,
        p_short_abandoned=p_short,
        p_abandoned=max(p_abandoned, 0.0),
        p_abandoned_within_t=max(abandoned_by_t - abandoned_by_s, 0.0),
        asa_s=answered_wait_total / p_answered,
        avg_wait_s=avg_wait,
        occupancy=model.arrival_rate * p_answered / n_mu,
    )
