"""Scenario validation: every problem is named by its file and field path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.distributions import Exponential, Fixed
from simulator.scenario import (
    AgentGroup,
    Choice,
    Line,
    QueueScenario,
    Scenario,
    ScenarioError,
    TenantScenario,
    load_scenario,
    parse_scenario,
)

SCENARIOS = Path(__file__).resolve().parents[3] / "deploy" / "scenarios"


def minimal() -> dict[str, Any]:
    return {
        "name": "tiny",
        "tenants": {
            "acme": {
                "queues": {"support": {"talk_time": {"kind": "exponential", "mean": 60}}},
                "lines": [
                    {
                        "number": "+33 9 70 00 00 00",
                        "rate_per_hour": 60,
                        "choices": [{"queue": "support", "digits": ["1", "2"]}],
                    }
                ],
                "agents": [
                    {"name": "a", "count": 2, "skills": {"support": 5}, "queues": ["support"]}
                ],
            }
        },
    }


def problem(raw: dict[str, Any]) -> str:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(raw, "tiny.yaml")
    return str(caught.value)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_shipped_scenarios_load(path: Path) -> None:
    assert load_scenario(path).tenants


def test_a_scenario_built_in_code_equals_the_yaml_one() -> None:
    built = Scenario(
        name="tiny",
        tenants={
            "acme": TenantScenario(
                queues={"support": QueueScenario(talk_time=Exponential(mean=60))},
                lines=(
                    Line(
                        number="+33970000000",
                        rate_per_hour=60,
                        choices=(Choice(queue="support", digits=("1", "2")),),
                    ),
                ),
                agents=(AgentGroup(name="a", count=2, skills={"support": 5}, queues=("support",)),),
            )
        },
    )
    assert built == parse_scenario(minimal())
    assert built.tenants["acme"].agents[0].wrap_up == Fixed(value=0)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda s: s["tenants"]["acme"]["agents"][0].update(count=0),
            "tiny.yaml: tenants.acme.agents[0].count: Input should be greater than or equal to 1",
        ),
        (
            lambda s: s["tenants"]["acme"]["agents"][0].update(queues=["suport"]),
            "tenants.acme: agents[0].queues[0]: unknown queue 'suport'",
        ),
        (
            lambda s: s["tenants"]["acme"]["lines"][0]["choices"][0].update(queue="billing"),
            "tenants.acme: lines[0].choices[0].queue: unknown queue 'billing'",
        ),
        (
            lambda s: s["tenants"]["acme"]["lines"][0]["choices"].append({"queue": "support"}),
            "tenants.acme.lines[0]: choices: probabilities sum to 2, not 1",
        ),
        (
            lambda s: s["tenants"]["acme"]["lines"][0].update(rate_per_hour=-3),
            "tenants.acme.lines[0].rate_per_hour: Input should be greater than 0",
        ),
        (
            lambda s: s["tenants"]["acme"]["lines"][0].update(number="12"),
            "tenants.acme.lines[0].number",
        ),
        (
            lambda s: s["tenants"]["acme"]["lines"][0]["choices"][0].update(digits=["1a"]),
            "tenants.acme.lines[0].choices[0].digits[0]",
        ),
        (
            lambda s: s["tenants"]["acme"]["lines"][0].update(profile="night"),
            "tenants.acme.lines[0].profile: unknown profile 'night'",
        ),
        (
            lambda s: s.update(profiles={"flat": [1] * 23}),
            "profiles.flat: 23 multipliers, expected one per hour (24)",
        ),
        (
            lambda s: s.update(profiles={"never": [0] * 24}),
            "profiles.never: every hour is 0",
        ),
        (
            lambda s: s["tenants"]["acme"]["agents"][0].update(no_answer_probability=1.5),
            "tenants.acme.agents[0].no_answer_probability",
        ),
        (
            lambda s: s["tenants"]["acme"]["queues"]["support"].update(talk_time={"kind": "x"}),
            "tenants.acme.queues.support.talk_time",
        ),
        (lambda s: s.update(time_scale=0), "time_scale: Input should be greater than 0"),
        (lambda s: s.update(extra=1), "extra: Extra inputs are not permitted"),
    ],
)
def test_problems_name_the_file_and_field(edit: Any, expected: str) -> None:
    raw = minimal()
    edit(raw)
    assert expected in problem(raw)


def test_load_names_the_file_of_bad_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("name: [unclosed\n")
    with pytest.raises(ScenarioError, match=r"broken.yaml: not valid YAML"):
        load_scenario(path)
    path.write_text(yaml.safe_dump({**minimal(), "time_scale": -1}))
    with pytest.raises(ScenarioError, match=r"broken.yaml: time_scale"):
        load_scenario(path)
    with pytest.raises(ScenarioError, match=r"missing\.yaml"):
        load_scenario(tmp_path / "missing.yaml")
