"""Server-Sent Events: a tenant's snapshot whenever the state changed (at most every
POLL_S) and at least every second, since waits grow with time even when nothing
happens. The stream ends when the client goes away or the server stops."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable

from starlette.requests import Request

from metrics.api.reads import snapshot
from metrics.core import MetricsCore

POLL_S = 0.1
EVERY_S = 1.0


async def snapshot_events(
    request: Request,
    core_of: Callable[[], MetricsCore | None],
    tenant_id: str,
    stopping: asyncio.Event,
) -> AsyncIterator[str]:
    seen_version, sent_at = -1, 0.0
    yield "retry: 1000\n\n"  # how soon a browser reconnects after a restart
    while not stopping.is_set() and not await request.is_disconnected():
        core = core_of()
        now = time.monotonic()
        if core is not None and (core.version != seen_version or now - sent_at >= EVERY_S):
            seen_version, sent_at = core.version, now
            body = json.dumps(snapshot(core, tenant_id, int(time.time() * 1000)))
            yield f"event: snapshot\ndata: {body}\n\n"
        await asyncio.sleep(POLL_S)
