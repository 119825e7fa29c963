"""The lookups calls are owed, as read from the calls topic: owed from their cause, settled by
the result in the log, dropped when the call is over, retried with backoff after a failure."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from callcenter.v1.call_events_pb2 import (
    IVR_INPUT_KIND_DIGITS,
    IVR_INPUT_KIND_INVALID,
    CallAbandoned,
    CallEnded,
    CallReceived,
    CustomerIdentified,
    IvrInputReceived,
    IvrStarted,
    WrapUpCompleted,
)
from callcenter.v1.envelope_pb2 import Event
from crm_lookup.domain.calls import MAX_RETRY_S, CallLookups

Events = Callable[..., Event]


@pytest.fixture
def calls() -> CallLookups:
    return CallLookups(frozenset({"account_number"}))


def arrival(call_event: Events, call_id: str = "call-1") -> Event:
    return call_event(CallReceived(caller_number="+33612345678"), call_id=call_id)


def test_an_arrival_owes_a_lookup_by_caller_number(calls: CallLookups, call_event: Events) -> None:
    received = arrival(call_event)
    calls.observe(received)
    [owed] = calls.due(now=0)
    assert (owed.cause_id, owed.call_id, owed.looked_up_by, owed.value) == (
        received.event_id,
        "call-1",
        "caller_number",
        "+33612345678",
    )
    assert calls.next_sequence(owed) == 2


def test_the_result_in_the_log_settles_it(calls: CallLookups, call_event: Events) -> None:
    received = arrival(call_event)
    calls.observe(received)
    calls.observe(call_event(IvrStarted(), sequence=5))
    calls.observe(call_event(CustomerIdentified(), sequence=2, causation_id=received.event_id))
    assert calls.due(now=0) == [] and calls.next_due_at() is None


def test_a_repeated_arrival_owes_nothing_more(calls: CallLookups, call_event: Events) -> None:
    calls.observe(arrival(call_event))
    calls.observe(arrival(call_event))  # reported twice: another event id, the same call
    assert len(calls.due(now=0)) == 1


def test_account_numbers_the_ivr_collected(calls: CallLookups, call_event: Events) -> None:
    calls.observe(arrival(call_event))
    for attribute, kind in [
        ("account_number", IVR_INPUT_KIND_DIGITS),
        ("account_number", IVR_INPUT_KIND_INVALID),
        ("pin", IVR_INPUT_KIND_DIGITS),
    ]:
        payload = IvrInputReceived(attribute=attribute, kind=kind, digits="4242001")
        calls.observe(call_event(payload, sequence=3))
    assert [(o.looked_up_by, o.value) for o in calls.due(now=0)] == [
        ("caller_number", "+33612345678"),
        ("account_number", "4242001"),
    ]


@pytest.mark.parametrize(
    "end", [CallAbandoned(), CallEnded(), WrapUpCompleted(agent_id="a1")], ids=type
)
def test_nothing_is_owed_once_the_call_is_over(
    calls: CallLookups, call_event: Events, end: object
) -> None:
    calls.observe(arrival(call_event))
    calls.observe(call_event(end, sequence=9))
    assert calls.due(now=0) == [] and calls.owed_count() == 0


def test_an_agents_call_still_owes_its_pop_until_wrap_up(
    calls: CallLookups, call_event: Events
) -> None:
    calls.observe(arrival(call_event))
    calls.observe(call_event(CallEnded(agent_id="a1"), sequence=9))
    assert calls.owed_count() == 1


def test_failures_back_off_up_to_a_bound(calls: CallLookups, call_event: Events) -> None:
    calls.observe(arrival(call_event))
    [owed] = calls.due(now=100)
    delays = []
    for _ in range(8):
        calls.failed(owed, now=100)
        delays.append(owed.due_at - 100)
    assert delays == sorted(delays) and delays[-1] == MAX_RETRY_S
    assert calls.due(now=100) == [] and calls.next_due_at() == 100 + MAX_RETRY_S


def test_memory_is_bounded(call_event: Events) -> None:
    calls = CallLookups(frozenset(), capacity=3)
    for n in range(5):
        calls.observe(arrival(call_event, f"call-{n}"))
    assert [o.call_id for o in calls.due(now=0)] == ["call-2", "call-3", "call-4"]
