"""Helpers for the router's tests: small domains, and the eligibility rule computed from
scratch (as docs/routing.md states it), to check the domain's indexes against."""

from __future__ import annotations

from collections.abc import Sequence

from chassis.tenants import QueueConfig, SkillRequirement
from router.domain import Customer, Decision, Offer, RoutingDomain


def queue(queue_id: str, *skills: tuple[str, int], **options: object) -> QueueConfig:
    required = tuple(SkillRequirement(name=name, min_level=level) for name, level in skills)
    return QueueConfig.model_validate(
        {"queue_id": queue_id, "required_skills": required, **options}
    )


def domain(*queues: QueueConfig) -> RoutingDomain:
    return RoutingDomain({q.queue_id: q for q in queues})


def available(
    d: RoutingDomain, agent_id: str, at: float, skills: dict[str, int], queues: Sequence[str]
) -> None:
    d.agent_logged_in(agent_id, skills, queues)
    d.agent_presence(agent_id, True, at)


def offers(decisions: Sequence[Decision]) -> list[tuple[str, str]]:
    return [(d.call_id, d.agent_id) for d in decisions if isinstance(d, Offer)]


def lowered_by(queue: QueueConfig, waited: float) -> int:
    steps = [step for step in queue.overflow_steps if step.after_s <= waited]
    return max((step.lower_levels_by for step in steps), default=0)


def eligible(queue: QueueConfig, waited: float, skills: dict[str, int], profile: list[str]) -> bool:
    """The queue's rules after `waited` seconds in it."""
    steps = [step for step in queue.overflow_steps if step.after_s <= waited]
    lowered = lowered_by(queue, waited)
    by_level = queue.queue_id in profile and all(
        skills.get(r.name, 0) >= max(1, r.min_level - lowered) for r in queue.required_skills
    )
    by_backup = any(step.backup_skill and skills.get(step.backup_skill, 0) >= 1 for step in steps)
    return by_level or by_backup


def meets_needs(
    queue: QueueConfig,
    waited: float,
    skills: dict[str, int],
    needs: Sequence[tuple[str, int]],
    customer: Customer,
) -> bool:
    """The call's own needs and its language's skill in the queue, lowered like the queue's."""
    wanted = list(needs)
    if language := queue.language_skills.get(customer.language):
        wanted.append((language.name, language.min_level))
    lowered = lowered_by(queue, waited)
    return all(skills.get(name, 0) >= max(1, level - lowered) for name, level in wanted)


def may_take(
    queue: QueueConfig,
    waited: float,
    skills: dict[str, int],
    profile: list[str],
    needs: Sequence[tuple[str, int]],
    customer: Customer,
) -> bool:
    """Whether an agent may take a call of the queue (not one for a named agent)."""
    return eligible(queue, waited, skills, profile) and meets_needs(
        queue, waited, skills, needs, customer
    )
