"""Turning provider reports into call events: each recorded once, a retry answered alike."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from google.protobuf.message import Message

from callcenter.v1.call_events_pb2 import CallAnswered, CallerHungUp, CallReceived, DigitsPressed
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL
from chassis.events import new_event, stable_event_id
from ingest.domain import (
    ARRIVAL,
    CallArrival,
    CallDirectory,
    KnownCall,
    NumberPlan,
    PressedDigits,
    ProviderEvent,
    RecentReports,
    ReportKey,
    UnknownCall,
    call_id_for,
)
from ingest.service.ports import DirectoryRebuilding, EventLog, EventLogUnavailable

log = logging.getLogger(__name__)
SERVICE_NAME = "ingest"


def _utc_now() -> datetime:
    return datetime.now(UTC)


class CallIntake:
    def __init__(
        self,
        number_plan: NumberPlan,
        event_log: EventLog,
        directory: CallDirectory,
        recent: RecentReports,
        *,
        live: Callable[[], bool] = lambda: True,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        """`live`: whether the directory has caught up with the calls topic."""
        self._number_plan = number_plan
        self._event_log = event_log
        self._directory = directory
        self._recent = recent
        self._live = live
        self._clock = clock

    async def report_arrival(self, arrival: CallArrival) -> str:
        """Record CallReceived (sequence 1) once the log has it; return the call id."""
        tenant_id = self._number_plan.tenant_for(arrival.dialed_number, arrival.tenant_id)
        call = KnownCall(
            tenant_id,
            call_id_for(tenant_id, arrival.provider, arrival.provider_call_id),
            arrival.provider,
            arrival.provider_call_id,
        )
        key = (*call.key, ARRIVAL)
        if self._recent.answer(key) == call.call_id:
            return call.call_id
        payload = CallReceived(
            caller_number=arrival.caller_number,
            dialed_number=arrival.dialed_number,
            provider=arrival.provider,
            provider_call_id=arrival.provider_call_id,
        )
        occurred_at = self._recent.occurred_at(key, arrival.occurred_at, self._clock())
        event_id = stable_event_id(f"{call.call_id}/CallReceived", occurred_at)
        await self._record(key, call, payload, 1, occurred_at, event_id)
        self._directory.add(call)
        return call.call_id

    async def report_answered(self, report: ProviderEvent) -> str:
        return await self._report(report, CallAnswered(provider_event_id=report.provider_event_id))

    async def report_digits(self, report: PressedDigits) -> str:
        payload = DigitsPressed(digits=report.digits, provider_event_id=report.provider_event_id)
        return await self._report(report, payload)

    async def report_hang_up(self, report: ProviderEvent) -> str:
        return await self._report(report, CallerHungUp(provider_event_id=report.provider_event_id))

    async def _report(self, report: ProviderEvent, payload: Message) -> str:
        """Record a later report about a call in progress, as its next event."""
        key = (report.provider, report.provider_call_id, report.provider_event_id)
        if (answered := self._recent.answer(key)) is not None:
            return answered
        if not self._live():
            raise DirectoryRebuilding()
        call = self._directory.find(report.provider, report.provider_call_id)
        if call is None or report.tenant_id not in (None, call.tenant_id):
            raise UnknownCall(report.provider, report.provider_call_id)
        occurred_at = self._recent.occurred_at(key, report.occurred_at, self._clock())
        event_id = stable_event_id(f"{call.call_id}/{report.provider_event_id}", occurred_at)
        sequence = self._directory.reserve_sequence(call)
        try:
            await self._record(key, call, payload, sequence, occurred_at, event_id)
        except EventLogUnavailable:
            self._directory.release_sequence(call, sequence)
            raise
        return call.call_id

    async def _record(
        self,
        key: ReportKey,
        call: KnownCall,
        payload: Message,
        sequence: int,
        occurred_at: datetime,
        event_id: str,
    ) -> None:
        event = new_event(
            payload,
            tenant_id=call.tenant_id,
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id=call.call_id,
            sequence=sequence,
            producer=SERVICE_NAME,
            correlation_id=call.call_id,
            occurred_at=occurred_at,
            event_id=event_id,
        )
        await self._event_log.record(event)
        self._recent.recorded(key, call.call_id, occurred_at)
        log.info(
            "call event recorded",
            extra={
                "event_type": event.event_type,
                "call_id": call.call_id,
                "tenant_id": call.tenant_id,
                "sequence": sequence,
            },
        )
