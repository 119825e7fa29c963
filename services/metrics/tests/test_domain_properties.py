"""The stream equals the batch reference, whatever the arrival order within the grace
period, with redelivered events, and with the state restored from JSON at any point.

Histories are realistic (metrics.reference.histories); delays stay under the grace
period, so no event is late: how late events are handled is in test_domain_windows.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcenter.v1.envelope_pb2 import Event
from metrics.domain import IntervalMetrics, MetricsConfig, MetricsEngine, Outcome, Tables
from metrics.reference.batch import Reference
from metrics.reference.histories import Shape, deliveries, history

HOUR = 3_600_000


def restored(engine: MetricsEngine) -> MetricsEngine:
    """A new engine on the tables as a changelog restore would give them back."""
    tables = engine.tables
    stored = {name: json.loads(json.dumps(dict(getattr(tables, name)))) for name in vars(tables)}
    return MetricsEngine(engine.config, Tables(**stored))


def stream(
    events: list[Event], config: MetricsConfig, restore_at: set[int]
) -> tuple[MetricsEngine, list[IntervalMetrics]]:
    engine = MetricsEngine(config)
    published: list[IntervalMetrics] = []
    for n, event in enumerate(events):
        applied = engine.apply(event)
        # First deliveries are within the grace period; a late redelivery is dropped.
        assert not applied.late or applied.outcome is not Outcome.APPLIED
        published += applied.final
        if n in restore_at:
            engine = restored(engine)
    return engine, published


def ordered(windows: list[IntervalMetrics]) -> list[IntervalMetrics]:
    return sorted(windows, key=lambda w: (w.start_ms, w.end_ms, w.scope))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    calls=st.integers(1, 8),
    agents=st.integers(1, 3),
    grace_s=st.sampled_from([5, 30]),
    redeliveries=st.integers(0, 8),
)
def test_stream_equals_batch(
    data: st.DataObject, calls: int, agents: int, grace_s: int, redeliveries: int
) -> None:
    def draw(low: int, high: int) -> int:
        return data.draw(st.integers(low, high))

    config = MetricsConfig(grace_s=grace_s)
    shape = Shape(calls=calls, agents=tuple(f"a{n}" for n in range(agents)))
    events = history(draw, shape)
    arrivals = deliveries(events, draw, config.grace_ms - 1, redeliveries)
    restore_at = data.draw(st.sets(st.integers(0, len(arrivals) - 1), max_size=3))

    engine, published = stream(arrivals, config, restore_at)
    reference = Reference(events, config)
    tenant, now = shape.tenant_id, engine.clock(shape.tenant_id).watermark  # type: ignore[union-attr]

    assert engine.live(tenant, now) == reference.live(tenant, now)
    for scope in sorted(reference.scopes(tenant)):
        for length_s in config.rolling_s:
            live = engine.rolling(tenant, scope, length_s, now)
            assert live == reference.window(tenant, scope, live.start_ms, live.end_ms, now, now)
    published += engine.advance(tenant, now + HOUR)
    assert ordered(published) == ordered(reference.final_windows(tenant, now + HOUR))
