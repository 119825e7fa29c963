"""Validation rules that need the tenant's configuration: reason codes, skills, queues,
and the per-queue timers. Each `check_*` raises a DomainError or returns the clean value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

from agent_state.domain import facts as f
from agent_state.domain.errors import InvalidArgument, unknown_code
from agent_state.domain.facts import StateValue
from callcenter.v1 import common_pb2
from chassis.tenants import TenantConfig

DEFAULT_OFFER_TIMEOUT_S = 15.0  # the QueueConfig defaults, for a tenant without queues
DEFAULT_WRAP_UP_MAX_S = 60.0

# States an agent (or a supervisor forcing it) may choose with set_state, from one another.
SELECTABLE = (f.AVAILABLE, f.NOT_READY, f.BREAK)

Skills = Mapping[str, int] | Iterable[common_pb2.Skill]


def allowed_reasons(tenant: TenantConfig, state: StateValue) -> tuple[str, ...]:
    if state == f.NOT_READY:
        return tuple(tenant.not_ready_reasons)
    if state == f.BREAK:
        return tuple(tenant.break_reasons)
    return ()


def check_reason(tenant: TenantConfig, state: StateValue, reason_code: str) -> str:
    """NOT_READY and BREAK need a code from the tenant's list; AVAILABLE takes none."""
    allowed = allowed_reasons(tenant, state)
    if state in (f.NOT_READY, f.BREAK):
        if not reason_code:
            listed = ", ".join(allowed) or "none"
            raise InvalidArgument(
                "reason_code", f"required for {f.state_name(state)}; allowed: {listed}"
            )
        if reason_code not in allowed:
            raise unknown_code("reason_code", reason_code, allowed)
    elif reason_code:
        raise InvalidArgument("reason_code", f"{f.state_name(state)} takes no reason code")
    return reason_code


def check_skills(skills: Skills) -> dict[str, int]:
    """{name: level}, levels 1-10, names non-empty and distinct."""
    if isinstance(skills, Mapping):
        pairs: list[tuple[str, int]] = list(skills.items())
    else:
        messages = cast(Iterable[common_pb2.Skill], skills)
        pairs = [(skill.name, skill.level) for skill in messages]
    checked: dict[str, int] = {}
    for i, (name, level) in enumerate(pairs):
        if not name or not name.strip():
            raise InvalidArgument(f"skills[{i}].name", "required")
        if name in checked:
            raise InvalidArgument(f"skills[{i}].name", f"duplicate skill {name!r}")
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 10:
            raise InvalidArgument(f"skills[{i}].level", f"must be 1-10, got {level!r}")
        checked[name] = level
    return checked


def check_queue_ids(tenant: TenantConfig, queue_ids: Iterable[str]) -> tuple[str, ...]:
    checked: list[str] = []
    for i, queue_id in enumerate(queue_ids):
        if queue_id not in tenant.queues:
            raise InvalidArgument(f"queue_ids[{i}]", f"unknown queue {queue_id!r}")
        if queue_id in checked:
            raise InvalidArgument(f"queue_ids[{i}]", f"duplicate queue {queue_id!r}")
        checked.append(queue_id)
    return tuple(checked)


def check_queue(tenant: TenantConfig, field: str, queue_id: str) -> str:
    if queue_id not in tenant.queues:
        raise InvalidArgument(field, f"unknown queue {queue_id!r}")
    return queue_id


def wrap_up_max_s(tenant: TenantConfig, queue_id: str) -> float:
    """The call's own queue's maximum; an unknown queue: the longest of the tenant's."""
    queue = tenant.queues.get(queue_id)
    if queue is not None:
        return float(queue.wrap_up_max_s)
    maxima = (q.wrap_up_max_s for q in tenant.queues.values())
    return float(max(maxima, default=DEFAULT_WRAP_UP_MAX_S))


def offer_timeout_s(tenant: TenantConfig, queue_id: str) -> float:
    queue = tenant.queues.get(queue_id)
    if queue is not None:
        return float(queue.offer_timeout_s)
    timeouts = (q.offer_timeout_s for q in tenant.queues.values())
    return float(max(timeouts, default=DEFAULT_OFFER_TIMEOUT_S))
