"""The supervisors' dashboard: one static page and its script and style, served from
the package (no build step, nothing from elsewhere), fed by the event stream."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def mount(app: FastAPI) -> None:
    @app.get("/dashboard", include_in_schema=False)
    async def page() -> FileResponse:
        """GET /dashboard?tenant=acme: a tile per queue, updated live."""
        return FileResponse(STATIC / "dashboard.html", headers={"Cache-Control": "no-cache"})

    app.mount("/dashboard/static", StaticFiles(directory=STATIC), name="dashboard-static")
