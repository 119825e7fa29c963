"""What the service publishes, in the contract's messages (metrics.proto)."""

from __future__ import annotations

from callcenter.v1 import metrics_pb2 as pb
from callcenter.v1.common_pb2 import CALL_STAGE_QUEUE
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_QUEUE
from metrics.domain import AlertCleared, AlertKind, AlertRaised
from metrics.outputs import alert_event, interval_message
from metrics.reference.replay import Replay
from metrics.reference.scenarios import abandoned_call, answered_call, by_time
from metrics.reference.script import MONDAY_9

MINUTE = 60_000


def test_a_final_window_as_interval_metrics(replay: Replay) -> None:
    replay(by_time(answered_call("a", 8_000), abandoned_call("x", 30_000)))
    replay.advance(MONDAY_9 + 16 * MINUTE)
    window = replay.final("queue:sales", MONDAY_9, 15)

    message = pb.IntervalMetrics.FromString(interval_message(window).SerializeToString())

    assert message.interval_id == f"acme/queue:sales/900/{MONDAY_9}"
    assert (message.start.ToMilliseconds(), message.end.ToMilliseconds()) == (
        MONDAY_9,
        MONDAY_9 + 15 * MINUTE,
    )
    assert message.final and message.scope == "queue:sales"
    assert (message.counts.offered, message.counts.answered, message.counts.abandoned) == (2, 1, 1)
    assert message.service_level.standard == 0.5
    assert message.service_level.of_answered == 1.0
    assert (message.measures.asa_s, message.measures.aht_s) == (8.0, 70.0)
    [abandon] = message.abandons
    assert (abandon.call_id, abandon.stage, abandon.waited.ToSeconds()) == (
        "x",
        CALL_STAGE_QUEUE,
        30,
    )
    assert message.abandons_unlisted == 0


def test_nothing_to_measure_is_unset_not_zero(replay: Replay) -> None:
    replay(abandoned_call("x", 30_000)).advance(MONDAY_9 + 16 * MINUTE)
    message = interval_message(replay.final("queue:sales", MONDAY_9, 15))
    assert not message.measures.HasField("asa_s")  # nothing answered
    assert message.measures.HasField("abandon_rate") and message.measures.abandon_rate == 1.0


def test_an_alert_raised_then_cleared_as_queue_events() -> None:
    kind = AlertKind.SERVICE_LEVEL_BELOW_TARGET
    raised = alert_event(AlertRaised("acme", "sales", kind, 0.5, 0.8, MONDAY_9), 1, 900)
    cleared = alert_event(
        AlertCleared("acme", "sales", kind, 0.9, 0.8, MONDAY_9, MONDAY_9 + MINUTE), 2, 900
    )

    assert raised.aggregate_type == AGGREGATE_TYPE_QUEUE and raised.aggregate_id == "sales"
    assert raised.event_type == "QueueAlertRaised" and raised.routing_domain == "acme"
    assert raised.queue_alert_raised.kind == pb.ALERT_KIND_SERVICE_LEVEL_BELOW_TARGET
    assert raised.queue_alert_raised.window.ToSeconds() == 900
    assert cleared.queue_alert_cleared.raised_at == raised.occurred_at
    assert cleared.correlation_id == raised.correlation_id
    # Fixed by what they are about: a replay publishes the same ids.
    again = alert_event(AlertRaised("acme", "sales", kind, 0.5, 0.8, MONDAY_9), 1, 900)
    assert again.event_id == raised.event_id != cleared.event_id
    wait = alert_event(
        AlertRaised("acme", "sales", AlertKind.LONGEST_WAIT_ABOVE_LIMIT, 130, 120, MONDAY_9),
        3,
        900,
    )
    assert wait.queue_alert_raised.window.ToSeconds() == 0  # judged on the live wait
