"""The call events metrics read, reduced to compact facts that sort in event-time order.

A fact keeps what its event says that a metric needs, nothing else. Facts of one call
sort by (occurred_at, rank, event_id): the rank orders events that share a millisecond
the way they are caused (the IVR completes then queues; the router overflows then
requeues; an offer is accepted then connected), and the event id makes the order total,
so every replica and the batch reference see a call's facts in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

from callcenter.v1.common_pb2 import CALL_STAGE_IVR, CALL_STAGE_OFFER, CALL_STAGE_QUEUE
from callcenter.v1.envelope_pb2 import Event
from metrics.domain.times import ms_of

KINDS_IN_CAUSAL_ORDER = (
    "received",
    "ivr_started",
    "ivr_completed",
    "overflowed",
    "queued",
    "offered",
    "offer_rejected",
    "offer_timed_out",
    "connected",
    "held",
    "resumed",
    "transferred",
    "abandoned",
    "callback",
    "ended",
    "wrapped_up",
)
RANK = {kind: rank for rank, kind in enumerate(KINDS_IN_CAUSAL_ORDER)}
STAGE_IVR = "ivr"
STAGES = {CALL_STAGE_IVR: STAGE_IVR, CALL_STAGE_QUEUE: "queue", CALL_STAGE_OFFER: "offer"}

FactKey = tuple[int, int, str]


class Outcome(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"  # its event id was seen: a redelivery
    IGNORED = "ignored"  # nothing metrics reads
    DROPPED_LATE = "dropped_late"  # late, and about a call no longer (or never) known


class CallFact(NamedTuple):
    """`queue`, `agent`, `ref` and `ms` mean what the kind needs (see the readers below)."""

    at: int
    rank: int
    event_id: str
    kind: str
    queue: str = ""
    agent: str = ""
    ref: str = ""  # caller number, offer id, abandon stage, transfer target, overflow target
    ms: int = 0  # first queued at, a duration (time in IVR, waited, wrap-up)

    @property
    def key(self) -> FactKey:
        return (self.at, self.rank, self.event_id)


def _fact(
    event: Event, at: int, kind: str, queue: str = "", agent: str = "", ref: str = "", ms: int = 0
) -> CallFact:
    return CallFact(at, RANK[kind], event.event_id, kind, queue, agent, ref, ms)


def _first_queued(event: Event, at: int, carrier: str) -> int:
    """first_queued_at of a CallQueued or CallbackScheduled; the event's time if unset."""
    payload = getattr(event, carrier)
    if payload.HasField("first_queued_at"):
        return ms_of(payload.first_queued_at)
    return at


def _abandoned(event: Event, at: int) -> CallFact | None:
    e = event.call_abandoned
    stage = STAGES.get(e.stage)
    if stage is None:
        return None  # a stage metrics does not count (unspecified, conversation)
    return _fact(event, at, "abandoned", queue=e.queue_id, ref=stage, ms=ms_of(e.waited))


def _rejected(event: Event, at: int) -> CallFact | None:
    e = event.offer_rejected
    if e.agent_was_unavailable:
        return None  # the offer never reached the agent: not an offer the agent left
    return _fact(event, at, "offer_rejected", agent=e.agent_id, ref=e.offer_id)


def _transferred(event: Event, at: int) -> CallFact:
    e = event.call_transferred
    target = e.WhichOneof("target") or ""
    return _fact(event, at, "transferred", agent=e.from_agent_id, ref=target)


_READERS: dict[str, Callable[[Event, int], CallFact | None]] = {
    "call_received": lambda e, at: _fact(e, at, "received", ref=e.call_received.caller_number),
    "ivr_started": lambda e, at: _fact(e, at, "ivr_started"),
    "ivr_completed": lambda e, at: _fact(
        e, at, "ivr_completed", ms=ms_of(e.ivr_completed.time_in_ivr)
    ),
    "call_overflowed": lambda e, at: _fact(
        e,
        at,
        "overflowed",
        queue=e.call_overflowed.from_queue_id,
        ref=e.call_overflowed.to_queue_id,
    ),
    "call_queued": lambda e, at: _fact(
        e, at, "queued", queue=e.call_queued.queue_id, ms=_first_queued(e, at, "call_queued")
    ),
    "call_offered": lambda e, at: _fact(
        e,
        at,
        "offered",
        queue=e.call_offered.queue_id,
        agent=e.call_offered.agent_id,
        ref=e.call_offered.offer_id,
    ),
    "offer_rejected": _rejected,
    "offer_timed_out": lambda e, at: _fact(
        e, at, "offer_timed_out", agent=e.offer_timed_out.agent_id, ref=e.offer_timed_out.offer_id
    ),
    "call_connected": lambda e, at: _fact(
        e, at, "connected", queue=e.call_connected.queue_id, agent=e.call_connected.agent_id
    ),
    "call_held": lambda e, at: _fact(e, at, "held", agent=e.call_held.agent_id),
    "call_resumed": lambda e, at: _fact(e, at, "resumed", agent=e.call_resumed.agent_id),
    "call_transferred": _transferred,
    "call_abandoned": _abandoned,
    "callback_scheduled": lambda e, at: _fact(
        e,
        at,
        "callback",
        queue=e.callback_scheduled.queue_id,
        ms=_first_queued(e, at, "callback_scheduled"),
    ),
    "call_ended": lambda e, at: _fact(e, at, "ended", agent=e.call_ended.agent_id),
    "wrap_up_completed": lambda e, at: _fact(
        e,
        at,
        "wrapped_up",
        agent=e.wrap_up_completed.agent_id,
        ms=ms_of(e.wrap_up_completed.wrap_up),
    ),
}


def read_call_fact(event: Event, at: int) -> CallFact | None:
    """The fact a call event carries for metrics (`at`: its time, in ms); None for
    events no metric reads."""
    reader = _READERS.get(event.WhichOneof("payload") or "")
    return reader(event, at) if reader is not None else None
