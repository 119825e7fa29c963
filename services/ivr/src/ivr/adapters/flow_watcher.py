"""Picking up edited flow files without a restart: the library looks for changes every few
seconds, as a component of the service (started and stopped with it)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from ivr.adapters.flow_files import FlowLibrary

log = logging.getLogger(__name__)


class FlowWatcher:
    """Looks for edited flow files every `every_s` seconds, as a component of the service."""

    def __init__(self, library: FlowLibrary, every_s: float) -> None:
        self._library = library
        self._every_s = every_s
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._watch(), name="ivr:flow-watcher")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self._every_s)
            try:
                self._library.reload()
            except OSError:
                log.exception("flows directory unreadable; trying again")
