"""REST admin API of a tenant's customers: create, read, update, delete, search by pages, and
bulk import from CSV (docs/crm.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from crm_lookup.domain.csv_import import COLUMNS
from crm_lookup.domain.customers import Customer, CustomerDraft, CustomerPatch, TenantId
from crm_lookup.domain.imports import ImportPolicy
from crm_lookup.service.admin import CustomerAdmin, ImportReport, Page, SearchFilters

TenantPath = Annotated[TenantId, Path(examples=["acme"])]
CustomerPath = Annotated[str, Path(max_length=36, description="as given at creation")]
DRAFT_EXAMPLE = {
    "name": "Jeanne Martin",
    "phone_numbers": ["+33 6 12 34 56 78"],
    "account_numbers": ["4242001"],
    "language": "fr",
    "segment": "retail",
    "vip_tier": "gold",
    "notes": "prefers email follow-ups",
}
CSV_EXAMPLE = (
    f"{','.join(COLUMNS)}\n"
    "Jeanne Martin,+33612345678;+33970000001,4242001,fr,retail,gold,prefers email\n"
)
REFUSALS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such customer in the tenant"},
    409: {"description": "An account number already belongs to another customer"},
    422: {"description": "A field is malformed; `loc` names it"},
    503: {"description": "The store is unavailable; nothing changed, retry (Retry-After)"},
}


def customer_routes(admin: CustomerAdmin) -> APIRouter:
    routes = APIRouter(
        prefix="/v1/tenants/{tenant_id}/customers", tags=["customers"], responses=REFUSALS
    )

    @routes.post("", status_code=201)
    async def create_customer(
        tenant_id: TenantPath,
        draft: Annotated[
            CustomerDraft, Body(openapi_examples={"a customer": {"value": DRAFT_EXAMPLE}})
        ],
    ) -> Customer:
        """Phone numbers in any usual form are stored as E.164; an account number names one
        customer of the tenant (409 otherwise)."""
        return await admin.create(tenant_id, draft)

    @routes.get("")
    async def search_customers(
        tenant_id: TenantPath,
        name: Annotated[
            str | None, Query(max_length=200, description="substring, any case")
        ] = None,
        phone_number: Annotated[str | None, Query(max_length=40)] = None,
        account_number: Annotated[str | None, Query(max_length=64)] = None,
        vip_tier: Annotated[str | None, Query(max_length=32, description="'' for non-VIPs")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    ) -> Page:
        """Customers matching every filter given, in creation order, `limit` at a time."""
        filters = SearchFilters(name, phone_number, account_number, vip_tier)
        return await admin.search(tenant_id, filters, limit, cursor)

    @routes.post(
        "/import",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"text/csv": {"schema": {"type": "string"}, "example": CSV_EXAMPLE}},
            }
        },
        responses={422: {"description": "Nothing imported: the report says why, row by row"}},
    )
    async def import_customers(
        tenant_id: TenantPath,
        request: Request,
        on_error: Annotated[
            ImportPolicy, Query(description="reject: all or nothing; skip: import the good rows")
        ] = ImportPolicy.REJECT,
    ) -> ImportReport:
        """A CSV file, UTF-8, header row first (docs/crm.md). Every refused row is reported
        with its row number and field. The file is read as it arrives."""
        report = await admin.import_csv(tenant_id, request.stream(), on_error)
        if report.errors and not report.imported:
            return JSONResponse(jsonable_encoder(report), status_code=422)  # type: ignore[return-value]
        return report

    @routes.get("/{customer_id}")
    async def read_customer(tenant_id: TenantPath, customer_id: CustomerPath) -> Customer:
        return await admin.get(tenant_id, customer_id)

    @routes.patch("/{customer_id}")
    async def update_customer(
        tenant_id: TenantPath,
        customer_id: CustomerPath,
        patch: Annotated[
            CustomerPatch, Body(openapi_examples={"new tier": {"value": {"vip_tier": "platinum"}}})
        ],
    ) -> Customer:
        """Only the fields given change; a list given replaces the customer's list."""
        return await admin.update(tenant_id, customer_id, patch)

    @routes.delete("/{customer_id}", status_code=204)
    async def delete_customer(tenant_id: TenantPath, customer_id: CustomerPath) -> Response:
        """The customer, their numbers and their interaction history."""
        await admin.delete(tenant_id, customer_id)
        return Response(status_code=204)

    return routes
