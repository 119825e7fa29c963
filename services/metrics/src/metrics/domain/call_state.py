"""The state of a walk through one call's facts (see call_walk): what the facts so far
say of the call, and the contributions collected."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from metrics.domain.contributions import AbandonEntry, Contribution
from metrics.domain.facts import CallFact, FactKey
from metrics.domain.records import CallRecord

IN_IVR = "ivr"
WAITING = "waiting"


class LiveStatus(NamedTuple):
    """Where a call is now, when it is in the IVR or waiting in a queue."""

    where: str
    queue_id: str
    since: int  # the menu's start, or when the caller's current wait started


@dataclass
class Segment:
    """One agent's part of the call, from the answer to the wrap-up."""

    queue_id: str
    connected_at: int
    held_at: int | None = None
    hold_ms: int = 0
    ended_at: int | None = None
    wrapped: bool = False

    def resume(self, at: int) -> None:
        if self.held_at is not None:
            self.hold_ms += at - self.held_at
            self.held_at = None

    def end(self, at: int) -> None:
        if self.ended_at is None:
            self.resume(at)  # a call ended on hold was on hold until the end
            self.ended_at = at


@dataclass
class CallWalk:
    """The state of the walk so far, and the contributions anchored at or after `since`."""

    record: CallRecord
    since: FactKey | None
    contributions: list[Contribution] = field(default_factory=list)
    caller_number: str = ""
    first_queued_at: int | None = None
    transferred_at: int | None = None  # an agent's last transfer: the wait restarts there
    queue_id: str = ""
    entered_queue: bool = False
    offers: dict[str, str] = field(default_factory=dict)  # offer id -> queue id
    segments: dict[str, Segment] = field(default_factory=dict)  # agent id -> segment
    status: LiveStatus | None = None
    emitting: bool = True  # the fact being walked is at or after `since`
    facts_walked: int = 0

    def note_first_queued(self, at: int) -> None:
        """Every entry carries the call's first_queued_at; the earliest one counts."""
        earlier = self.first_queued_at
        self.first_queued_at = at if earlier is None else min(earlier, at)

    def wait_start(self) -> int | None:
        """Where the caller's current wait began: the first entry into a queue (kept
        across overflows and callbacks), or the last transfer by an agent."""
        starts = [at for at in (self.first_queued_at, self.transferred_at) if at is not None]
        return max(starts) if starts else None

    def waited(self, at: int, fallback_ms: int = 0) -> int:
        start = self.wait_start()
        return max(0, at - start) if start is not None else fallback_ms

    def queue_of(self, fact: CallFact) -> str:
        return fact.queue or self.queue_id

    def emit(
        self,
        fact: CallFact,
        scopes: tuple[str, ...],
        counts: dict[str, int],
        wait: int | None = None,
        abandon: AbandonEntry | None = None,
    ) -> None:
        if self.emitting:
            at, add = fact.at, self.contributions.append
            for scope in scopes:
                add(Contribution(scope, at, counts, wait, abandon))

    def abandon_entry(self, fact: CallFact, queue_id: str, waited: int) -> AbandonEntry:
        call_id = self.record.call_id
        return AbandonEntry(fact.at, call_id, self.caller_number, queue_id, fact.ref, waited)
