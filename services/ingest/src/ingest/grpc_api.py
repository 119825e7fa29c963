"""gRPC API for PBX and SBC adapters (callcenter.v1.IngestService)."""

from __future__ import annotations

import grpc
from pydantic import ValidationError

from callcenter.v1 import ingest_pb2, ingest_pb2_grpc
from chassis.grpc_errors import invalid_argument
from ingest.domain import CallArrival
from ingest.intake import CallIntake, EventLogUnavailable


class IngestServicer(ingest_pb2_grpc.IngestServiceServicer):
    def __init__(self, intake: CallIntake) -> None:
        self._intake = intake

    async def ReportCallArrived(
        self, request: ingest_pb2.ReportCallArrivedRequest, context: grpc.aio.ServicerContext
    ) -> ingest_pb2.ReportCallArrivedResponse:
        try:
            arrival = CallArrival(
                tenant_id=request.tenant_id,
                caller_number=request.caller_number,
                dialed_number=request.dialed_number,
                provider=request.provider or "simulated",
                provider_call_id=request.provider_call_id,
            )
        except ValidationError as exc:
            await invalid_argument(context, exc)
        try:
            call_id = await self._intake.report_arrival(arrival)
        except EventLogUnavailable:
            await context.abort(grpc.StatusCode.UNAVAILABLE, "event log unavailable; retry")
        return ingest_pb2.ReportCallArrivedResponse(call_id=call_id)
