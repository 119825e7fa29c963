"""The figures in Prometheus, computed from the core when scraped. Labels are bounded:
tenant, queue, state, window (5m/15m/60m), alert kind; never a call or agent id."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from prometheus_client import REGISTRY
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from metrics.api.reads import window_name
from metrics.core import MetricsCore
from metrics.domain import Presence, queue_scope

Q = ["tenant", "queue"]
QW = ["tenant", "queue", "window"]
Family = GaugeMetricFamily | CounterMetricFamily
# key: (name, help, labels); all gauges but the late events
FAMILIES = {
    "waiting": ("callcenter_queue_calls_waiting", "Calls waiting in the queue now", Q),
    "longest": ("callcenter_queue_longest_wait_seconds", "Longest current wait", Q),
    "sl": ("callcenter_queue_service_level_ratio", "Service level, rolling", QW),
    "ar": ("callcenter_queue_abandon_rate_ratio", "Abandon rate, rolling", QW),
    "asa": ("callcenter_queue_asa_seconds", "Average speed of answer, rolling", QW),
    "offered": ("callcenter_queue_offered_calls", "Calls offered, rolling", QW),
    "agents": ("callcenter_agents", "Logged-in agents by state", ["tenant", "state"]),
    "ivr": ("callcenter_ivr_calls", "Calls in the menu now", ["tenant"]),
    "alerts": ("callcenter_queue_alert_active", "1 while an alert is raised", [*Q, "kind"]),
    "late": ("callcenter_metrics_late_events", "Events for windows already final", ["tenant"]),
}


class FiguresCollector(Collector):
    def __init__(self) -> None:
        self.core_of: Callable[[], MetricsCore | None] = lambda: None

    def collect(self) -> Iterator[Metric]:
        families: dict[str, Family] = {
            key: (CounterMetricFamily if key == "late" else GaugeMetricFamily)(
                name, documentation, labels=labels
            )
            for key, (name, documentation, labels) in FAMILIES.items()
        }
        core = self.core_of()
        if core is not None:
            for tenant_id in core.tenant_ids():
                self._tenant(core, tenant_id, int(time.time() * 1000), families)
        yield from families.values()

    @staticmethod
    def _tenant(
        core: MetricsCore,
        tenant_id: str,
        now_ms: int,
        families: dict[str, Family],
    ) -> None:
        engine = core.engine
        live = engine.live(tenant_id, now_ms)
        families["ivr"].add_metric([tenant_id], live.calls_in_ivr)
        for state, count in live.total.agents_by_state.items():
            families["agents"].add_metric([tenant_id, state], count)
        for queue_id in core.alerts.queues(engine, tenant_id, live):
            presence = live.queues.get(queue_id) or Presence()
            families["waiting"].add_metric([tenant_id, queue_id], presence.calls_waiting)
            if presence.longest_wait_s is not None:
                families["longest"].add_metric([tenant_id, queue_id], presence.longest_wait_s)
            for length_s in core.config.rolling_s:
                window = engine.rolling(tenant_id, queue_scope(queue_id), length_s, now_ms)
                labels = [tenant_id, queue_id, window_name(length_s)]
                families["offered"].add_metric(labels, window.counts["offered"])
                for name, value in (
                    ("sl", window.service_level["standard"]),
                    ("ar", window.measures["abandon_rate"]),
                    ("asa", window.measures["asa_s"]),
                ):
                    if value is not None:
                        families[name].add_metric(labels, value)
        for alert in core.alerts.raised(tenant_id):
            families["alerts"].add_metric([tenant_id, alert["queue_id"], alert["kind"]], 1)
        clock = engine.clock(tenant_id)
        families["late"].add_metric([tenant_id], clock.late_events if clock else 0)


FIGURES = FiguresCollector()
REGISTRY.register(FIGURES)
