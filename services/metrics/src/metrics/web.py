"""HTTP API: live call counts per tenant, plus the chassis' health endpoints."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from chassis.http import create_app
from metrics.state import tenant_summary
from metrics.topology import Topology


def create_web_app(topology: Topology) -> FastAPI:
    app = create_app("callcenter metrics", ready=topology.ready)

    @app.get("/v1/tenants/{tenant_id}/calls/live", response_model=None)
    async def live_calls(tenant_id: str) -> dict[str, Any] | JSONResponse:
        """Calls of one tenant: received, live (not ended), and by last event type."""
        if not topology.ready():  # counts would be partial while the table restores
            return JSONResponse({"status": "starting"}, status_code=503)
        return tenant_summary(topology.calls(), tenant_id)

    return app
