"""HTTP API: the customers' admin routes, with refusals that name the field at fault."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from chassis.http import Readiness, create_app
from crm_lookup.domain.errors import Conflict, Invalid, NotFound
from crm_lookup.entrypoints.customer_routes import customer_routes
from crm_lookup.service.admin import CustomerAdmin
from crm_lookup.service.ports import StoreUnavailable

RETRY_AFTER_S = "2"


def build_http_app(admin: CustomerAdmin, ready: Readiness) -> FastAPI:
    app = create_app(
        "callcenter crm-lookup",
        ready,
        description=(
            "A tenant's customers: the records the screen pop shows when they call. "
            "See docs/crm.md."
        ),
    )

    @app.exception_handler(StoreUnavailable)
    async def _unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        return JSONResponse(
            {"detail": f"{exc}; nothing changed, retry"},
            status_code=503,
            headers={"Retry-After": RETRY_AFTER_S},
        )

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=409)

    @app.exception_handler(Invalid)
    async def _invalid(request: Request, exc: Invalid) -> JSONResponse:
        """Shaped like FastAPI's own validation errors: a list naming the field."""
        where = "query" if request.method == "GET" else "body"
        parts = [int(p) if p.isdigit() else p for p in exc.field.split(".") if p]
        loc = [where, *parts]
        error = {"type": "value_error", "loc": loc, "msg": exc.message}
        return JSONResponse({"detail": [error]}, status_code=422)

    app.include_router(customer_routes(admin))
    return app
