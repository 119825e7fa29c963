"""A session's state, and how each event changes it: the only place it changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from ivr.domain.announcements import Announcement
from ivr.domain.events import (
    AttributesLearned,
    AttributesSet,
    Event,
    InputAccepted,
    InputRejected,
    NodeEntered,
    SessionStarted,
    WaitAnnounced,
)
from ivr.domain.outcomes import RequiredSkill, RoutedToQueue, SessionEnd


class Status(StrEnum):
    IN_MENU = "in_menu"
    QUEUED = "queued"
    FINISHED = "finished"


class TimerPurpose(StrEnum):
    PROMPT_END = "prompt_end"  # a play or announce_wait node moves on
    INPUT_TIMEOUT = "input_timeout"  # the caller said nothing in time
    ANNOUNCEMENT = "announcement"  # the next position / wait announcement while queued


@dataclass(frozen=True, slots=True)
class Timer:
    deadline: datetime
    purpose: TimerPurpose
    node_id: str
    attempt: int


@dataclass(frozen=True, slots=True)
class SessionState:
    call_id: str
    tenant_id: str
    flow_id: str
    version: str
    caller_number: str
    started_at: datetime
    status: Status = Status.IN_MENU
    node_id: str = ""  # set by the entry node's NodeEntered, decided along with the start
    attempt: int = 0
    attributes: Mapping[str, str] = field(default_factory=dict)
    priority: int = 0
    skills: tuple[RequiredSkill, ...] = ()
    timer: Timer | None = None
    last_announcement: Announcement | None = None

    @classmethod
    def begin(cls, event: SessionStarted) -> SessionState:
        return cls(
            event.call_id,
            event.tenant_id,
            event.flow_id,
            event.version,
            event.caller_number,
            event.at,
        )

    def time_in_ivr(self, now: datetime) -> float:
        return (now - self.started_at).total_seconds()

    def evolve(self, event: Event) -> SessionState:
        match event:
            case NodeEntered(node_id=node_id, attempt=attempt, timer_deadline=deadline):
                purpose = (
                    TimerPurpose.INPUT_TIMEOUT if event.expects_input else TimerPurpose.PROMPT_END
                )
                timer = Timer(deadline, purpose, node_id, attempt) if deadline else None
                return replace(self, node_id=node_id, attempt=attempt, timer=timer)
            case InputAccepted(attribute=attribute) if attribute is not None:
                attributes = {**self.attributes, attribute: event.digits}
                return replace(self, attributes=attributes, timer=None)
            case InputAccepted() | InputRejected():
                return replace(self, timer=None)
            case AttributesSet():
                return replace(
                    self,
                    attributes={**self.attributes, **event.attributes},
                    priority=max(self.priority, event.priority or 0),
                    skills=merge_skills(self.skills, event.skills),
                )
            case AttributesLearned():
                return replace(self, attributes={**self.attributes, **event.attributes})
            case WaitAnnounced():
                told = Announcement(event.queue_id, event.position, event.wait_seconds, event.at)
                timer = self._announcement_timer(event.next_announcement_at) or self.timer
                return replace(self, last_announcement=told, timer=timer)
            case RoutedToQueue():
                return replace(
                    self,
                    status=Status.QUEUED,
                    priority=event.priority,
                    skills=event.skills,
                    timer=self._announcement_timer(event.next_announcement_at),
                )
            case _ if isinstance(event, SessionEnd):
                return replace(self, status=Status.FINISHED, timer=None)
        return self  # SessionStarted begins a state; BranchTaken leads to a NodeEntered

    def _announcement_timer(self, deadline: datetime | None) -> Timer | None:
        if deadline is None:
            return None
        return Timer(deadline, TimerPurpose.ANNOUNCEMENT, self.node_id, self.attempt)


def merge_skills(
    held: tuple[RequiredSkill, ...], added: tuple[RequiredSkill, ...]
) -> tuple[RequiredSkill, ...]:
    """Both sets of skills; a skill in both needs the higher level. Sorted, for stable events."""
    levels: dict[str, int] = {}
    for skill in (*held, *added):
        levels[skill.name] = max(levels.get(skill.name, 0), skill.min_level)
    return tuple(RequiredSkill(name, level) for name, level in sorted(levels.items()))
