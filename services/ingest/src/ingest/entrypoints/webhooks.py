"""The voice provider webhooks: a call arrived, was answered, the caller pressed keys, hung up."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path
from pydantic import BaseModel

from ingest.domain import CallArrival, PressedDigits, ProviderEvent
from ingest.domain.reports import Digits, OccurredAt, ProviderEventId
from ingest.service.intake import CallIntake

ProviderPath = Annotated[str, Path(min_length=1, max_length=64, examples=["twilio"])]
CallPath = Annotated[str, Path(min_length=1, max_length=128, examples=["CA42"])]
ARRIVAL_EXAMPLE = {
    "caller_number": "+33 6 12 34 56 78",
    "dialed_number": "+33 9 70 00 00 00",
    "provider": "twilio",
    "provider_call_id": "CA42",
    "occurred_at": "2026-11-23T09:00:00+01:00",
}
REFUSALS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown dialed number or call; the message names the field"},
    422: {"description": "A field is malformed or contradicts the number plan"},
    503: {"description": "Nothing recorded (Kafka down, or ingest starting); see Retry-After"},
}


class CallAccepted(BaseModel):
    call_id: str


class CallEventReport(BaseModel):
    provider_event_id: ProviderEventId
    occurred_at: OccurredAt = None


class DigitsReport(CallEventReport):
    digits: Digits


def _example(body: dict[str, str]) -> object:
    return Body(openapi_examples={"provider report": {"value": body}})


def webhook_routes(intake: CallIntake) -> APIRouter:
    routes = APIRouter(prefix="/v1/calls", responses=REFUSALS)

    @routes.post("", status_code=202, response_model=CallAccepted)
    async def report_call_arrived(
        arrival: Annotated[CallArrival, _example(ARRIVAL_EXAMPLE)],
    ) -> CallAccepted:
        """A call arrived. The dialed number picks the tenant. Retrying with the same
        provider call id returns the same call id and records nothing new."""
        return CallAccepted(call_id=await intake.report_arrival(arrival))

    @routes.post("/{provider}/{provider_call_id}/answered", status_code=202)
    async def report_call_answered(
        provider: ProviderPath,
        provider_call_id: CallPath,
        report: Annotated[CallEventReport, _example({"provider_event_id": "ev-1"})],
    ) -> CallAccepted:
        """The telephony side answered the caller's leg (CallAnswered)."""
        event = ProviderEvent(provider=provider, provider_call_id=provider_call_id, **dict(report))
        return CallAccepted(call_id=await intake.report_answered(event))

    @routes.post("/{provider}/{provider_call_id}/digits", status_code=202)
    async def report_digits(
        provider: ProviderPath,
        provider_call_id: CallPath,
        report: Annotated[DigitsReport, _example({"provider_event_id": "ev-2", "digits": "1#"})],
    ) -> CallAccepted:
        """The caller pressed keys (DigitsPressed), as the provider collected them."""
        event = PressedDigits(provider=provider, provider_call_id=provider_call_id, **dict(report))
        return CallAccepted(call_id=await intake.report_digits(event))

    @routes.post("/{provider}/{provider_call_id}/hangup", status_code=202)
    async def report_hang_up(
        provider: ProviderPath,
        provider_call_id: CallPath,
        report: Annotated[CallEventReport, _example({"provider_event_id": "ev-3"})],
    ) -> CallAccepted:
        """The caller hung up (CallerHungUp); the IVR records what it meant."""
        event = ProviderEvent(provider=provider, provider_call_id=provider_call_id, **dict(report))
        return CallAccepted(call_id=await intake.report_hang_up(event))

    return routes
