"""What happened to a call in the IVR: past-tense facts, each effect recorded exactly once.

The service turns them into telephony commands (a prompt to play, digits to collect) and into
the platform's protobuf events; replaying them rebuilds the session without repeating anything.
Times are aware datetimes (UTC); durations are seconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ivr.domain.outcomes import RequiredSkill, RoutedToQueue, SessionEnd
from ivr.flows import QueueStatus


class InputFailure(StrEnum):
    INVALID = "invalid"
    NO_INPUT = "no_input"


@dataclass(frozen=True, slots=True)
class SessionStarted:
    call_id: str
    tenant_id: str
    flow_id: str
    version: str
    caller_number: str
    at: datetime


@dataclass(frozen=True, slots=True)
class NodeEntered:
    node_id: str
    attempt: int  # 1 on arrival, then one more on each retry of an input node
    prompt: str | None  # to play now, if any
    expects_input: bool  # collect digits while and after the prompt plays
    timer_deadline: datetime | None  # when the prompt is over, or the input timed out
    at: datetime


@dataclass(frozen=True, slots=True)
class BranchTaken:
    node_id: str
    branch: str  # "open" / "closed", "branches.N" or "otherwise"
    next_node_id: str
    queue_statuses: tuple[QueueStatus, ...]  # what the router said, so replay never asks again
    at: datetime


@dataclass(frozen=True, slots=True)
class InputAccepted:
    node_id: str
    attempt: int
    digits: str
    attribute: str | None  # where collect_digits keeps them
    at: datetime


@dataclass(frozen=True, slots=True)
class InputRejected:
    node_id: str
    attempt: int
    failure: InputFailure
    digits: str
    at: datetime


@dataclass(frozen=True, slots=True)
class AttributesSet:
    node_id: str
    attributes: Mapping[str, str]
    priority: int | None
    skills: tuple[RequiredSkill, ...]
    at: datetime


@dataclass(frozen=True, slots=True)
class AttributesLearned:
    attributes: Mapping[str, str]  # from the CRM lookup
    at: datetime


@dataclass(frozen=True, slots=True)
class WaitAnnounced:
    queue_id: str
    position: int | None
    wait_seconds: float  # 0 reads "less than a minute"
    speak_position: bool
    speak_wait: bool
    next_announcement_at: datetime | None  # while queued
    at: datetime


Event = (
    SessionStarted
    | NodeEntered
    | BranchTaken
    | InputAccepted
    | InputRejected
    | AttributesSet
    | AttributesLearned
    | WaitAnnounced
    | RoutedToQueue
    | SessionEnd
)
