"""The PBX adapter gRPC API, served by the chassis server, on a real broker."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import grpc
import pytest

from callcenter.v1 import ingest_pb2, ingest_pb2_grpc
from chassis.grpc_server import GrpcServer
from ingest.domain import CallDirectory, NumberPlan, RecentReports
from ingest.entrypoints.grpc_api import IngestServicer
from ingest.service.intake import CallIntake
from ingest.service.ports import EventLogUnavailable

pytestmark = pytest.mark.integration
Event = ingest_pb2.ProviderCallEvent


@contextlib.asynccontextmanager
async def serving(intake: CallIntake) -> AsyncIterator[ingest_pb2_grpc.IngestServiceStub]:
    servicer = IngestServicer(intake)
    server = GrpcServer(
        0, [lambda s: ingest_pb2_grpc.add_IngestServiceServicer_to_server(servicer, s)], []
    )
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            yield ingest_pb2_grpc.IngestServiceStub(channel)
    finally:
        await server.stop(0)


@pytest.fixture
async def stub(intake: CallIntake) -> AsyncIterator[ingest_pb2_grpc.IngestServiceStub]:
    async with serving(intake) as served:
        yield served


async def refusal(call: object) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call  # type: ignore[misc]
    return error.value


async def test_a_call_reported_over_grpc(stub: ingest_pb2_grpc.IngestServiceStub) -> None:
    arrived = ingest_pb2.ReportCallArrivedRequest(
        caller_number="+442071838750", dialed_number="+33 9 70 00 00 00", provider_call_id="sip-1"
    )
    call_id = (await stub.ReportCallArrived(arrived)).call_id
    assert call_id and (await stub.ReportCallArrived(arrived)).call_id == call_id

    event = Event(tenant_id="acme", provider_call_id="sip-1", provider_event_id="e1")
    answered = await stub.ReportCallAnswered(ingest_pb2.ReportCallAnsweredRequest(event=event))
    event.provider_event_id = "e2"
    pressed = await stub.ReportDigits(ingest_pb2.ReportDigitsRequest(event=event, digits="9"))
    event.provider_event_id = "e3"
    hung_up = await stub.ReportHangUp(ingest_pb2.ReportHangUpRequest(event=event))
    assert answered.call_id == pressed.call_id == hung_up.call_id == call_id


async def test_refusals_name_the_field(stub: ingest_pb2_grpc.IngestServiceStub) -> None:
    arrived = ingest_pb2.ReportCallArrivedRequest(
        caller_number="not a number", dialed_number="+33970000000", provider_call_id="sip-2"
    )
    malformed = await refusal(stub.ReportCallArrived(arrived))
    assert malformed.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert malformed.details().startswith("caller_number: not a phone number")

    arrived.caller_number, arrived.dialed_number = "+442071838750", "+442079460000"
    unknown_number = await refusal(stub.ReportCallArrived(arrived))
    assert unknown_number.code() == grpc.StatusCode.NOT_FOUND
    assert unknown_number.details().startswith("dialed_number: +442079460000")

    arrived.dialed_number, arrived.tenant_id = "+33970000000", "globex"
    mismatch = await refusal(stub.ReportCallArrived(arrived))
    assert mismatch.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert mismatch.details().startswith("tenant_id: +33970000000 belongs to tenant 'acme'")

    event = Event(provider_call_id="sip-2", provider_event_id="e1")
    unknown_call = await refusal(stub.ReportHangUp(ingest_pb2.ReportHangUpRequest(event=event)))
    assert unknown_call.code() == grpc.StatusCode.NOT_FOUND
    assert unknown_call.details().startswith("provider_call_id: no call 'sip-2'")
    arrived.tenant_id = ""
    await stub.ReportCallArrived(arrived)
    event.tenant_id = "globex"  # acme's call: unknown to another tenant
    foreign = await refusal(stub.ReportHangUp(ingest_pb2.ReportHangUpRequest(event=event)))
    assert foreign.code() == grpc.StatusCode.NOT_FOUND

    bad_digits = await refusal(stub.ReportDigits(ingest_pb2.ReportDigitsRequest(event=event)))
    assert bad_digits.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert bad_digits.details().startswith("digits: String should have at least 1 character")


class DownLog:
    async def record(self, _event: object) -> None:
        raise EventLogUnavailable("broker down")


async def test_unavailable_when_nothing_can_be_recorded(number_plan: NumberPlan) -> None:
    """Kafka down (the HTTP tests show it on a stopped broker), or the directory of calls
    still being rebuilt: UNAVAILABLE, retry."""
    intake = CallIntake(
        number_plan, DownLog(), CallDirectory(), RecentReports(), live=lambda: False
    )
    async with serving(intake) as down:
        arrived = ingest_pb2.ReportCallArrivedRequest(
            caller_number="+442071838750", dialed_number="+33970000000", provider_call_id="x"
        )
        no_log = await refusal(down.ReportCallArrived(arrived))
        event = Event(provider_call_id="x", provider_event_id="e1")
        rebuilding = await refusal(
            down.ReportDigits(ingest_pb2.ReportDigitsRequest(event=event, digits="1"))
        )
    assert no_log.code() == rebuilding.code() == grpc.StatusCode.UNAVAILABLE
    assert no_log.details() == "event log unavailable, nothing was recorded; retry"
    assert rebuilding.details().startswith("the directory of calls is being rebuilt")
