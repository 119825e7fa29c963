"""Final windows kept for the intervals API, in the state (so they survive a restart).

The metrics-intervals topic has every final window for good; the service keeps the
last `keep_ms` of them (METRICS_HISTORY_H), per tenant, scope, size and start.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

from metrics.domain import IntervalMetrics
from metrics.domain.book import SEP


def history_key(tenant_id: str, scope: str, size_ms: int, start_ms: int) -> str:
    return SEP.join((tenant_id, scope, str(size_ms), str(start_ms)))


class History:
    def __init__(self, store: MutableMapping[str, Any], keep_ms: int) -> None:
        self.store = store
        self.keep_ms = keep_ms

    def record(self, windows: Iterable[IntervalMetrics]) -> None:
        """Keep newly final windows; forget the tenant's windows now too old."""
        latest: dict[str, int] = {}
        for window in windows:
            size = window.end_ms - window.start_ms
            key = history_key(window.tenant_id, window.scope, size, window.start_ms)
            self.store[key] = window.to_json()
            latest[window.tenant_id] = max(latest.get(window.tenant_id, 0), window.end_ms)
        for tenant_id, end in latest.items():
            self._forget_before(tenant_id, end - self.keep_ms)

    def _forget_before(self, tenant_id: str, cutoff_ms: int) -> None:
        prefix = tenant_id + SEP
        old = [
            key
            for key in self.store
            if key.startswith(prefix) and int(key.rsplit(SEP, 1)[1]) < cutoff_ms
        ]
        for key in old:
            del self.store[key]

    def windows(
        self, tenant_id: str, scope: str, size_ms: int, start_ms: int, end_ms: int
    ) -> list[dict[str, Any]]:
        """Final windows of the scope starting in [start_ms, end_ms), oldest first (the
        caller bounds the span: one lookup per window size in it)."""
        first = start_ms + -start_ms % size_ms
        found = (
            self.store.get(history_key(tenant_id, scope, size_ms, start))
            for start in range(first, end_ms, size_ms)
        )
        return [window for window in found if window is not None]
