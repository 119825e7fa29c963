"""Running a service: start its parts in order, stop them in reverse on SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from chassis.telemetry import shutdown_tracing

log = logging.getLogger(__name__)


class Component(Protocol):
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


async def serve(
    components: Sequence[Component],
    grace_s: float,
    on_started: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Start everything, wait for a stop signal, then stop: the components listed first
    (the ones taking work in, such as servers) stop taking work first, and each part
    finishes what it has in flight within the grace period."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    started: list[Component] = []
    try:
        for component in reversed(components):  # dependencies (listed last) first
            await component.start()
            started.append(component)
        if on_started:
            await on_started()
        log.info("service started")
        await stop.wait()
        log.info("stopping: no new work, finishing what is in flight")
    finally:
        for component in reversed(started):
            try:
                await asyncio.wait_for(component.stop(), timeout=grace_s)
            except Exception:
                log.exception(
                    "component did not stop cleanly", extra={"component": repr(component)}
                )
        shutdown_tracing()
        log.info("service stopped")
