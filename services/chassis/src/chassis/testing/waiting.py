"""Wait on a condition with a deadline: tests never sleep for a fixed time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T] | T],
    *,
    timeout: float = 60.0,
    interval: float = 0.1,
    what: str = "condition",
) -> T:
    """Call `probe` until it returns something truthy; fail with `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    last: object = None
    while True:
        result = probe()
        if asyncio.iscoroutine(result) or isinstance(result, Awaitable):
            result = await result
        if result:
            return result
        last = result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not met within {timeout} s (last value: {last!r})")
        await asyncio.sleep(interval)


def eventually_sync(
    probe: Callable[[], T], *, timeout: float = 60.0, interval: float = 0.1, what: str = "condition"
) -> T:
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not met within {timeout} s (last value: {result!r})")
        time.sleep(interval)
