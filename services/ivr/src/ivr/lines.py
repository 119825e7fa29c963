"""Where each queued call stands in its queue's line, as far as the log tells.

The router estimates a wait for a place in line (EstimateWait), not for a call: the IVR counts
the place itself from the calls it sees queued, in the router's service order (higher priority
first, then the original arrival). A call being offered to an agent is out of the line; one whose
offer failed is back at its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from callcenter.v1.envelope_pb2 import Event
from chassis.times import from_timestamp

LEAVING = frozenset({"call_connected", "call_abandoned", "call_ended", "callback_scheduled"})
Line = tuple[str, str]  # tenant id, queue id


@dataclass
class _Place:
    priority: int
    first_queued_at: float
    waiting: bool = True

    @property
    def order(self) -> tuple[int, float]:
        return (-self.priority, self.first_queued_at)


class WaitingLines:
    def __init__(self) -> None:
        self._lines: dict[Line, dict[str, _Place]] = {}  # call id -> place, per line
        self._line_of: dict[str, Line] = {}  # by call id

    def clear(self) -> None:
        self._lines.clear()
        self._line_of.clear()

    def observe(self, event: Event) -> None:
        kind, call_id = event.WhichOneof("payload"), event.aggregate_id
        if kind == "call_queued":
            self._leave(call_id)
            queued = event.call_queued
            first = queued.first_queued_at if queued.HasField("first_queued_at") else None
            line = self._line_of[call_id] = (event.tenant_id, queued.queue_id)
            since = from_timestamp(first or event.occurred_at)
            self._lines.setdefault(line, {})[call_id] = _Place(queued.priority, since)
            return
        place = self._place(call_id)
        if place is None:
            return
        if kind == "call_priority_changed":
            place.priority = event.call_priority_changed.priority
        elif kind == "call_offered":
            place.waiting = False
        elif kind in ("offer_rejected", "offer_timed_out"):
            place.waiting = True
        elif kind in LEAVING:
            self._leave(call_id)

    def position(self, call_id: str, tenant_id: str, queue_id: str) -> int | None:
        """The call's place in the queue's line (1 = next), or None if it does not wait there."""
        line = self._lines.get((tenant_id, queue_id), {})
        mine = line.get(call_id)
        if mine is None or not mine.waiting:
            return None
        return 1 + sum(1 for other in line.values() if other.waiting and other.order < mine.order)

    def _place(self, call_id: str) -> _Place | None:
        line = self._line_of.get(call_id)
        return self._lines[line][call_id] if line is not None else None

    def _leave(self, call_id: str) -> None:
        line = self._line_of.pop(call_id, None)
        if line is not None:
            del self._lines[line][call_id]
