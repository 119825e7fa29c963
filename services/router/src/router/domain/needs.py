"""What a call needs of the agent who takes it, beyond its queue's rules, and what the CRM
knows of its caller.

A call's own needs come with its CallQueued (required_skills: set by the IVR, kept by the
router's requeues); in each queue the customer's language adds the skill that queue's
language_skills names for it. At overflow step s an agent may take the call only if it meets
the queue's rules at step s and has each need at level >= max(1, min_level - L), L the queue's
lowered_by at step s: the widening of a step lowers the call's needs too, but a backup group
joining at a step must meet them all the same. A transfer to a named agent is exempt (like the
queue's rules, its needs are for whoever the queue picks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Needs = tuple[tuple[str, int], ...]  # (skill, min level): sorted by skill, one per skill


def needs_of(requirements: Iterable[tuple[str, int]]) -> Needs:
    """The canonical form: the higher level of a skill required twice, levels at least 1."""
    levels: dict[str, int] = {}
    for name, level in requirements:
        if name:
            levels[name] = max(levels.get(name, 1), level)
    return tuple(sorted(levels.items()))


def lowered(needs: Needs, by: int) -> Needs:
    return tuple((name, max(1, level - by)) for name, level in needs)


def meets(skills: Mapping[str, int], needs: Needs) -> bool:
    return all(skills.get(name, 0) >= level for name, level in needs)


@dataclass(frozen=True, slots=True)
class Customer:
    """What the CRM's latest identification said of the caller (lower case; "" unknown)."""

    vip_tier: str = ""
    language: str = ""

    @classmethod
    def from_attributes(cls, attributes: Mapping[str, str]) -> Customer:
        return cls(
            vip_tier=attributes.get("vip_tier", "").strip().lower(),
            language=attributes.get("language", "").strip().lower(),
        )


UNKNOWN_CUSTOMER = Customer()
