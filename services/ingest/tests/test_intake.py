"""The intake's rules, with an in-memory event log: refusals record nothing, retries
record once, later reports take the call's next sequence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from callcenter.v1.call_events_pb2 import DigitsPressed
from callcenter.v1.envelope_pb2 import Event
from ingest.domain import (
    CallArrival,
    CallDirectory,
    NumberPlan,
    PressedDigits,
    ProviderEvent,
    RecentReports,
    TenantMismatch,
    UnknownNumber,
)
from ingest.service.intake import CallIntake
from ingest.service.ports import EventLogUnavailable


class MemoryLog:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.attempted: list[Event] = []
        self.down = False

    async def record(self, event: Event) -> None:
        self.attempted.append(event)
        if self.down:
            raise EventLogUnavailable("broker down")
        self.events.append(event)


@dataclass
class Clock:
    now: datetime = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def log() -> MemoryLog:
    return MemoryLog()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def intake(number_plan: NumberPlan, log: MemoryLog, clock: Clock) -> CallIntake:
    return CallIntake(number_plan, log, CallDirectory(), RecentReports(), clock=clock)


ARRIVAL = CallArrival(
    caller_number="+33612345678", dialed_number="+33970000000", provider_call_id="CA1"
)


def digits(event_id: str, value: str = "1", **fields: str) -> PressedDigits:
    return PressedDigits(provider_call_id="CA1", provider_event_id=event_id, digits=value, **fields)


async def test_a_refused_arrival_records_nothing(intake: CallIntake, log: MemoryLog) -> None:
    with pytest.raises(UnknownNumber):
        await intake.report_arrival(ARRIVAL.model_copy(update={"dialed_number": "+442079460000"}))
    with pytest.raises(TenantMismatch):
        await intake.report_arrival(ARRIVAL.model_copy(update={"tenant_id": "globex"}))
    assert log.attempted == []


async def test_retries_are_answered_alike_and_recorded_once(
    intake: CallIntake, log: MemoryLog, clock: Clock
) -> None:
    arrived = await intake.report_arrival(ARRIVAL)
    pressed = await intake.report_digits(digits("ev-1"))
    clock.now += timedelta(seconds=3)
    assert await intake.report_arrival(ARRIVAL) == arrived
    assert await intake.report_digits(digits("ev-1")) == pressed == arrived
    assert [e.event_type for e in log.events] == ["CallReceived", "DigitsPressed"]


async def test_a_retry_after_a_failure_is_the_same_event(
    intake: CallIntake, log: MemoryLog, clock: Clock
) -> None:
    """The first attempt may have reached the log though it timed out: the retry must be
    the same event (consumers keep one), and a failure leaves no gap in the sequence."""
    log.down = True
    with pytest.raises(EventLogUnavailable):
        await intake.report_arrival(ARRIVAL)
    log.down, clock.now = False, clock.now + timedelta(seconds=2)
    await intake.report_arrival(ARRIVAL)
    log.down = True
    with pytest.raises(EventLogUnavailable):
        await intake.report_digits(digits("ev-1"))
    log.down = False
    await intake.report_digits(digits("ev-1"))
    failed_arrival, arrival, failed_digits, pressed = log.attempted
    assert arrival.event_id == failed_arrival.event_id  # the id carries occurred_at
    assert (pressed.event_id, pressed.sequence) == (failed_digits.event_id, 2)


async def test_later_reports_take_the_calls_next_sequence(
    intake: CallIntake, log: MemoryLog
) -> None:
    call_id = await intake.report_arrival(ARRIVAL)
    assert await intake.report_digits(digits("ev-1", "12#")) == call_id
    await intake.report_answered(ProviderEvent(provider_call_id="CA1", provider_event_id="ev-0"))
    await intake.report_hang_up(ProviderEvent(provider_call_id="CA1", provider_event_id="ev-2"))
    assert [(e.event_type, e.sequence) for e in log.events] == [
        ("CallReceived", 1),
        ("DigitsPressed", 2),
        ("CallAnswered", 3),
        ("CallerHungUp", 4),
    ]
    pressed = log.events[1]
    assert (pressed.tenant_id, pressed.aggregate_id) == ("acme", call_id)
    assert pressed.digits_pressed == DigitsPressed(digits="12#", provider_event_id="ev-1")


async def test_the_event_id_is_fixed_by_call_and_provider_event(
    number_plan: NumberPlan, clock: Clock
) -> None:
    """Two ingest instances (or one before and after a restart) agree on the event id."""
    ids = []
    for _ in range(2):
        log = MemoryLog()
        intake = CallIntake(number_plan, log, CallDirectory(), RecentReports(), clock=clock)
        await intake.report_arrival(ARRIVAL)
        await intake.report_digits(digits("ev-1", occurred_at="2026-11-23T09:00:01+01:00"))
        ids.append([e.event_id for e in log.events])
    assert ids[0] == ids[1]
