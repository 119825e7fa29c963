"""gRPC API for PBX and SBC adapters (callcenter.v1.IngestService): the webhooks' twin."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import NoReturn, TypeAlias, TypeVar

import grpc
from pydantic import ValidationError

from callcenter.v1 import ingest_pb2, ingest_pb2_grpc
from chassis.grpc_errors import invalid_argument
from ingest.domain import CallArrival, Invalid, NotFound, PressedDigits, ProviderEvent
from ingest.service.intake import CallIntake
from ingest.service.ports import TryLater

T = TypeVar("T")
Context: TypeAlias = grpc.aio.ServicerContext


async def _refuse(context: Context, code: grpc.StatusCode, message: str) -> NoReturn:
    await context.abort(code, message)
    raise AssertionError("unreachable: abort raises")


async def _validated(context: Context, build: Callable[[], T]) -> T:
    try:
        return build()
    except ValidationError as exc:
        await invalid_argument(context, exc)


async def _answer(context: Context, report: Awaitable[str]) -> str:
    """The call id, or the status that says why nothing was recorded."""
    try:
        return await report
    except NotFound as exc:
        await _refuse(context, grpc.StatusCode.NOT_FOUND, str(exc))
    except Invalid as exc:
        await _refuse(context, grpc.StatusCode.INVALID_ARGUMENT, str(exc))
    except TryLater as exc:
        await _refuse(context, grpc.StatusCode.UNAVAILABLE, str(exc))


def _event_fields(event: ingest_pb2.ProviderCallEvent) -> dict[str, str | None]:
    return {
        "tenant_id": event.tenant_id or None,
        "provider": event.provider or "simulated",
        "provider_call_id": event.provider_call_id,
        "provider_event_id": event.provider_event_id,
    }


class IngestServicer(ingest_pb2_grpc.IngestServiceServicer):
    def __init__(self, intake: CallIntake) -> None:
        self._intake = intake

    async def ReportCallArrived(
        self, request: ingest_pb2.ReportCallArrivedRequest, context: Context
    ) -> ingest_pb2.ReportCallArrivedResponse:
        arrival = await _validated(
            context,
            lambda: CallArrival(
                tenant_id=request.tenant_id or None,
                caller_number=request.caller_number,
                dialed_number=request.dialed_number,
                provider=request.provider or "simulated",
                provider_call_id=request.provider_call_id,
            ),
        )
        call_id = await _answer(context, self._intake.report_arrival(arrival))
        return ingest_pb2.ReportCallArrivedResponse(call_id=call_id)

    async def ReportCallAnswered(
        self, request: ingest_pb2.ReportCallAnsweredRequest, context: Context
    ) -> ingest_pb2.ReportCallAnsweredResponse:
        event = await _validated(
            context, lambda: ProviderEvent.model_validate(_event_fields(request.event))
        )
        call_id = await _answer(context, self._intake.report_answered(event))
        return ingest_pb2.ReportCallAnsweredResponse(call_id=call_id)

    async def ReportDigits(
        self, request: ingest_pb2.ReportDigitsRequest, context: Context
    ) -> ingest_pb2.ReportDigitsResponse:
        event = await _validated(
            context,
            lambda: PressedDigits.model_validate(
                {**_event_fields(request.event), "digits": request.digits}
            ),
        )
        call_id = await _answer(context, self._intake.report_digits(event))
        return ingest_pb2.ReportDigitsResponse(call_id=call_id)

    async def ReportHangUp(
        self, request: ingest_pb2.ReportHangUpRequest, context: Context
    ) -> ingest_pb2.ReportHangUpResponse:
        event = await _validated(
            context, lambda: ProviderEvent.model_validate(_event_fields(request.event))
        )
        call_id = await _answer(context, self._intake.report_hang_up(event))
        return ingest_pb2.ReportHangUpResponse(call_id=call_id)
