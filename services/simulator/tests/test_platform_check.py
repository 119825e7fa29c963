"""A scenario against the platform's tenants: unknown tenants, queues, numbers, skills, break
reasons, and agents who could never serve a queue of theirs are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from chassis.tenants import load_tenants, parse_tenants
from simulator.platform_check import check_against_platform
from simulator.scenario import ScenarioError, load_scenario, parse_scenario

ROOT = Path(__file__).resolve().parents[3]
TENANTS = parse_tenants(
    {
        "tenants": {
            "acme": {
                "numbers": {"+33 9 70 00 00 00": "acme-main"},
                "queues": {
                    "support": {
                        "required_skills": [{"name": "support", "min_level": 5}],
                        "overflow_steps": [{"after_s": 30, "backup_skill": "spare"}],
                    },
                },
            }
        }
    }
)


def scenario(**tenant: object) -> dict[str, object]:
    body = {
        "queues": {"support": {"talk_time": 60}},
        "lines": [
            {"number": "+33 9 70 00 00 00", "rate_per_hour": 6, "choices": [{"queue": "support"}]}
        ],
        "agents": [{"name": "a", "count": 1, "skills": {"support": 5}, "queues": ["support"]}],
    }
    return {"name": "s", "tenants": {"acme": {**body, **tenant}}}


def problems(raw: dict[str, object]) -> str:
    with pytest.raises(ScenarioError) as caught:
        check_against_platform(parse_scenario(raw), TENANTS, "s.yaml")
    return str(caught.value)


@pytest.mark.parametrize("path", sorted((ROOT / "deploy" / "scenarios").glob("*.yaml")))
def test_the_shipped_scenarios_fit_the_demo_tenants(path: Path) -> None:
    tenants = load_tenants(ROOT / "deploy" / "config" / "tenants.yaml")
    check_against_platform(load_scenario(path), tenants)


def test_a_fitting_scenario_passes() -> None:
    check_against_platform(parse_scenario(scenario()), TENANTS)


def test_an_unknown_tenant() -> None:
    raw = scenario()
    raw["tenants"] = {"globex": raw["tenants"]["acme"]}  # type: ignore[index]
    assert "s.yaml: tenants.globex: not a tenant of the platform (known: acme)" in problems(raw)


def test_unknown_names_each_named() -> None:
    raw = scenario(
        queues={"support": {"talk_time": 60}, "sales": {"talk_time": 60}},
        lines=[
            {"number": "+33 9 70 00 00 01", "rate_per_hour": 6, "choices": [{"queue": "sales"}]}
        ],
        agents=[
            {
                "name": "a",
                "count": 1,
                "skills": {"support": 2, "suport": 5},
                "queues": ["support"],
                "breaks": {"every": 60, "length": 5, "reasons": ["nap"]},
            },
            {"name": "b", "count": 1, "skills": {"support": 9}, "queues": []},
        ],
    )
    found = problems(raw)
    assert "tenants.acme.queues.sales: the platform's tenant has no such queue" in found
    assert "tenants.acme.lines[0].number: +33970000001 is not in the tenant's number plan" in found
    assert "tenants.acme.agents[0].skills.suport: unknown skill" in found
    assert "tenants.acme.agents[0].breaks.reasons: 'nap' is not a break reason" in found
    assert "agents[0].queues: the group never meets the skills of queue 'support'" in found
    assert "tenants.acme.agents[1].queues: empty, and no skill of the group is a backup" in found


def test_a_backup_group_may_have_no_queues() -> None:
    agents = [{"name": "spare", "count": 1, "skills": {"spare": 1}, "queues": []}]
    check_against_platform(parse_scenario(scenario(agents=agents)), TENANTS)
