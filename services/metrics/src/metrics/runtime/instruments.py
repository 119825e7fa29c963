"""The worker's own Prometheus instruments (the figures themselves: api.prometheus).
Labels are bounded: window size, alert kind; never a tenant's call or agent id."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from metrics.core import Produced
from metrics.state.call_log import Change

WINDOWS_PUBLISHED = Counter(
    "callcenter_metrics_windows_published_total", "Final windows published", ["size"]
)
ALERT_EVENTS = Counter(
    "callcenter_metrics_alert_events_total", "Queue alerts raised or cleared", ["event_type"]
)
CHECKPOINT_RECORDS = Histogram(
    "callcenter_metrics_checkpoint_records",
    "State keys written per checkpoint",
    buckets=(1, 10, 100, 1_000, 10_000, 100_000),
)


def count_outputs(produced: Produced) -> None:
    for window in produced.windows:
        WINDOWS_PUBLISHED.labels(f"{(window.end_ms - window.start_ms) // 60_000}m").inc()
    for event in produced.alerts:
        ALERT_EVENTS.labels(event.event_type).inc()


def count_checkpoint(changes: dict[int, list[Change]]) -> None:
    CHECKPOINT_RECORDS.observe(sum(len(partition) for partition in changes.values()))
