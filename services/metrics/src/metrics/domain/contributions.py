"""What one fact adds to the tallies of a scope: counts, a wait, an abandoned caller.

A scope is what a tally is about: the whole tenant, one queue, or one agent. Counts
are integers (durations in milliseconds) so that adding and taking back are exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple

TENANT = "tenant"
QUEUE_PREFIX = "queue:"
AGENT_PREFIX = "agent:"
TIME_PREFIX = "time:"  # agent time by state: "time:ON_CALL", "time:BREAK/lunch"


def queue_scope(queue_id: str) -> str:
    return QUEUE_PREFIX + queue_id


def agent_scope(agent_id: str) -> str:
    return AGENT_PREFIX + agent_id


def stay_scopes(queue_id: str) -> tuple[str, ...]:
    """Where a stay in a queue counts: its queue (when known) and the tenant."""
    return (queue_scope(queue_id), TENANT) if queue_id else (TENANT,)


class Count(StrEnum):
    OFFERED = "offered"
    ANSWERED = "answered"
    ANSWERED_WITHIN_T = "answered_within_t"
    ABANDONED = "abandoned"
    ABANDONED_WITHIN_T = "abandoned_within_t"
    SHORT_ABANDONED = "short_abandoned"
    OVERFLOWED = "overflowed"
    CALLBACKS = "callbacks"
    WAIT_MS = "wait_ms"
    ANSWER_WAIT_MS = "answer_wait_ms"
    ABANDON_WAIT_MS = "abandon_wait_ms"
    HANDLED = "handled"
    TALK_MS = "talk_ms"
    HOLD_MS = "hold_ms"
    WRAP_UP_MS = "wrap_up_ms"
    TRANSFERS = "transfers"
    OFFERS_REJECTED = "offers_rejected"
    OFFERS_TIMED_OUT = "offers_timed_out"
    IVR_CALLS = "ivr_calls"
    IVR_ABANDONED = "ivr_abandoned"
    IVR_SHORT_ABANDONED = "ivr_short_abandoned"
    IVR_TIME_MS = "ivr_time_ms"
    IVR_OVER_GUIDELINE = "ivr_over_guideline"


class AbandonEntry(NamedTuple):
    """One caller who hung up while waiting: who to call back."""

    at: int
    call_id: str
    caller_number: str
    queue_id: str  # "" for an abandon in the IVR
    stage: str  # ivr, queue or offer
    waited_ms: int


class Contribution(NamedTuple):
    """Counts for `scope` in the bucket holding `at`; `wait` also competes for the
    longest wait, `abandon` joins the list of abandoned callers."""

    scope: str
    at: int
    counts: Mapping[str, int]
    wait: int | None = None
    abandon: AbandonEntry | None = None
