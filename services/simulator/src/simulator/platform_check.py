"""A scenario against the platform's tenants file: the tenants, queues, numbers, skills and
break reasons it names must exist there, or the run would fail call after call."""

from __future__ import annotations

from chassis.tenants import QueueConfig, TenantConfig, Tenants
from simulator.scenario import AgentGroup, Scenario, ScenarioError, TenantScenario


def check_against_platform(scenario: Scenario, tenants: Tenants, source: str = "scenario") -> None:
    problems: list[str] = []
    for tenant_id, tenant in scenario.tenants.items():
        config = tenants.tenant(tenant_id)
        if config is None:
            known = ", ".join(tenants.tenants)
            problems.append(f"tenants.{tenant_id}: not a tenant of the platform (known: {known})")
            continue
        problems += _tenant_problems(f"tenants.{tenant_id}", tenant, config)
    if problems:
        raise ScenarioError("\n".join(f"{source}: {p}" for p in problems))


def _tenant_problems(where: str, tenant: TenantScenario, config: TenantConfig) -> list[str]:
    problems = [
        f"{where}.queues.{queue_id}: the platform's tenant has no such queue "
        f"(known: {', '.join(config.queues)})"
        for queue_id in tenant.queues
        if queue_id not in config.queues
    ]
    for i, line in enumerate(tenant.lines):
        if line.number not in config.numbers:
            problems.append(
                f"{where}.lines[{i}].number: {line.number} is not in the tenant's number plan "
                f"({', '.join(config.numbers) or 'none'})"
            )
    skills = _skills_named(config)
    backups = {step.backup_skill for q in config.queues.values() for step in q.overflow_steps}
    for i, group in enumerate(tenant.agents):
        if not group.queues and not backups & set(group.skills):
            problems.append(
                f"{where}.agents[{i}].queues: empty, and no skill of the group is a backup skill "
                "of an overflow step: it would never get a call"
            )
        problems += [
            f"{where}.agents[{i}].skills.{skill}: unknown skill (the tenant's queues name: "
            f"{', '.join(sorted(skills))})"
            for skill in group.skills
            if skill not in skills
        ]
        if group.breaks:
            problems += [
                f"{where}.agents[{i}].breaks.reasons: {reason!r} is not a break reason of the "
                f"tenant ({', '.join(config.break_reasons)})"
                for reason in group.breaks.reasons
                if reason not in config.break_reasons
            ]
        problems += [
            f"{where}.agents[{i}].queues: the group never meets the skills of queue {queue_id!r}"
            for queue_id in group.queues
            if queue_id in config.queues and not _can_serve(group, config.queues[queue_id])
        ]
    return problems


def _skills_named(config: TenantConfig) -> set[str]:
    names: set[str] = set()
    for queue in config.queues.values():
        names |= {skill.name for skill in queue.required_skills}
        names |= {skill.name for skill in queue.language_skills.values()}
        names |= {step.backup_skill for step in queue.overflow_steps if step.backup_skill}
    return names


def _can_serve(group: AgentGroup, queue: QueueConfig) -> bool:
    """At the queue's widest overflow step: levels lowered, or a backup skill."""
    lowered = max((step.lower_levels_by for step in queue.overflow_steps), default=0)
    if any(step.backup_skill in group.skills for step in queue.overflow_steps):
        return True
    return all(
        group.skills.get(need.name, 0) >= max(1, need.min_level - lowered)
        for need in queue.required_skills
    )
