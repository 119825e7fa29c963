"""Domain errors. The gRPC layer maps FailedPrecondition (IllegalTransition included) to
FAILED_PRECONDITION and InvalidArgument to INVALID_ARGUMENT, with the message as detail."""

from __future__ import annotations

from collections.abc import Sequence


class DomainError(Exception):
    """A command was refused; the aggregate is unchanged."""


class FailedPrecondition(DomainError):
    """The command is well formed but not possible in the agent's current state."""


class IllegalTransition(FailedPrecondition):
    """'agent a-7 is ON_CALL; cannot go AVAILABLE' (state names without the prefix)."""

    def __init__(self, agent_id: str, current: str, attempted: str, detail: str = "") -> None:
        self.agent_id = agent_id
        self.current = current
        self.attempted = attempted
        message = f"agent {agent_id} is {current}; cannot go {attempted}"
        super().__init__(f"{message} ({detail})" if detail else message)


class InvalidArgument(DomainError):
    """'field: what is wrong', e.g. 'skills[1].level: must be 1-10, got 11'."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


def unknown_code(field: str, code: str, allowed: Sequence[str]) -> InvalidArgument:
    listed = ", ".join(allowed) if allowed else "none"
    return InvalidArgument(field, f"unknown code {code!r}; allowed: {listed}")
