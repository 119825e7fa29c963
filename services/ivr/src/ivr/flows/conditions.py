"""The nodes that decide without speaking: conditions and set_attributes.

Conditions read the caller's collected attributes and the live status of queues, which the
router provides through a lookup when the call reaches the node.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator, model_validator

from chassis.tenants import SkillRequirement
from ivr.flows.nodes import Frozen, Priority


@dataclass(frozen=True, slots=True)
class QueueStatus:
    queue_id: str
    estimated_wait_seconds: float
    position: int | None  # the call's place in line (1 = next); None when it is not queued there
    agents_available: int


QueueStatusLookup = Callable[[str], QueueStatus]


class Condition(Frozen):
    """One test: on an attribute (equals, in or present) or on a queue (wait or agents)."""

    attribute: str | None = None
    equals: str | None = None
    in_: tuple[str, ...] | None = Field(default=None, alias="in")
    present: bool | None = None
    queue: str | None = None
    estimated_wait_over_seconds: float | None = Field(default=None, ge=0)
    agents_available_at_most: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def check_one_test(self) -> Condition:
        if (self.attribute is None) == (self.queue is None):
            raise ValueError("give either attribute or queue")
        on_attribute = {"equals": self.equals, "in": self.in_, "present": self.present}
        on_queue = {
            "estimated_wait_over_seconds": self.estimated_wait_over_seconds,
            "agents_available_at_most": self.agents_available_at_most,
        }
        tests, others = (on_attribute, on_queue) if self.attribute else (on_queue, on_attribute)
        given = [name for name, test in tests.items() if test is not None]
        if len(given) != 1 or any(test is not None for test in others.values()):
            raise ValueError(f"give exactly one test of {', '.join(tests)}")
        return self

    def holds(self, attributes: Mapping[str, str], queue_status: QueueStatusLookup) -> bool:
        if self.attribute is not None:
            value = attributes.get(self.attribute)
            if self.present is not None:
                return (value is not None) == self.present
            if self.equals is not None:
                return value == self.equals
            return value in (self.in_ or ())
        status = queue_status(self.queue or "")
        if self.estimated_wait_over_seconds is not None:
            return status.estimated_wait_seconds > self.estimated_wait_over_seconds
        return status.agents_available <= (self.agents_available_at_most or 0)


class Branch(Frozen):
    when: Condition
    next: str


class ConditionNode(Frozen):
    type: Literal["condition"]
    branches: tuple[Branch, ...]
    otherwise: str

    @field_validator("branches")
    @classmethod
    def check_some_branch(cls, branches: tuple[Branch, ...]) -> tuple[Branch, ...]:
        # Not min_length: pydantic would add a length error to any error inside a branch.
        if not branches:
            raise ValueError("give at least one branch")
        return branches

    def choose(
        self, attributes: Mapping[str, str], queue_status: QueueStatusLookup
    ) -> tuple[str, str]:
        """The first branch whose condition holds, as (branch name, target)."""
        for index, branch in enumerate(self.branches):
            if branch.when.holds(attributes, queue_status):
                return f"branches.{index}", branch.next
        return "otherwise", self.otherwise

    def targets(self) -> dict[str, str]:
        branches = {f"branches.{i}.next": branch.next for i, branch in enumerate(self.branches)}
        return {**branches, "otherwise": self.otherwise}


class SetAttributesNode(Frozen):
    """Tags the call: attributes for agents and conditions, a priority floor, extra skills."""

    type: Literal["set_attributes"]
    attributes: dict[str, str] = Field(default_factory=dict)
    priority: Priority | None = None
    skills: tuple[SkillRequirement, ...] = ()
    next: str

    def targets(self) -> dict[str, str]:
        return {"next": self.next}
