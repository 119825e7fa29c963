"""Real-time call-center metrics, without I/O: live state, interval windows, final
results and alerts, computed in event time from call and agent events.

The service feeds `MetricsEngine.apply` one event at a time and keeps `Tables` in its
checkpointed state (metrics.state); `metrics.reference` recomputes the same figures in
one batch pass.
Definitions: docs/metrics.md.
"""

from metrics.domain.alert_rules import AlertSettings, readings, rules_for
from metrics.domain.alerts import AlertCleared, AlertEvaluator, AlertKind, AlertRaised, AlertRule
from metrics.domain.config import MetricsConfig, QueueTargets, config_from_tenants
from metrics.domain.contributions import TENANT, Count, agent_scope, queue_scope
from metrics.domain.engine import Applied, MetricsEngine, Tables
from metrics.domain.facts import Outcome
from metrics.domain.live import LiveSnapshot, Presence
from metrics.domain.results import IntervalMetrics, ServiceLevel

__all__ = [
    "TENANT",
    "AlertCleared",
    "AlertEvaluator",
    "AlertKind",
    "AlertRaised",
    "AlertRule",
    "AlertSettings",
    "Applied",
    "Count",
    "IntervalMetrics",
    "LiveSnapshot",
    "MetricsConfig",
    "MetricsEngine",
    "Outcome",
    "Presence",
    "QueueTargets",
    "ServiceLevel",
    "Tables",
    "agent_scope",
    "config_from_tenants",
    "queue_scope",
    "readings",
    "rules_for",
]
