"""FastAPI app factory: liveness, readiness, Prometheus metrics, tracing; and serving it in-loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chassis.telemetry import tracing_enabled

Readiness = Callable[[], bool]

HTTP_REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "route", "status"])
HTTP_SECONDS = Histogram("http_request_seconds", "HTTP request duration", ["method", "route"])


class RequestMetrics:
    """Counts and times every request, labelled by route template, never the raw path,
    so labels stay bounded. Plain ASGI: BaseHTTPMiddleware costs a task per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            route = str(getattr(scope.get("route"), "path", "unmatched"))
            HTTP_REQUESTS.labels(scope["method"], route, str(status)).inc()
            HTTP_SECONDS.labels(scope["method"], route).observe(time.perf_counter() - started)


def create_app(title: str, ready: Readiness, **kwargs: object) -> FastAPI:
    app = FastAPI(title=title, **kwargs)  # type: ignore[arg-type]

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> Response:
        if ready():
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "starting"}, status_code=503)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(RequestMetrics)

    if tracing_enabled():
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics")
    return app


class HttpServer:
    """Runs uvicorn inside the service's own event loop, stoppable on shutdown."""

    def __init__(self, app: FastAPI, port: int, host: str = "0.0.0.0") -> None:
        config = uvicorn.Config(app, host=host, port=port, log_config=None, lifespan="off")
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()  # re-raise why it could not start (port taken, ...)
            await asyncio.sleep(0.01)

    @property
    def port(self) -> int:
        return int(self._server.servers[0].sockets[0].getsockname()[1])

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task:
            await self._task
