"""gRPC lookup API (callcenter.v1.CustomerLookupService): who a number or an account number
is, and a customer with their recent interactions. A tenant sees only its own customers."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeAlias, TypeVar

import grpc
from pydantic import BaseModel, ValidationError

from callcenter.v1 import crm_pb2, crm_pb2_grpc
from chassis.grpc_errors import invalid_argument
from crm_lookup.domain.customers import TenantId
from crm_lookup.domain.errors import Invalid, NotFound
from crm_lookup.domain.identification import summary
from crm_lookup.service.lookup import CustomerLookup
from crm_lookup.service.ports import StoreUnavailable

T = TypeVar("T")
Context: TypeAlias = grpc.aio.ServicerContext


class _Tenant(BaseModel):
    tenant_id: TenantId


async def _tenant(context: Context, tenant_id: str) -> str:
    try:
        return _Tenant(tenant_id=tenant_id).tenant_id
    except ValidationError as exc:
        await invalid_argument(context, exc)


async def _answer(context: Context, answer: Awaitable[T]) -> T:
    """The answer, or the status that says why there is none."""
    try:
        return await answer
    except Invalid as exc:
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(exc))
    except NotFound as exc:
        await context.abort(grpc.StatusCode.NOT_FOUND, str(exc))
    except StoreUnavailable as exc:
        await context.abort(grpc.StatusCode.UNAVAILABLE, f"{exc}; retry")
    raise AssertionError("unreachable: abort raises")


class CustomerLookupServicer(crm_pb2_grpc.CustomerLookupServiceServicer):
    def __init__(self, lookup: CustomerLookup) -> None:
        self._lookup = lookup

    async def LookUpByPhone(
        self, request: crm_pb2.LookUpByPhoneRequest, context: Context
    ) -> crm_pb2.LookUpByPhoneResponse:
        tenant_id = await _tenant(context, request.tenant_id)
        found = await _answer(context, self._lookup.by_phone(tenant_id, request.phone_number))
        return crm_pb2.LookUpByPhoneResponse(identification=found)

    async def LookUpByAccount(
        self, request: crm_pb2.LookUpByAccountRequest, context: Context
    ) -> crm_pb2.LookUpByAccountResponse:
        tenant_id = await _tenant(context, request.tenant_id)
        found = await _answer(context, self._lookup.by_account(tenant_id, request.account_number))
        return crm_pb2.LookUpByAccountResponse(identification=found)

    async def GetCustomer(
        self, request: crm_pb2.GetCustomerRequest, context: Context
    ) -> crm_pb2.GetCustomerResponse:
        tenant_id = await _tenant(context, request.tenant_id)
        if not request.customer_id:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "customer_id: empty")
        customer, recent = await _answer(
            context, self._lookup.customer(tenant_id, request.customer_id)
        )
        return crm_pb2.GetCustomerResponse(
            customer=summary(customer), recent_interactions=[i.summary() for i in recent]
        )
