"""Keeping the directory of calls from the calls topic, so that it survives a restart."""

from __future__ import annotations

from datetime import UTC

from aiokafka.structs import TopicPartition

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from ingest.domain import ARRIVAL, CallDirectory, KnownCall, RecentReports

# After these nobody reports on the call any more: the caller is gone and the IVR, which
# follows each call to its end, has recorded what the hang-up meant.
TERMINAL_EVENTS = frozenset({"CallEnded", "CallAbandoned", "CallbackScheduled"})
# Ingest's own reports, by payload field: read back, they answer a provider's retry.
PROVIDER_REPORTS = {
    "CallAnswered": "call_answered",
    "DigitsPressed": "digits_pressed",
    "CallerHungUp": "caller_hung_up",
}


class CallsFollower:
    """The apply/reset pair of a chassis ReplayedState over the calls topic."""

    def __init__(self, directory: CallDirectory, recent: RecentReports) -> None:
        self._directory = directory
        self._recent = recent

    async def apply(self, event: Event) -> None:
        if event.aggregate_type != AGGREGATE_TYPE_CALL:
            return
        if event.event_type == "CallReceived":
            received = event.call_received
            call = KnownCall(
                event.tenant_id,
                event.aggregate_id,
                received.provider,
                received.provider_call_id,
                event.sequence,
            )
            self._directory.add(call)
            self._remember(call, ARRIVAL, event)
            return
        known = self._directory.get(event.aggregate_id)
        if known is None:  # ended, or its arrival is older than what memory holds
            return
        self._directory.observe(known.call_id, event.sequence)
        if (report_field := PROVIDER_REPORTS.get(event.event_type)) is not None:
            self._remember(known, getattr(event, report_field).provider_event_id, event)
        elif event.event_type in TERMINAL_EVENTS:
            self._directory.forget(known.call_id)

    def reset(self, _partitions: frozenset[TopicPartition]) -> None:
        """A new assignment: the calls of the assigned partitions are about to be replayed.
        Recent answers stay: they are facts already in the log, whoever holds it now."""
        self._directory.clear()

    def _remember(self, call: KnownCall, provider_event_id: str, event: Event) -> None:
        self._recent.recorded(
            (call.provider, call.provider_call_id, provider_event_id),
            call.call_id,
            event.occurred_at.ToDatetime(tzinfo=UTC),
        )
