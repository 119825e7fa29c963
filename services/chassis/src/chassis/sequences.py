"""Next sequence numbers for aggregates several services write (a call's events come
from ingest, the IVR, the router and agent-state): one more than the highest seen."""

from __future__ import annotations

from callcenter.v1.envelope_pb2 import Event


class SequenceTracker:
    def __init__(self) -> None:
        self._last: dict[str, int] = {}

    def observe(self, event: Event) -> None:
        aggregate_id, sequence = event.aggregate_id, event.sequence
        if sequence > self._last.get(aggregate_id, 0):
            self._last[aggregate_id] = sequence

    def next(self, aggregate_id: str) -> int:
        """Reserve the next sequence of the aggregate."""
        sequence = self._last.get(aggregate_id, 0) + 1
        self._last[aggregate_id] = sequence
        return sequence

    def clear(self) -> None:
        self._last.clear()
