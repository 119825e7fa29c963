"""Who may take a call of a queue, and when a waiting call's eligibility widens.

A call's overflow step s is how many of its queue's overflow_steps have fallen due (after_s <=
time waited in the queue, counted from when it entered this queue). At step s an agent may take
it when the queue is in the agent's routing profile and the agent has every required skill at
level >= max(1, min_level - L), L the largest lower_levels_by of steps 1..s; or when one of steps
1..s names a backup skill the agent has (any level). Steps only widen, so an agent eligible at
step s stays eligible at every later step: an agent is described per queue by the first step at
which it becomes eligible. A call's own needs come on top of these rules (see needs.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from chassis.tenants import QueueConfig
from router.domain.needs import Customer, Needs, needs_of


class QueueRules:
    """A queue's configuration, precomputed for eligibility checks."""

    def __init__(self, config: QueueConfig) -> None:
        self.config = config
        self.queue_id = config.queue_id
        self.step_times = [step.after_s for step in config.overflow_steps]
        self.last_step = len(self.step_times)
        self.lowered_by = [0]  # per step: the largest lower_levels_by in effect
        for step in config.overflow_steps:
            self.lowered_by.append(max(self.lowered_by[-1], step.lower_levels_by))
        self.backup_steps: dict[str, int] = {}  # backup skill -> first step naming it
        for number, step in enumerate(config.overflow_steps, start=1):
            if step.backup_skill:
                self.backup_steps.setdefault(step.backup_skill, number)
        self.language_needs = {
            language: (skill.name, skill.min_level)
            for language, skill in config.language_skills.items()
        }

    def needs_in_queue(self, own: Needs, customer: Customer) -> Needs:
        """A call's needs here: its own, and the skill this queue names for its language."""
        language_need = self.language_needs.get(customer.language)
        return needs_of((*own, language_need)) if language_need else own

    def vip_priority(self, customer: Customer) -> int:
        """The least priority a call of this customer has here (0: none)."""
        return int(self.config.vip_priorities.get(customer.vip_tier, 0))

    def first_eligible_step(self, skills: Mapping[str, int], in_profile: bool) -> int | None:
        steps = [step for skill, step in self.backup_steps.items() if skills.get(skill, 0) >= 1]
        if in_profile and (by_level := self._first_step_by_level(skills)) is not None:
            steps.append(by_level)
        return min(steps, default=None)

    def _first_step_by_level(self, skills: Mapping[str, int]) -> int | None:
        required = self.config.required_skills
        for step, lowered in enumerate(self.lowered_by):
            if all(skills.get(r.name, 0) >= max(1, r.min_level - lowered) for r in required):
                return step
        return None

    # Dues and the checks when they fall due compute entered_at + a wait alike: with
    # now - entered_at instead, rounding could find a due timer not yet due, forever.

    def step_at(self, entered_at: float, now: float) -> int:
        """The call's step at `now`."""
        return bisect_right([entered_at + after_s for after_s in self.step_times], now)

    def waited_too_long(self, entered_at: float, now: float) -> bool:
        max_wait_s = self.config.max_wait_s
        return max_wait_s is not None and entered_at + max_wait_s <= now

    def next_due(self, entered_at: float, step: int) -> float | None:
        """When the call next needs looking at: its next step or its max wait."""
        dues = [entered_at + self.step_times[step]] if step < self.last_step else []
        if self.config.max_wait_s is not None:
            dues.append(entered_at + self.config.max_wait_s)
        return min(dues, default=None)

    def proficiency(self, skills: Mapping[str, int]) -> int:
        """HIGHEST_PROFICIENCY ranks agents by the sum of their levels on the required skills."""
        return sum(skills.get(r.name, 0) for r in self.config.required_skills)


def backup_index(rules: Mapping[str, QueueRules]) -> dict[str, list[str]]:
    """Backup skill -> queues naming it in a step: agents outside those queues' profiles join."""
    index: dict[str, list[str]] = {}
    for queue_id, queue in rules.items():
        for skill in queue.backup_steps:
            index.setdefault(skill, []).append(queue_id)
    return index


def eligible_queues(
    rules: Mapping[str, QueueRules],
    backups: Mapping[str, list[str]],
    skills: Mapping[str, int],
    profile: Sequence[str],
) -> dict[str, int]:
    """Queue -> first eligible step; the profile's queues first, in order of preference."""
    eligible: dict[str, int] = {}
    for queue_id in profile:
        step = rules[queue_id].first_eligible_step(skills, in_profile=True)
        if step is not None:
            eligible[queue_id] = step
    backup_only = {q for skill in skills for q in backups.get(skill, ()) if q not in eligible}
    for queue_id in sorted(backup_only - set(profile)):
        step = rules[queue_id].first_eligible_step(skills, in_profile=False)
        if step is not None:
            eligible[queue_id] = step
    return eligible
