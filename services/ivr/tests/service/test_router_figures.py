"""The router's figures when the router does not answer: defaults at once, never a wait."""

from __future__ import annotations

import time

from chassis.broker import free_port
from ivr.adapters.router_figures import RouterFigures
from ivr.flows import QueueStatus


async def test_without_a_router_the_figures_are_the_defaults_without_delay() -> None:
    figures = RouterFigures(f"127.0.0.1:{free_port()}", timeout_s=0.5)
    await figures.start()
    try:
        started = time.monotonic()
        joining = await figures.status("acme", "support", None)
        queued = await figures.status("acme", "support", 3)
        assert time.monotonic() - started < 1.5
    finally:
        await figures.stop()
    assert joining == QueueStatus("support", 0.0, None, 0)
    assert queued == QueueStatus("support", 0.0, 3, 0)
