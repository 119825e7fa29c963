"""What `callcenter tail` prints for each kind of record the platform's topics carry."""

from __future__ import annotations

from callcenter.v1 import call_events_pb2 as ce
from callcenter.v1 import metrics_pb2 as mp
from callcenter.v1.envelope_pb2 import AggregateType, Event
from callcenter.v1.telephony_pb2 import TelephonyCommand
from callcenter_cli.tail import line_maker
from chassis.topics import Topics

TOPICS = Topics("t.")


def test_call_events_name_the_call() -> None:
    event = Event(
        event_type="CallQueued",
        tenant_id="acme",
        aggregate_type=AggregateType.AGGREGATE_TYPE_CALL,
        aggregate_id="c-1",
        sequence=3,
        call_queued=ce.CallQueued(queue_id="support"),
    )
    line = line_maker(TOPICS, TOPICS.calls)(event.SerializeToString())
    assert "CallQueued" in line and "call=c-1" in line and '"queue_id":"support"' in line


def test_queue_alerts_name_the_queue() -> None:
    event = Event(
        event_type="QueueAlertRaised",
        tenant_id="acme",
        aggregate_type=AggregateType.AGGREGATE_TYPE_QUEUE,
        aggregate_id="support",
        queue_alert_raised=mp.QueueAlertRaised(queue_id="support", value=0.61, threshold=0.8),
    )
    line = line_maker(TOPICS, TOPICS.by_short_name()["alerts"])(event.SerializeToString())
    assert "queue=support" in line and '"threshold":0.8' in line


def test_plain_messages_are_decoded_as_their_own_type() -> None:
    window = mp.IntervalMetrics(interval_id="acme/tenant/900/0", tenant_id="acme")
    command = TelephonyCommand(command_id="cmd-1")
    assert line_maker(TOPICS, TOPICS.metrics_intervals)(window.SerializeToString()).startswith(
        "IntervalMetrics"
    )
    assert line_maker(TOPICS, TOPICS.telephony_commands)(command.SerializeToString()).startswith(
        "TelephonyCommand"
    )
