"""What the service publishes: final windows (IntervalMetrics records on the
metrics-intervals topic) and queue alerts (Events on the queue-alerts topic).

Both carry ids fixed by what they are about, so a replay after a crash, which may
publish them again, gives consumers the same ids to upsert or drop.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from callcenter.v1 import metrics_pb2 as pb
from callcenter.v1.common_pb2 import CALL_STAGE_IVR, CALL_STAGE_OFFER, CALL_STAGE_QUEUE
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_QUEUE, Event
from chassis.events import new_event, stable_event_id
from chassis.kafka import EventPublisher
from chassis.kafka.headers import EVENT_TYPE
from metrics.domain import AlertCleared, AlertKind, AlertRaised, IntervalMetrics

PRODUCER = "metrics"
STAGES = {"ivr": CALL_STAGE_IVR, "queue": CALL_STAGE_QUEUE, "offer": CALL_STAGE_OFFER}
KINDS = {
    AlertKind.SERVICE_LEVEL_BELOW_TARGET: pb.ALERT_KIND_SERVICE_LEVEL_BELOW_TARGET,
    AlertKind.ABANDON_RATE_ABOVE_TARGET: pb.ALERT_KIND_ABANDON_RATE_ABOVE_TARGET,
    AlertKind.LONGEST_WAIT_ABOVE_LIMIT: pb.ALERT_KIND_LONGEST_WAIT_ABOVE_LIMIT,
}
AlertFact = AlertRaised | AlertCleared


def _at(ms: int) -> Timestamp:
    ts = Timestamp()
    ts.FromMilliseconds(ms)
    return ts


def _span(ms: int | float) -> Duration:
    duration = Duration()
    duration.FromMilliseconds(round(ms))
    return duration


def interval_id(window: IntervalMetrics) -> str:
    size_s = (window.end_ms - window.start_ms) // 1000
    return f"{window.tenant_id}/{window.scope}/{size_s}/{window.start_ms}"


def interval_message(window: IntervalMetrics) -> pb.IntervalMetrics:
    def present(values: dict[str, float | None]) -> dict[str, float]:
        return {name: value for name, value in values.items() if value is not None}

    return pb.IntervalMetrics(
        interval_id=interval_id(window),
        tenant_id=window.tenant_id,
        scope=window.scope,
        start=_at(window.start_ms),
        end=_at(window.end_ms),
        final=window.final,
        counts=pb.IntervalCounts(**window.counts),
        service_level=pb.ServiceLevels(**present(dict(window.service_level))),
        measures=pb.IntervalMeasures(**present(window.measures)),
        agent_time={state: _span(s * 1000) for state, s in window.agent_time_s.items()},
        abandons=[
            pb.AbandonedCall(
                call_id=entry["call_id"],
                caller_number=entry["caller_number"],
                queue_id=entry["queue_id"],
                stage=STAGES[entry["stage"]],
                waited=_span(entry["waited_ms"]),
                at=_at(entry["at"]),
            )
            for entry in window.abandons
        ],
        abandons_unlisted=window.abandons_unlisted,
    )


def alert_event(fact: AlertFact, sequence: int, window_s: int) -> Event:
    """The fact as an event about the queue; raised and cleared share a correlation id."""
    raised_at = fact.at_ms if isinstance(fact, AlertRaised) else fact.raised_at_ms
    alert_id = f"{fact.tenant_id}/{fact.queue_id}/{fact.kind}/{raised_at}"
    live = fact.kind is AlertKind.LONGEST_WAIT_ABOVE_LIMIT  # judged on the live wait
    figures = {
        "queue_id": fact.queue_id,
        "kind": KINDS[fact.kind],
        "value": fact.value,
        "threshold": fact.threshold,
        "window": _span(0 if live else window_s * 1000),
    }
    payload: pb.QueueAlertRaised | pb.QueueAlertCleared
    if isinstance(fact, AlertRaised):
        payload = pb.QueueAlertRaised(**figures)
    else:
        payload = pb.QueueAlertCleared(**figures, raised_at=_at(fact.raised_at_ms))
    occurred_at = datetime.fromtimestamp(fact.at_ms / 1000, UTC)
    return new_event(
        payload,
        tenant_id=fact.tenant_id,
        aggregate_type=AGGREGATE_TYPE_QUEUE,
        aggregate_id=fact.queue_id,
        sequence=sequence,
        producer=PRODUCER,
        correlation_id=alert_id,
        occurred_at=occurred_at,
        event_id=stable_event_id(f"{alert_id}/{type(fact).__name__}", occurred_at),
    )


async def publish(
    publisher: EventPublisher,
    intervals_topic: str,
    alerts_topic: str,
    windows: list[IntervalMetrics],
    alerts: list[Event],
) -> None:
    """Publish and wait for the broker: the checkpoint that follows records them as sent."""
    await asyncio.gather(
        *(
            publisher.publish_raw(
                intervals_topic,
                window.tenant_id.encode(),
                interval_message(window).SerializeToString(),
                [(EVENT_TYPE, b"IntervalMetrics")],
            )
            for window in windows
        )
    )
    if alerts:
        await publisher.publish_all(alerts_topic, alerts)
