import uuid
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from callcenter.v1.call_events_pb2 import CallEnded
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import (
    PAYLOAD_FIELDS,
    derived_event_id,
    new_event,
    new_event_id,
    payload_of,
    stable_event_id,
)


def test_new_event_fills_the_whole_envelope() -> None:
    at = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    event = new_event(
        CallEnded(ended_by=1),
        tenant_id="acme",
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id="c1",
        sequence=7,
        producer="ivr",
        correlation_id="c1",
        occurred_at=at,
        causation_id="cause",
    )
    assert event.event_type == "CallEnded"
    assert event.routing_domain == "acme"
    assert event.occurred_at.ToDatetime(UTC) == at
    assert event.recorded_at.ToDatetime(UTC) > at
    assert uuid.UUID(event.event_id).version == 7
    assert payload_of(event) == CallEnded(ended_by=1)


def test_every_payload_type_has_a_field() -> None:
    assert PAYLOAD_FIELDS["CallReceived"] == "call_received"
    assert len(PAYLOAD_FIELDS) == len(Event.DESCRIPTOR.oneofs_by_name["payload"].fields)


def test_an_event_of_a_newer_type_has_no_payload_here() -> None:
    assert payload_of(Event(event_id=new_event_id(), event_type="FromTheFuture")) is None


@given(st.integers(min_value=0, max_value=50))
def test_derived_ids_are_fixed_by_the_cause_and_ordered_with_it(ordinal: int) -> None:
    cause = new_event_id()
    derived = derived_event_id(cause, ordinal)
    assert derived == derived_event_id(cause, ordinal)
    assert derived != derived_event_id(cause, ordinal + 1)
    assert uuid.UUID(derived).version == 7
    assert uuid.UUID(derived).bytes[:6] == uuid.UUID(cause).bytes[:6]


def test_stable_ids_depend_on_seed_and_time() -> None:
    at = datetime(2026, 3, 1, tzinfo=UTC)
    assert stable_event_id("c1", at) == stable_event_id("c1", at)
    assert stable_event_id("c1", at) != stable_event_id("c2", at)
    assert stable_event_id("c1", at) < stable_event_id("c1", at.replace(minute=1))
