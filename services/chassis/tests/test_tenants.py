"""The tenants file: the CRM-driven queue fields (VIP priorities, language skills)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from chassis.tenants import QueueConfig, SkillRequirement, load_tenants, parse_tenants

DEMO = Path(__file__).resolve().parents[3] / "deploy" / "config" / "tenants.yaml"


def queue(**fields: Any) -> QueueConfig:
    return (
        parse_tenants({"tenants": {"acme": {"queues": {"support": fields}}}})
        .tenants["acme"]
        .queues["support"]
    )


def error_of(**fields: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        queue(**fields)
    return str(caught.value)


def test_the_crm_fields_default_to_nothing() -> None:
    config = queue()
    assert (config.vip_priorities, config.language_skills) == ({}, {})


def test_vip_priorities_and_language_skills_are_read_with_keys_in_lower_case() -> None:
    config = queue(
        vip_priorities={"Gold": 50, " platinum": 80},
        language_skills={"FR": {"name": "french", "min_level": 3}, "de": {"name": "german"}},
    )
    assert config.vip_priorities == {"gold": 50, "platinum": 80}
    assert config.language_skills == {
        "fr": SkillRequirement(name="french", min_level=3),
        "de": SkillRequirement(name="german", min_level=1),
    }


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"vip_priorities": {"gold": 101}}, "tenants.acme.queues.support.vip_priorities.gold"),
        ({"vip_priorities": {"gold": -1}}, "tenants.acme.queues.support.vip_priorities.gold"),
        ({"vip_priorities": {" ": 5}}, "tenants.acme.queues.support.vip_priorities"),
        (
            {"language_skills": {"fr": {"name": ""}}},
            "tenants.acme.queues.support.language_skills.fr.name",
        ),
        (
            {"language_skills": {"fr": {"name": "french", "min_level": 11}}},
            "tenants.acme.queues.support.language_skills.fr.min_level",
        ),
        (
            {"language_skills": {"fr": {"name": "french", "level": 2}}},
            "tenants.acme.queues.support.language_skills.fr.level",
        ),
    ],
)
def test_a_bad_crm_field_is_named_with_its_tenant_and_queue(
    fields: dict[str, Any], where: str
) -> None:
    assert where in error_of(**fields)


def test_keys_written_twice_whatever_their_case_are_refused() -> None:
    message = error_of(vip_priorities={"Gold": 50, "gold": 60})
    assert "tenants.acme.queues.support.vip_priorities" in message
    assert "written twice" in message


def test_the_demo_file_configures_vip_priorities_and_language_skills() -> None:
    tenants = load_tenants(DEMO)
    support = tenants.tenants["acme"].queues["support"]
    assert support.vip_priorities == {"gold": 50, "platinum": 80}
    sales = tenants.tenants["globex"].queues["sales"]
    assert set(sales.language_skills) == {"fr", "de", "es"}
