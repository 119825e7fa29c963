"""What is wrong with a flow, said so that its author finds the place: file, node and field.

Pydantic's schema errors are translated into those words here; the checks of the flow as a
whole (checks.py) report in them directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic_core import ErrorDetails

from ivr.flows.flow import NODE_TYPES

# Cross-field validators name their field at the start of the message, as chassis.tenants does.
_FIELD_IN_MESSAGE = re.compile(r"^([\w.]+): (.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class FlowProblem:
    source: str  # the file's name
    message: str
    node: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [f"node {self.node}"] if self.node is not None else []
        if self.field is not None:
            where.append(f"field {self.field}")
        parts = [self.source, ", ".join(where), self.message]
        return ": ".join(part for part in parts if part)


class FlowError(Exception):
    """One or more flows are invalid; the message lists every problem, one a line."""

    def __init__(self, problems: Sequence[FlowProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def schema_problem(source: str, detail: ErrorDetails) -> FlowProblem:
    """Pydantic's location, e.g. ("nodes", "menu", "menu", "options", "2x", "[key]"), in the
    words of the flow's author: node menu, field options.2x."""
    location = [str(part) for part in detail["loc"] if part != "[key]"]
    message = detail["msg"].removeprefix("Value error, ")
    node = None
    if location[:1] == ["nodes"] and len(location) >= 2:
        node, location = location[1], location[2:]
        if location and location[0] in NODE_TYPES:  # the union's tag, not a field
            location = location[1:]
        if detail["type"] in ("union_tag_invalid", "union_tag_not_found"):
            location = ["type"]
    field = ".".join(location) or None
    if (match := _FIELD_IN_MESSAGE.match(message)) is not None:
        named, message = match.groups()
        field = f"{field}.{named}" if field else named
    return FlowProblem(source, message, node, field)
