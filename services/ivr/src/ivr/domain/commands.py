"""What the service asks of a call's IVR session, and what a session refuses.

`now` is always the service's clock: the domain never reads one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ivr.flows import Flow


@dataclass(frozen=True, slots=True)
class StartSession:
    call_id: str
    tenant_id: str
    flow: Flow  # the tenant's current version: the call stays on it to the end
    caller_number: str
    now: datetime


@dataclass(frozen=True, slots=True)
class ReceiveDigits:
    digits: str  # as the telephony collected them, a terminator included
    now: datetime


@dataclass(frozen=True, slots=True)
class FireTimer:
    """The session's pending timer may be due; firing early or twice does nothing."""

    now: datetime


@dataclass(frozen=True, slots=True)
class LearnAttributes:
    attributes: Mapping[str, str]
    now: datetime


@dataclass(frozen=True, slots=True)
class CallerHungUp:
    now: datetime


Command = StartSession | ReceiveDigits | FireTimer | LearnAttributes | CallerHungUp


class DomainError(Exception):
    pass


class SessionNotStarted(DomainError):
    def __init__(self) -> None:
        super().__init__("the session has not started")


class SessionAlreadyStarted(DomainError):
    def __init__(self, call_id: str) -> None:
        super().__init__(f"call {call_id!r} already has a session")


class SessionFinished(DomainError):
    def __init__(self, call_id: str) -> None:
        super().__init__(f"the session of call {call_id!r} is over")


class UnknownFlowVersion(DomainError):
    """The flow version a session runs on is no longer kept, so it cannot be rebuilt."""

    def __init__(self, tenant_id: str, flow_id: str, version: str) -> None:
        super().__init__(f"tenant {tenant_id!r} has no flow {flow_id!r} of version {version!r}")


class ForeignFlow(DomainError):
    def __init__(self, tenant_id: str, flow_tenant_id: str) -> None:
        super().__init__(f"a call of tenant {tenant_id!r} cannot run a flow of {flow_tenant_id!r}")
