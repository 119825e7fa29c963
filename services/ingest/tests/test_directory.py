"""The directory of calls in progress, as the calls topic builds it."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.message import Message

from callcenter.v1.call_events_pb2 import (
    CallAbandoned,
    CallbackScheduled,
    CallEnded,
    CallQueued,
    CallReceived,
    DigitsPressed,
)
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from ingest.domain import CallDirectory, KnownCall, RecentReports
from ingest.service.following import CallsFollower

AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def call_event(call_id: str, sequence: int, payload: Message, tenant: str = "acme") -> Event:
    return new_event(
        payload,
        tenant_id=tenant,
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id=call_id,
        sequence=sequence,
        producer="test",
        correlation_id=call_id,
        occurred_at=AT,
    )


def received(call_id: str, provider_call_id: str) -> Event:
    return call_event(
        call_id, 1, CallReceived(provider="twilio", provider_call_id=provider_call_id)
    )


def following() -> tuple[CallDirectory, RecentReports, CallsFollower]:
    directory, recent = CallDirectory(), RecentReports()
    return directory, recent, CallsFollower(directory, recent)


async def test_an_arrival_read_from_the_log_names_the_call() -> None:
    directory, recent, follower = following()
    await follower.apply(received("c-1", "CA1"))
    call = directory.find("twilio", "CA1")
    assert call == KnownCall("acme", "c-1", "twilio", "CA1", last_sequence=1)
    assert recent.answer(("twilio", "CA1", "")) == "c-1"  # a retried arrival is answered


async def test_sequences_follow_every_writer_of_the_call() -> None:
    directory, _, follower = following()
    await follower.apply(received("c-1", "CA1"))
    await follower.apply(call_event("c-1", 4, CallQueued(queue_id="support")))
    await follower.apply(call_event("c-1", 3, CallQueued(queue_id="support")))  # late: ignored
    call = directory.find("twilio", "CA1")
    assert call is not None and directory.reserve_sequence(call) == 5


async def test_a_provider_report_read_back_answers_its_retry() -> None:
    _, recent, follower = following()
    await follower.apply(received("c-1", "CA1"))
    await follower.apply(call_event("c-1", 2, DigitsPressed(digits="1", provider_event_id="ev")))
    assert recent.answer(("twilio", "CA1", "ev")) == "c-1"


async def test_ended_calls_leave_the_directory() -> None:
    directory, _, follower = following()
    endings = [CallEnded(), CallAbandoned(), CallbackScheduled(queue_id="support")]
    for n, ending in enumerate(endings):
        await follower.apply(received(f"c-{n}", f"CA{n}"))
        await follower.apply(call_event(f"c-{n}", 2, ending))
    assert len(directory) == 0


async def test_events_of_unknown_calls_are_ignored() -> None:
    directory, _, follower = following()
    await follower.apply(call_event("c-9", 5, CallQueued(queue_id="support")))
    assert len(directory) == 0 and directory.get("c-9") is None


async def test_a_new_assignment_starts_the_directory_over() -> None:
    directory, recent, follower = following()
    await follower.apply(received("c-1", "CA1"))
    follower.reset(frozenset())
    assert directory.find("twilio", "CA1") is None
    assert recent.answer(("twilio", "CA1", "")) == "c-1"  # answers already given stay true


def test_the_directory_is_bounded_oldest_first() -> None:
    directory = CallDirectory(capacity=2)
    for n in range(3):
        directory.add(KnownCall("acme", f"c-{n}", "twilio", f"CA{n}"))
    assert directory.find("twilio", "CA0") is None and directory.get("c-0") is None
    assert [directory.find("twilio", f"CA{n}") is not None for n in (1, 2)] == [True, True]


def test_adding_a_known_call_again_keeps_its_sequence() -> None:
    directory = CallDirectory()
    directory.add(KnownCall("acme", "c-1", "twilio", "CA1"))
    call = directory.get("c-1")
    assert call is not None and directory.reserve_sequence(call) == 2
    directory.add(KnownCall("acme", "c-1", "twilio", "CA1"))
    assert directory.reserve_sequence(call) == 3


def test_a_released_sequence_is_reused_only_if_nothing_came_after() -> None:
    directory = CallDirectory()
    directory.add(call := KnownCall("acme", "c-1", "twilio", "CA1"))
    failed = directory.reserve_sequence(call)
    directory.release_sequence(call, failed)
    assert directory.reserve_sequence(call) == failed
    later = directory.reserve_sequence(call)
    directory.release_sequence(call, failed)  # a later number was taken: no reuse
    assert directory.reserve_sequence(call) == later + 1


def test_a_reused_provider_call_id_names_the_latest_call() -> None:
    directory = CallDirectory()
    directory.add(KnownCall("acme", "c-1", "sim", "1"))
    directory.add(KnownCall("globex", "c-2", "sim", "1"))
    found = directory.find("sim", "1")
    assert found is not None and found.call_id == "c-2" and directory.get("c-1") is None


def test_recent_reports_are_bounded_and_remember_the_first_attempt() -> None:
    recent = RecentReports(capacity=2)
    first = recent.occurred_at(("p", "c", "e1"), None, AT)
    assert recent.occurred_at(("p", "c", "e1"), None, datetime.now(UTC)) == first == AT
    assert recent.answer(("p", "c", "e1")) is None  # attempted, not recorded
    recent.recorded(("p", "c", "e1"), "c-1", AT)
    recent.recorded(("p", "c", "e2"), "c-1", AT)
    recent.recorded(("p", "c", "e3"), "c-1", AT)
    assert recent.answer(("p", "c", "e1")) is None and len(recent) == 2
