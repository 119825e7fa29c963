"""Published closed forms, kept apart from the exact chain so that tests can hold one
against the other.

Erlang C (M/M/N): P(wait) = C(N, A), P(wait > t) = C·e^{-(N·mu - lambda)·t},
ASA = C / (N·mu - lambda) (every caller is answered).

Erlang A (M/M/N+M), from Garnett, Mandelbaum & Reiman, "Designing a call center with
impatient customers", MSOM 4(3), 2002, and Mandelbaum & Zeltyn, "The Palm/Erlang-A queue,
with applications to call centers" (2005), section 4: with the Erlang B blocking
probability E = B(N, A) and A(x, y) = (x·e^y / y^x)·gamma(x, y) (lower incomplete gamma),
    P(W > 0) = A(N·mu/theta, lambda/theta)·E / (1 + (A(...) - 1)·E),
    P(Ab | W > 0) = 1 / (rho·A(...)) + 1 - 1/rho,   rho = lambda / (N·mu),
    E[W] = P(Ab) / theta."""

from __future__ import annotations

import math

from simulator.theory.model import QueueModel

_SERIES_TOLERANCE = 1e-17


def erlang_b(agents: int, load: float) -> float:
    """Blocking probability, by the stable recursion B(n) = A·B(n-1) / (n + A·B(n-1))."""
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = load * blocking / (n + load * blocking)
    return blocking


def erlang_c(agents: int, load: float) -> float:
    """P(wait > 0) in M/M/N, load < agents."""
    blocking = erlang_b(agents, load)
    return agents * blocking / (agents - load * (1.0 - blocking))


def erlang_c_service_level(model: QueueModel, threshold_s: float) -> float:
    gap = model.agents * model.service_rate - model.arrival_rate
    return 1.0 - erlang_c(model.agents, model.offered_load) * math.exp(-gap * threshold_s)


def erlang_c_asa(model: QueueModel) -> float:
    gap = model.agents * model.service_rate - model.arrival_rate
    return erlang_c(model.agents, model.offered_load) / gap


def gmr_a(x: float, y: float) -> float:
    """A(x, y) = (x·e^y / y^x)·gamma(x, y) = sum_k y^k / ((x+1)···(x+k)), by its series."""
    total, term, k = 1.0, 1.0, 0
    while True:
        k += 1
        term *= y / (x + k)
        total += term
        if term < _SERIES_TOLERANCE * total and k > y - x:
            return total


def erlang_a_p_wait(model: QueueModel) -> float:
    a = gmr_a(
        model.agents * model.service_rate / model.abandon_rate,
        model.arrival_rate / model.abandon_rate,
    )
    blocking = erlang_b(model.agents, model.offered_load)
    return a * blocking / (1.0 + (a - 1.0) * blocking)


def erlang_a_p_abandon(model: QueueModel) -> float:
    a = gmr_a(
        model.agents * model.service_rate / model.abandon_rate,
        model.arrival_rate / model.abandon_rate,
    )
    rho = model.offered_load / model.agents
    return (1.0 / (rho * a) + 1.0 - 1.0 / rho) * erlang_a_p_wait(model)
