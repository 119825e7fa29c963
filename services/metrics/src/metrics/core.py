"""The metrics of the partitions this worker holds: the state tables, the domain engine
over them, the alert desk and the history of final windows. No I/O: the worker feeds
it events and ticks, the HTTP API reads it."""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter.v1.envelope_pb2 import Event
from metrics.alerting import AlertDesk
from metrics.domain import AlertSettings, Applied, IntervalMetrics, MetricsConfig, MetricsEngine
from metrics.history import History
from metrics.state.tables import StateTables


@dataclass
class Produced:
    """What handling events or a tick gives the world: final windows, alert events."""

    windows: list[IntervalMetrics] = field(default_factory=list)
    alerts: list[Event] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.windows or self.alerts)


MAX_ADVANCE_MS = 10 * 60_000


class MetricsCore:
    def __init__(
        self,
        config: MetricsConfig,
        alert_settings: AlertSettings,
        alert_window_s: int,
        history_ms: int,
        tables: StateTables | None = None,
    ) -> None:
        self.config = config
        self.tables = tables if tables is not None else StateTables()
        self.engine = MetricsEngine(config, self.tables.domain())
        self.alerts = AlertDesk(config, alert_settings, alert_window_s, self.tables.alerts)
        self.history = History(self.tables.history, history_ms)
        self.version = 0  # moves on with every change: readers know when to look again

    def apply(self, event: Event, partition: int, produced: Produced) -> Applied:
        """One event of the calls or agents topic, read from `partition`."""
        self.tables.partitions[event.tenant_id] = partition
        applied = self.engine.apply(event)
        if applied.final:
            self.history.record(applied.final)
            produced.windows.extend(applied.final)
        self.version += 1
        return applied

    def tick(self, now_ms: int) -> Produced:
        """Wall-clock time passed (call only while caught up with the topics): quiet
        tenants' windows become final, and queues are judged for alerts. A clock moves
        at most MAX_ADVANCE_MS per tick: after hours without events, the finalizing is
        spread over ticks instead of holding up the worker (and the API) at once."""
        produced = Produced()
        for tenant_id in self.tenant_ids():
            clock = self.engine.clock(tenant_id)
            moved_to = min(now_ms, clock.watermark + MAX_ADVANCE_MS) if clock else now_ms
            final = self.engine.advance(tenant_id, moved_to)
            self.history.record(final)
            produced.windows.extend(final)
            produced.alerts.extend(self.alerts.judge(self.engine, tenant_id, now_ms))
        self.version += 1
        return produced

    def tenant_ids(self) -> list[str]:
        """Tenants with state here (events seen, in the partitions held)."""
        return [t for t in self.tables.tenant_ids() if self.engine.clock(t) is not None]

    def knows(self, tenant_id: str) -> bool:
        return tenant_id in self.alerts.configured or self.engine.clock(tenant_id) is not None
