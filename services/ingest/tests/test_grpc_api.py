"""The PBX adapter gRPC API, served by the chassis server."""

from __future__ import annotations

import grpc
import pytest

from callcenter.v1 import ingest_pb2, ingest_pb2_grpc
from chassis.grpc_server import GrpcServer
from ingest.grpc_api import IngestServicer
from ingest.intake import CallIntake

pytestmark = pytest.mark.integration


async def test_report_over_grpc(intake: CallIntake) -> None:
    servicer = IngestServicer(intake)
    server = GrpcServer(
        0, [lambda s: ingest_pb2_grpc.add_IngestServiceServicer_to_server(servicer, s)], []
    )
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = ingest_pb2_grpc.IngestServiceStub(channel)
            request = ingest_pb2.ReportCallArrivedRequest(
                tenant_id="acme",
                caller_number="+442071838750",
                dialed_number="+442079460000",
                provider_call_id="sip-1",
            )
            reply = await stub.ReportCallArrived(request)
            assert reply.call_id
            request.caller_number = "not a number"
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await stub.ReportCallArrived(request)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert error.value.details().startswith("caller_number: not a phone number")
    finally:
        await server.stop(0)
