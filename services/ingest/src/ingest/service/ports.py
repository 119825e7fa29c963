"""What the intake needs from the outside, and how it says "not now, retry"."""

from __future__ import annotations

from typing import Protocol

from callcenter.v1.envelope_pb2 import Event


class TryLater(Exception):
    """Nothing was recorded; the sender should retry the same report (HTTP 503 with
    Retry-After, gRPC UNAVAILABLE)."""


class EventLogUnavailable(TryLater):
    """Kafka did not take the event."""

    def __str__(self) -> str:
        return "event log unavailable, nothing was recorded; retry"


class DirectoryRebuilding(TryLater):
    """Ingest is still reading the calls topic back, so it cannot tell which call a
    provider means yet (after a start or a rebalance)."""

    def __str__(self) -> str:
        return "the directory of calls is being rebuilt from the log, nothing was recorded; retry"


class EventLog(Protocol):
    async def record(self, event: Event) -> None:
        """Return once the event is durably in the log; raise EventLogUnavailable if not."""
        ...
