"""HTTP API of the metrics: snapshots, interval history, abandon lists, alerts, a
Server-Sent Events stream and the supervisors' dashboard; plus the chassis' health
endpoints and /metrics (with the figures, api.prometheus).

Unknown tenant, queue or agent: 404 naming it. A bad query parameter: 422 naming it.
While the state is being restored (start, rebalance): 503. Handlers run on the
event loop, between the worker's batches: they read a consistent state.
"""

# No `from __future__ import annotations`: FastAPI reads the handlers' annotations,
# among them a dependency declared inside create_web_app.
import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse

from chassis.http import create_app
from metrics.api import dashboard, reads
from metrics.api.prometheus import FIGURES
from metrics.api.stream import snapshot_events
from metrics.core import MetricsCore
from metrics.domain import TENANT, MetricsConfig, agent_scope, queue_scope
from metrics.runtime.worker import MetricsWorker

PREFIX = "/v1/tenants/{tenant_id}"
FROM = Query(None, alias="from", description="windows starting at or after (ISO 8601)")
TO = Query(None, description="windows starting before (ISO 8601); default: now")


def now_ms() -> int:
    return int(time.time() * 1000)


def _invalid(field: str, message: str) -> RequestValidationError:
    error = {"loc": ("query", field), "msg": message, "type": "value_error"}
    return RequestValidationError([error])


def create_web_app(
    worker: MetricsWorker, ready: Callable[[], bool], config: MetricsConfig, history_ms: int
) -> FastAPI:
    app = create_app("callcenter metrics", ready=ready, description=__doc__)
    app.state.stopping = asyncio.Event()  # set on shutdown: ends the event streams
    tumbling = {reads.window_name(s): s for s in config.tumbling_s}
    rolling = {reads.window_name(s): s for s in config.rolling_s}
    FIGURES.core_of = lambda: worker.core if ready() else None

    async def tenant_core(tenant_id: str) -> MetricsCore:
        core = worker.core
        if core is None or not ready():
            raise HTTPException(503, "the state is being restored", {"Retry-After": "1"})
        if not core.knows(tenant_id):
            raise HTTPException(404, f"unknown tenant {tenant_id!r}")
        return core

    Core = Annotated[MetricsCore, Depends(tenant_core)]

    async def known_queue(tenant_id: str, queue_id: str, core: Core) -> str:
        if not reads.knows_queue(core, tenant_id, queue_id, now_ms()):
            raise HTTPException(404, f"unknown queue {queue_id!r} of tenant {tenant_id!r}")
        return queue_id

    async def known_agent(tenant_id: str, agent_id: str, core: Core) -> str:
        if not reads.knows_agent(core, tenant_id, agent_id):
            raise HTTPException(404, f"unknown agent {agent_id!r} of tenant {tenant_id!r}")
        return agent_id

    async def span(
        size: str = Query("15m", description="a tumbling window size: " + ", ".join(tumbling)),
        start: datetime | None = FROM,
        to: datetime | None = TO,
    ) -> tuple[int, int, int]:
        """(size s, from ms, to ms) of an intervals query."""
        if size not in tumbling:
            raise _invalid("size", f"must be one of {', '.join(tumbling)}")
        to_ms = round(to.timestamp() * 1000) if to else now_ms()
        from_ms = round(start.timestamp() * 1000) if start else to_ms - history_ms
        if from_ms > to_ms:
            raise _invalid("from", "must not be after `to`")
        return tumbling[size], max(from_ms, now_ms() - history_ms), to_ms

    Queue = Annotated[str, Depends(known_queue)]
    Agent = Annotated[str, Depends(known_agent)]
    Span = Annotated[tuple[int, int, int], Depends(span)]

    @app.get(PREFIX + "/snapshot")
    async def get_snapshot(tenant_id: str, core: Core) -> dict[str, Any]:
        """Live state per queue (waiting calls, longest wait, agents by state), the menu,
        rolling windows (5, 15, 60 min) per queue and for the tenant, the last hour
        minute by minute, and the alerts raised."""
        return reads.snapshot(core, tenant_id, now_ms())

    @app.get(PREFIX + "/intervals")
    async def tenant_intervals(tenant_id: str, core: Core, span: Span) -> list[dict[str, Any]]:
        """The tenant's tumbling windows: final ones, then those still open."""
        return reads.intervals(core, tenant_id, TENANT, *span, now_ms())

    @app.get(PREFIX + "/queues/{queue_id}/intervals")
    async def queue_intervals(
        tenant_id: str, queue_id: Queue, core: Core, span: Span
    ) -> list[dict[str, Any]]:
        """A queue's tumbling windows: final ones, then those still open."""
        return reads.intervals(core, tenant_id, queue_scope(queue_id), *span, now_ms())

    @app.get(PREFIX + "/agents/{agent_id}/intervals")
    async def agent_intervals(
        tenant_id: str, agent_id: Agent, core: Core, span: Span
    ) -> list[dict[str, Any]]:
        """An agent's tumbling windows: answered, handled, time in each state, occupancy."""
        return reads.intervals(core, tenant_id, agent_scope(agent_id), *span, now_ms())

    @app.get(PREFIX + "/queues/{queue_id}/abandons")
    async def queue_abandons(
        tenant_id: str,
        queue_id: Queue,
        core: Core,
        window: str = Query("60m", description="a rolling window: " + ", ".join(rolling)),
    ) -> dict[str, Any]:
        """Callers who hung up while waiting in the queue: who to call back."""
        if window not in rolling:
            raise _invalid("window", f"must be one of {', '.join(rolling)}")
        return reads.abandons(core, tenant_id, queue_id, rolling[window], now_ms())

    @app.get(PREFIX + "/alerts")
    async def alerts(tenant_id: str, core: Core) -> dict[str, Any]:
        """Alerts raised and not cleared yet (events on the queue-alerts topic)."""
        return {"tenant_id": tenant_id, "raised": core.alerts.raised(tenant_id)}

    @app.get(PREFIX + "/stream", response_class=StreamingResponse)
    async def stream(tenant_id: str, request: Request, _: Core) -> Any:
        """Server-Sent Events: `snapshot` events (the snapshot above) on every change,
        at least every second."""
        events = snapshot_events(request, lambda: worker.core, tenant_id, app.state.stopping)
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(events, media_type="text/event-stream", headers=headers)

    dashboard.mount(app)
    return app
