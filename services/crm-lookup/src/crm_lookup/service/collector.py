"""Pausing Python's cyclic garbage collector while bulk imports run. An import allocates
millions of short-lived objects, none in a cycle, and the collections those allocations
trigger cost a third of its CPU (docs/benchmarks.md). Reference counting frees them as before;
the collector resumes when the last import ends."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_imports = 0
_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    global _imports
    with _lock:
        _imports += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _imports -= 1
            if not _imports:
                gc.enable()
