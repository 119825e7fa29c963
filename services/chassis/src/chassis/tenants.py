"""Tenant configuration shared by services: queues and reason codes, from one YAML file.

The file (`TENANTS_CONFIG`, default: the demo file shipped in deploy/) is read once at
start-up and validated as a whole; an error names the tenant, queue and field.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chassis.phones import to_e164

Level = Annotated[int, Field(ge=1, le=10)]
Priority = Annotated[int, Field(ge=0, le=100)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Strategy(StrEnum):
    LONGEST_IDLE = "longest_idle"
    HIGHEST_PROFICIENCY = "highest_proficiency"
    LEAST_OCCUPIED = "least_occupied"  # fewest calls answered today
    ROUND_ROBIN = "round_robin"


class SkillRequirement(_Frozen):
    name: str = Field(min_length=1)
    min_level: Level = 1


class OverflowStep(_Frozen):
    """After `after_s` of waiting, widen who may take the call."""

    after_s: float = Field(gt=0)
    lower_levels_by: int = Field(default=0, ge=0, le=9)  # minimum proficiency drops (floor 1)
    backup_skill: str | None = None  # agents with this skill join (the backup group)


class QueueConfig(_Frozen):
    queue_id: str = Field(min_length=1)
    required_skills: tuple[SkillRequirement, ...] = ()
    strategy: Strategy = Strategy.LONGEST_IDLE
    service_level_threshold_s: float = Field(default=20.0, gt=0)
    service_level_target: float = Field(default=0.8, gt=0, le=1)
    max_size: int | None = Field(default=None, ge=1)
    max_wait_s: float | None = Field(default=None, gt=0)
    overflow_steps: tuple[OverflowStep, ...] = ()
    overflow_queue_id: str | None = None  # full or too slow: go there; unset: offer a callback
    offer_timeout_s: float = Field(default=15.0, gt=0)
    wrap_up_max_s: float = Field(default=60.0, gt=0)
    # From the CRM (CustomerIdentified attributes), matched without regard to case:
    # vip_tier -> the least priority a call of such a customer has in this queue;
    # language -> the skill a call of a customer speaking it needs in this queue.
    vip_priorities: dict[str, Priority] = Field(default_factory=dict)
    language_skills: dict[str, SkillRequirement] = Field(default_factory=dict)

    @field_validator("vip_priorities", "language_skills")
    @classmethod
    def _keys_in_lower_case(cls, mapping: dict[str, Any]) -> dict[str, Any]:
        normalised = {key.strip().lower(): value for key, value in mapping.items()}
        if "" in normalised:
            raise ValueError("an empty key")
        if len(normalised) < len(mapping):
            raise ValueError("the same key is written twice (keys ignore case)")
        return normalised

    @model_validator(mode="after")
    def check_steps_in_order(self) -> QueueConfig:
        waits = [step.after_s for step in self.overflow_steps]
        if waits != sorted(set(waits)):
            raise ValueError("overflow_steps: after_s must be strictly increasing")
        return self


def _e164(raw: str) -> str:
    try:
        return to_e164(raw)
    except ValueError as exc:
        raise ValueError(f"{raw!r}: {exc}") from None


class TenantConfig(_Frozen):
    tenant_id: str = Field(min_length=1)
    queues: dict[str, QueueConfig] = Field(default_factory=dict)
    # The number plan: dialed number (any international form, kept as E.164) -> the IVR
    # flow a call to it enters.
    numbers: dict[str, str] = Field(default_factory=dict)
    not_ready_reasons: tuple[str, ...] = ("missed_offer", "meeting", "training", "other")
    break_reasons: tuple[str, ...] = ("lunch", "coffee", "personal")

    @field_validator("numbers")
    @classmethod
    def _numbers_in_e164(cls, numbers: dict[str, str]) -> dict[str, str]:
        normalised = {_e164(number): flow_id for number, flow_id in numbers.items()}
        if len(normalised) < len(numbers):
            raise ValueError("the same number is written twice")
        return normalised

    @model_validator(mode="after")
    def check_queue_references(self) -> TenantConfig:
        for key, queue in self.queues.items():
            if key != queue.queue_id:
                raise ValueError(f"queues.{key}: queue_id is {queue.queue_id!r}, expected {key!r}")
            if queue.overflow_queue_id and queue.overflow_queue_id not in self.queues:
                raise ValueError(
                    f"queues.{key}.overflow_queue_id: unknown queue {queue.overflow_queue_id!r}"
                )
        return self


class Tenants(_Frozen):
    tenants: dict[str, TenantConfig]

    @model_validator(mode="after")
    def check_numbers_unique(self) -> Tenants:
        owners: dict[str, str] = {}
        for tenant in self.tenants.values():
            for number in tenant.numbers:
                if (other := owners.setdefault(number, tenant.tenant_id)) != tenant.tenant_id:
                    raise ValueError(
                        f"{tenant.tenant_id}.numbers: {number} already belongs to tenant {other!r}"
                    )
        return self

    def tenant(self, tenant_id: str) -> TenantConfig | None:
        return self.tenants.get(tenant_id)

    def entry_for(self, dialed_number: str) -> tuple[TenantConfig, str] | None:
        """The tenant a dialed number (E.164) belongs to, and the flow its calls enter."""
        for tenant in self.tenants.values():
            if (flow_id := tenant.numbers.get(dialed_number)) is not None:
                return tenant, flow_id
        return None


def parse_tenants(raw: dict[str, Any]) -> Tenants:
    """The YAML document's shape: tenants: {id: {queues: {id: {...}}, ...}}."""
    tenants = {}
    for tenant_id, body in (raw.get("tenants") or {}).items():
        body = dict(body or {})
        queues = {
            queue_id: {"queue_id": queue_id, **(queue or {})}
            for queue_id, queue in (body.pop("queues", None) or {}).items()
        }
        tenants[tenant_id] = {"tenant_id": tenant_id, "queues": queues, **body}
    return Tenants.model_validate({"tenants": tenants})


def load_tenants(path: Path) -> Tenants:
    return parse_tenants(yaml.safe_load(path.read_text()) or {})
