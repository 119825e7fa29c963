"""The gRPC lookup API on a real server and a real store: results, errors that name the
field, and tenants kept apart."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import grpc
import pytest

from callcenter.v1 import crm_pb2, crm_pb2_grpc
from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_AMBIGUOUS,
    IDENTIFICATION_RESULT_IDENTIFIED,
    IDENTIFICATION_RESULT_UNKNOWN,
    CallConnected,
    CallReceived,
    CustomerIdentified,
)
from callcenter.v1.envelope_pb2 import Event
from chassis.grpc_server import GrpcServer
from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.adapters.interactions_sql import SqlInteractions
from crm_lookup.domain.customers import Customer
from crm_lookup.entrypoints.grpc_api import CustomerLookupServicer
from crm_lookup.main import LOOKUP_SERVICE
from crm_lookup.service.lookup import CustomerLookup

pytestmark = pytest.mark.integration
Events = Callable[..., Event]
JEANNE = Customer("c1", "Jeanne", ("+33612345678",), ("4242001",), "fr", "retail", "gold")
PAUL = Customer("c2", "Paul", ("+33612345678", "+33970000001"), (), "fr")


@pytest.fixture
async def stub(
    database: Database, call_event: Events
) -> AsyncIterator[crm_pb2_grpc.CustomerLookupServiceStub]:
    customers, interactions = SqlCustomers(database), SqlInteractions(database.engine)
    await customers.create("acme", JEANNE)
    await customers.create("acme", PAUL)
    identified = CustomerIdentified(
        result=IDENTIFICATION_RESULT_IDENTIFIED, customer_id="c1", looked_up_by="caller_number"
    )
    for event in [
        call_event(CallReceived(), call_id="earlier", at=100),
        call_event(identified, call_id="earlier", at=101),
        call_event(CallConnected(agent_id="a7", queue_id="billing"), call_id="earlier", at=130),
    ]:
        await interactions.record(event)
    servicer = CustomerLookupServicer(CustomerLookup(customers, interactions, default_region="FR"))
    server = GrpcServer(
        0,
        [lambda s: crm_pb2_grpc.add_CustomerLookupServiceServicer_to_server(servicer, s)],
        [LOOKUP_SERVICE],
    )
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        yield crm_pb2_grpc.CustomerLookupServiceStub(channel)
    await server.stop(0)


async def test_look_up_by_phone(stub: crm_pb2_grpc.CustomerLookupServiceStub) -> None:
    by_paul = await stub.LookUpByPhone(
        crm_pb2.LookUpByPhoneRequest(tenant_id="acme", phone_number="09 70 00 00 01")
    )
    found = by_paul.identification
    assert (found.result, found.customer_id, found.looked_up_value) == (
        IDENTIFICATION_RESULT_IDENTIFIED,
        "c2",
        "+33970000001",
    )
    shared = await stub.LookUpByPhone(
        crm_pb2.LookUpByPhoneRequest(tenant_id="acme", phone_number="+33612345678")
    )
    assert shared.identification.result == IDENTIFICATION_RESULT_AMBIGUOUS
    assert list(shared.identification.candidate_customer_ids) == ["c1", "c2"]
    nobody = await stub.LookUpByPhone(
        crm_pb2.LookUpByPhoneRequest(tenant_id="globex", phone_number="+33612345678")
    )
    assert nobody.identification.result == IDENTIFICATION_RESULT_UNKNOWN


async def test_look_up_by_account_with_the_history(
    stub: crm_pb2_grpc.CustomerLookupServiceStub,
) -> None:
    found = (
        await stub.LookUpByAccount(
            crm_pb2.LookUpByAccountRequest(tenant_id="acme", account_number="4242001")
        )
    ).identification
    assert (found.result, found.customer.name, found.looked_up_by) == (
        IDENTIFICATION_RESULT_IDENTIFIED,
        "Jeanne",
        "account_number",
    )
    [earlier] = found.recent_interactions
    assert (earlier.call_id, earlier.agent_id, earlier.outcome, earlier.wait.seconds) == (
        "earlier",
        "a7",
        "answered",
        0,
    )
    other = await stub.LookUpByAccount(
        crm_pb2.LookUpByAccountRequest(tenant_id="globex", account_number="4242001")
    )
    assert other.identification.result == IDENTIFICATION_RESULT_UNKNOWN


async def test_get_customer(stub: crm_pb2_grpc.CustomerLookupServiceStub) -> None:
    answer = await stub.GetCustomer(crm_pb2.GetCustomerRequest(tenant_id="acme", customer_id="c1"))
    assert answer.customer.name == "Jeanne" and list(answer.customer.account_numbers) == ["4242001"]
    assert [i.call_id for i in answer.recent_interactions] == ["earlier"]
    for tenant_id in ("acme", "globex"):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            customer_id = "c9" if tenant_id == "acme" else "c1"
            await stub.GetCustomer(
                crm_pb2.GetCustomerRequest(tenant_id=tenant_id, customer_id=customer_id)
            )
        assert refused.value.code() == grpc.StatusCode.NOT_FOUND
        assert refused.value.details().startswith("customer_id: no customer")


@pytest.mark.parametrize(
    ("call", "message", "field"),
    [
        (
            "LookUpByPhone",
            crm_pb2.LookUpByPhoneRequest(tenant_id="acme", phone_number="+33 6"),
            "phone_number",
        ),
        ("LookUpByPhone", crm_pb2.LookUpByPhoneRequest(phone_number="+33612345678"), "tenant_id"),
        ("LookUpByAccount", crm_pb2.LookUpByAccountRequest(tenant_id="acme"), "account_number"),
        ("GetCustomer", crm_pb2.GetCustomerRequest(tenant_id="acme"), "customer_id"),
        (
            "GetCustomer",
            crm_pb2.GetCustomerRequest(tenant_id="ACME!", customer_id="c1"),
            "tenant_id",
        ),
    ],
)
async def test_invalid_arguments_name_the_field(
    stub: crm_pb2_grpc.CustomerLookupServiceStub, call: str, message: object, field: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await getattr(stub, call)(message)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert refused.value.details().startswith(f"{field}: ")
