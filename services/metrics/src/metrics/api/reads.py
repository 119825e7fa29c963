"""What the API answers, read from the core at `now` (reads never write): the live
snapshot of a tenant with its rolling windows and last hour, interval history,
abandon lists and alerts. Plain JSON-ready dicts; figures as in docs/metrics.md."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from metrics.core import MetricsCore
from metrics.domain import TENANT, IntervalMetrics, agent_scope, queue_scope
from metrics.domain.book import SEP
from metrics.domain.live import Presence

HOUR_MS = 3_600_000
SERIES_COUNTS = ("offered", "answered", "answered_within_t", "abandoned", "short_abandoned")


def window_name(seconds: int) -> str:
    return f"{seconds // 60}m"


def figures(window: IntervalMetrics) -> dict[str, Any]:
    """A window's figures without its lists (the abandons have their own endpoint)."""
    return {
        "start_ms": window.start_ms,
        "end_ms": window.end_ms,
        "final": window.final,
        "counts": window.counts,
        "service_level": window.service_level,
        "measures": window.measures,
        "agent_time_s": window.agent_time_s,
    }


def queue_ids(core: MetricsCore, tenant_id: str, now_ms: int) -> list[str]:
    return core.alerts.queues(core.engine, tenant_id, core.engine.live(tenant_id, now_ms))


def knows_queue(core: MetricsCore, tenant_id: str, queue_id: str, now_ms: int) -> bool:
    return queue_id in queue_ids(core, tenant_id, now_ms)


def rolling(core: MetricsCore, tenant_id: str, scope: str, now_ms: int) -> dict[str, Any]:
    engine = core.engine
    return {
        window_name(s): figures(engine.rolling(tenant_id, scope, s, now_ms))
        for s in core.config.rolling_s
    }


def series(core: MetricsCore, tenant_id: str, scope: str, now_ms: int) -> list[dict[str, int]]:
    """The last hour minute by minute: the counts a chart needs (a trailing service level
    is their running sum), straight from the bucket tallies."""
    bucket_ms = core.config.bucket_ms
    clock = core.engine.clock(tenant_id)
    now = max(now_ms, clock.watermark) if clock else now_ms
    end = now - now % bucket_ms + bucket_ms
    start = end - HOUR_MS
    tallies = dict(core.engine.book.stored(tenant_id, scope, start, end))
    points = []
    for bucket in range(start, end, bucket_ms):
        counts = tallies[bucket].counts if bucket in tallies else {}
        points.append({"start_ms": bucket, **{n: counts.get(n, 0) for n in SERIES_COUNTS}})
    return points


def snapshot(core: MetricsCore, tenant_id: str, now_ms: int) -> dict[str, Any]:
    engine = core.engine
    live = engine.live(tenant_id, now_ms)
    raised = core.alerts.raised(tenant_id)
    clock = engine.clock(tenant_id)
    queues = []
    for queue_id in core.alerts.queues(engine, tenant_id, live):
        scope = queue_scope(queue_id)
        targets = core.config.targets(tenant_id, queue_id)
        queues.append(
            {
                "queue_id": queue_id,
                "targets": asdict(targets),
                "live": asdict(live.queues.get(queue_id, Presence())),
                "windows": rolling(core, tenant_id, scope, now_ms),
                "series": series(core, tenant_id, scope, now_ms),
                "alerts": [a["kind"] for a in raised if a["queue_id"] == queue_id],
            }
        )
    return {
        "tenant_id": tenant_id,
        "at_ms": live.at_ms,
        "watermark_ms": clock.watermark if clock else None,
        "late_events": clock.late_events if clock else 0,
        "ivr": {"calls_in_ivr": live.calls_in_ivr, "longest_in_ivr_s": live.longest_in_ivr_s},
        "tenant": {"live": asdict(live.total), "windows": rolling(core, tenant_id, TENANT, now_ms)},
        "queues": queues,
        "alerts": raised,
    }


def intervals(
    core: MetricsCore,
    tenant_id: str,
    scope: str,
    size_s: int,
    from_ms: int,
    to_ms: int,
    now_ms: int,
) -> list[dict[str, Any]]:
    """Tumbling windows of `size_s` starting in [from_ms, to_ms): final ones from the
    history, the ones still open as they stand."""
    size_ms = size_s * 1000
    clock = core.engine.clock(tenant_id)
    final_before = clock.final_before if clock else 0
    windows = core.history.windows(tenant_id, scope, size_ms, from_ms, min(to_ms, final_before))
    open_from = max(from_ms + -from_ms % size_ms, final_before - final_before % size_ms)
    for start in range(open_from, min(to_ms, max(now_ms, final_before)), size_ms):
        window = core.engine.window(tenant_id, scope, start, start + size_ms, now_ms)
        if not window.final:
            windows.append(window.to_json())
    return windows


def abandons(
    core: MetricsCore, tenant_id: str, queue_id: str, window_s: int, now_ms: int
) -> dict[str, Any]:
    window = core.engine.rolling(tenant_id, queue_scope(queue_id), window_s, now_ms)
    return {
        "tenant_id": tenant_id,
        "queue_id": queue_id,
        "start_ms": window.start_ms,
        "end_ms": window.end_ms,
        "abandons": window.abandons,
        "abandons_unlisted": window.abandons_unlisted,
    }


def knows_agent(core: MetricsCore, tenant_id: str, agent_id: str) -> bool:
    if tenant_id + SEP + agent_id in core.tables.agents:
        return True
    return agent_scope(agent_id) in core.engine.scopes(tenant_id)
