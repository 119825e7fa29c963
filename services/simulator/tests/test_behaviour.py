"""Callers' and agents' decisions: drawn from their scenario, in real seconds (divided by the
time scale), repeatable with a seed."""

from __future__ import annotations

import random

import pytest

from simulator.behaviour import AgentPlan, plan_caller
from simulator.distributions import Exponential, Fixed
from simulator.scenario import AgentGroup, Breaks, QueueScenario

QUEUE = QueueScenario(talk_time=Fixed(value=120), patience=Fixed(value=60))
GROUP = AgentGroup(
    name="a",
    count=1,
    skills={"support": 5},
    queues=("support",),
    answer_delay=Fixed(value=4),
    no_answer_probability=0.25,
    wrap_up=Fixed(value=20),
    missed_offer_pause=Fixed(value=30),
    breaks=Breaks(every=Fixed(value=3600), length=Fixed(value=600), reasons=("coffee",)),
)


def test_caller_durations_are_divided_by_the_time_scale() -> None:
    plan = plan_caller(QUEUE, 20, random.Random(1))
    assert (plan.talk_s, plan.patience_s) == (6.0, 3.0)
    assert plan.caller_number.startswith("+3361") and len(plan.caller_number) == 12


def test_callers_without_patience_never_hang_up() -> None:
    plan = plan_caller(QueueScenario(talk_time=Exponential(mean=60)), 1, random.Random(1))
    assert plan.patience_s is None


def test_agent_durations_are_divided_by_the_time_scale() -> None:
    plan = AgentPlan(GROUP, 10, random.Random(1))
    assert (plan.ring_s(), plan.wrap_up_s(), plan.missed_offer_pause_s()) == (0.4, 2.0, 3.0)
    assert plan.next_break_at(100.0) == 460.0
    assert plan.break_() == ("coffee", 60.0)


def test_agents_leave_the_configured_share_of_offers_unanswered() -> None:
    plan = AgentPlan(GROUP, 1, random.Random(5))
    answered = sum(plan.answers_offer() for _ in range(20_000))
    assert answered / 20_000 == pytest.approx(0.75, abs=0.01)


def test_agents_without_breaks_never_take_one() -> None:
    plan = AgentPlan(GROUP.model_copy(update={"breaks": None}), 1, random.Random(1))
    assert plan.next_break_at(0.0) is None


def test_the_same_seed_makes_the_same_decisions() -> None:
    def decisions(seed: int) -> list[bool]:
        plan = AgentPlan(GROUP, 1, random.Random(seed))
        return [plan.answers_offer() for _ in range(50)]

    assert decisions(9) == decisions(9)
