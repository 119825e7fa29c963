"""HTTP webhooks for voice providers."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from chassis.http import Readiness, create_app
from ingest.domain import CallArrival
from ingest.intake import CallIntake, EventLogUnavailable

RETRY_AFTER_S = "2"


class CallAccepted(BaseModel):
    call_id: str


def build_http_app(intake: CallIntake, ready: Readiness) -> FastAPI:
    app = create_app(
        "callcenter ingest",
        ready,
        description="Telephony edge: each call a provider reports here becomes a call event.",
    )

    @app.exception_handler(EventLogUnavailable)
    async def _unavailable(_: Request, exc: EventLogUnavailable) -> JSONResponse:
        return JSONResponse(
            {"detail": "event log unavailable, nothing was recorded; retry"},
            status_code=503,
            headers={"Retry-After": RETRY_AFTER_S},
        )

    @app.post(
        "/v1/calls",
        status_code=202,
        response_model=CallAccepted,
        responses={503: {"description": "Kafka unavailable; retry after Retry-After"}},
    )
    async def report_call_arrived(arrival: CallArrival) -> CallAccepted:
        """A call arrived. Retrying with the same provider call id returns the same call."""
        return CallAccepted(call_id=await intake.report_arrival(arrival))

    return app
