"""HTTP API: the provider webhooks, and the simulated telephony's record when it is in use."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from google.protobuf.json_format import MessageToDict
from pydantic import BaseModel

from chassis.http import Readiness, create_app
from ingest.adapters.telephony import SimulatedTelephony
from ingest.domain import Invalid, NotFound
from ingest.entrypoints.webhooks import webhook_routes
from ingest.service.intake import CallIntake
from ingest.service.ports import TryLater

RETRY_AFTER_S = "2"


class DeliveredCommands(BaseModel):
    call_id: str
    commands: list[dict[str, Any]]  # TelephonyCommand in proto JSON, field names as in .proto


def simulated_routes(telephony: SimulatedTelephony) -> APIRouter:
    routes = APIRouter(prefix="/v1/simulated", tags=["simulated telephony"])

    @routes.get("/calls/{call_id}/commands")
    async def delivered_commands(call_id: str) -> DeliveredCommands:
        """The telephony commands delivered for the call, oldest first (none if unknown)."""
        return DeliveredCommands(
            call_id=call_id,
            commands=[
                MessageToDict(command, preserving_proto_field_name=True)
                for command in telephony.commands_for(call_id)
            ],
        )

    return routes


def build_http_app(
    intake: CallIntake, ready: Readiness, simulated: SimulatedTelephony | None = None
) -> FastAPI:
    app = create_app(
        "callcenter ingest",
        ready,
        description=(
            "Telephony edge: what voice providers report about calls becomes call events. "
            "See docs/ingest.md."
        ),
    )

    @app.exception_handler(TryLater)
    async def _try_later(_: Request, exc: TryLater) -> JSONResponse:
        return JSONResponse(
            {"detail": str(exc)}, status_code=503, headers={"Retry-After": RETRY_AFTER_S}
        )

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(Invalid)
    async def _invalid(_: Request, exc: Invalid) -> JSONResponse:
        """Shaped like FastAPI's own validation errors: a list naming the field."""
        error = {"type": "value_error", "loc": ["body", exc.field], "msg": exc.message}
        return JSONResponse({"detail": [error]}, status_code=422)

    app.include_router(webhook_routes(intake))
    if simulated is not None:
        app.include_router(simulated_routes(simulated))
    return app
