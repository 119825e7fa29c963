"""Every queue of a tenant judged at each tick against its targets (domain.alerts does
the hysteresis), and what is decided turned into events about the queue.

The judged figures: the service level and abandon rate of the queue's rolling window
(METRICS_ALERT_WINDOW_S) and its live longest wait. Queues are those of the tenants
file and any other the tenant's events name.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from callcenter.v1.envelope_pb2 import Event
from metrics.domain import (
    AlertEvaluator,
    AlertSettings,
    MetricsConfig,
    MetricsEngine,
    queue_scope,
    readings,
    rules_for,
)
from metrics.domain.book import SEP
from metrics.domain.contributions import QUEUE_PREFIX
from metrics.domain.live import LiveSnapshot
from metrics.outputs import alert_event

SEQUENCE = "#sequence"  # per queue: the sequence of its alert events (one writer: this)


class AlertDesk:
    def __init__(
        self,
        config: MetricsConfig,
        settings: AlertSettings,
        window_s: int,
        store: MutableMapping[str, Any],
    ) -> None:
        self.config = config
        self.settings = settings
        self.window_s = window_s
        self.store = store
        self.evaluator = AlertEvaluator(store)
        self.configured: dict[str, set[str]] = {}
        for tenant_id, queue_id in config.queue_targets:
            self.configured.setdefault(tenant_id, set()).add(queue_id)

    def queues(self, engine: MetricsEngine, tenant_id: str, live: LiveSnapshot) -> list[str]:
        seen = {
            scope.removeprefix(QUEUE_PREFIX)
            for scope in engine.scopes(tenant_id)
            if scope.startswith(QUEUE_PREFIX)
        }
        return sorted(self.configured.get(tenant_id, set()) | seen | set(live.queues))

    def judge(self, engine: MetricsEngine, tenant_id: str, now_ms: int) -> list[Event]:
        """Judge the tenant's queues at `now_ms`; the alerts raised or cleared."""
        live = engine.live(tenant_id, now_ms)
        events = []
        for queue_id in self.queues(engine, tenant_id, live):
            window = engine.rolling(tenant_id, queue_scope(queue_id), self.window_s, now_ms)
            values = readings(window, live.queues.get(queue_id), self.settings)
            targets = self.config.targets(tenant_id, queue_id)
            for rule in rules_for(targets, self.settings):
                fact = self.evaluator.observe(tenant_id, queue_id, rule, values[rule.kind], now_ms)
                if fact is not None:
                    events.append(alert_event(fact, self._next(tenant_id, queue_id), self.window_s))
        return events

    def _next(self, tenant_id: str, queue_id: str) -> int:
        key = SEP.join((tenant_id, queue_id, SEQUENCE))
        sequence = int(self.store.get(key, 0)) + 1
        self.store[key] = sequence
        return sequence

    def raised(self, tenant_id: str) -> list[dict[str, Any]]:
        """The tenant's alerts raised and not cleared: queue, kind, since when."""
        active = []
        for key, state in self.store.items():
            tenant, queue_id, kind = key.split(SEP)
            if tenant == tenant_id and kind != SEQUENCE and state["raised_at"] is not None:
                active.append({"queue_id": queue_id, "kind": kind, "raised_at": state["raised_at"]})
        return sorted(active, key=lambda alert: (alert["queue_id"], alert["kind"]))
