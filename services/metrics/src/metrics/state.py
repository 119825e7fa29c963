"""Live calls: what the table holds per call, and how an event changes it (no I/O).

One entry per call id, created by the first event of the call seen and updated by
every later one. Updates are idempotent: an event is applied only when its sequence
is above the call's last applied sequence, so a redelivered or replayed event (same
event, same sequence) changes nothing, and neither does an older one arriving late.

Ended calls (CallEnded, CallAbandoned) are kept, marked `ended`, not deleted: their
entry is what makes a late redelivery of an earlier event a no-op instead of a
resurrection, and after-call events (WrapUpCompleted) still update them. So the
table grows with every call; expiring old ended calls is future work (see README).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event

ENDING_EVENTS = frozenset({"CallEnded", "CallAbandoned"})


@dataclass(frozen=True)
class LiveCall:
    call_id: str
    tenant_id: str
    received_at: str | None  # occurred_at of CallReceived (RFC 3339), if seen
    last_event_type: str
    last_sequence: int
    ended: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LiveCall:
        return cls(**data)


def is_call_event(event: Event) -> bool:
    return event.aggregate_type == AGGREGATE_TYPE_CALL and bool(event.aggregate_id)


def apply(current: LiveCall | None, event: Event) -> LiveCall | None:
    """The call's new state after `event`, or None when the event changes nothing.

    `current` is the state of the call `event.aggregate_id` (None: not seen yet)."""
    if not is_call_event(event) or event.sequence < 1:
        return None
    if current is not None and event.sequence <= current.last_sequence:
        return None  # already applied (redelivery, replay) or superseded
    received_at = current.received_at if current else None
    if event.WhichOneof("payload") == "call_received":
        received_at = event.occurred_at.ToJsonString()
    if current is None:
        return LiveCall(
            call_id=event.aggregate_id,
            tenant_id=event.tenant_id,
            received_at=received_at,
            last_event_type=event.event_type,
            last_sequence=event.sequence,
            ended=event.event_type in ENDING_EVENTS,
        )
    return replace(
        current,
        received_at=received_at,
        last_event_type=event.event_type,
        last_sequence=event.sequence,
        ended=current.ended or event.event_type in ENDING_EVENTS,
    )


def tenant_summary(calls: Iterable[LiveCall], tenant_id: str) -> dict[str, Any]:
    """Counts for one tenant: calls received (ever seen), live (not ended), and calls
    by the type of their last event."""
    received = live = 0
    by_type: Counter[str] = Counter()
    for call in calls:
        if call.tenant_id != tenant_id:
            continue
        received += 1
        live += not call.ended
        by_type[call.last_event_type] += 1
    return {
        "tenant_id": tenant_id,
        "received": received,
        "live": live,
        "by_last_event_type": dict(sorted(by_type.items())),
    }
