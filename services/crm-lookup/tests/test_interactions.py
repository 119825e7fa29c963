"""The interaction history from call events: what each event changes, and that redelivered or
replayed events change nothing more (hold time above all)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from google.protobuf.duration_pb2 import Duration
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_IDENTIFIED,
    IDENTIFICATION_RESULT_UNKNOWN,
    IVR_OUTCOME_HUNG_UP,
    CallAbandoned,
    CallConnected,
    CallEnded,
    CallHeld,
    CallQueued,
    CallReceived,
    CallResumed,
    CallTransferred,
    CustomerIdentified,
    IvrCompleted,
    WrapUpCompleted,
)
from callcenter.v1.common_pb2 import CALL_STAGE_QUEUE
from callcenter.v1.envelope_pb2 import Event
from crm_lookup.domain.call_history import applied
from crm_lookup.domain.interactions import Interaction

Events = Callable[..., Event]


def seconds(value: float) -> Duration:
    duration = Duration()
    duration.FromTimedelta(timedelta(seconds=value))
    return duration


def replay(events: list[Event], start: Interaction | None = None) -> Interaction | None:
    interaction = start
    for event in events:
        interaction = applied(interaction, event)
    return interaction


def answered_call(call_event: Events) -> list[Event]:
    return [
        call_event(CallReceived(caller_number="+33612345678"), at=0),
        call_event(
            CustomerIdentified(
                result=IDENTIFICATION_RESULT_IDENTIFIED,
                customer_id="c1",
                looked_up_by="caller_number",
            ),
            at=1,
        ),
        call_event(CallQueued(queue_id="support"), at=10),
        call_event(CallConnected(agent_id="a1", queue_id="support"), at=40),
        call_event(CallHeld(agent_id="a1"), at=100),
        call_event(CallResumed(agent_id="a1"), at=130),
        call_event(CallHeld(agent_id="a1"), at=200),
        call_event(CallResumed(agent_id="a1"), at=210),
        call_event(CallEnded(agent_id="a1"), at=340),
        call_event(
            WrapUpCompleted(agent_id="a1", disposition_code="resolved", wrap_up=seconds(25)),
            at=365,
        ),
    ]


def test_an_answered_call(call_event: Events) -> None:
    i = replay(answered_call(call_event))
    assert i is not None
    assert (i.customer_id, i.queue_id, i.agent_id, i.outcome, i.disposition) == (
        "c1",
        "support",
        "a1",
        "answered",
        "resolved",
    )
    assert (i.started_at, i.wait_s, i.hold_s, i.talk_s, i.wrap_up_s) == (0, 30, 40, 260, 25)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_redelivering_any_suffix_changes_nothing(call_event: Events, data: st.DataObject) -> None:
    events = answered_call(call_event)
    once = replay(events)
    crash_at = data.draw(st.integers(0, len(events)))
    redelivered_from = data.draw(st.integers(0, crash_at))
    twice = replay(events[crash_at:], replay(events[:crash_at] + events[redelivered_from:crash_at]))
    assert twice == once


def test_the_account_number_outranks_the_caller_number(call_event: Events) -> None:
    by_account = call_event(
        CustomerIdentified(
            result=IDENTIFICATION_RESULT_IDENTIFIED, customer_id="c2", looked_up_by="account_number"
        )
    )
    by_number = call_event(
        CustomerIdentified(
            result=IDENTIFICATION_RESULT_IDENTIFIED, customer_id="c1", looked_up_by="caller_number"
        )
    )
    unknown = call_event(
        CustomerIdentified(result=IDENTIFICATION_RESULT_UNKNOWN, looked_up_by="account_number")
    )
    for order in ([by_account, by_number, unknown], [by_number, by_account]):
        identified = replay(order)
        assert identified is not None and identified.customer_id == "c2"


def test_calls_that_never_reach_an_agent(call_event: Events) -> None:
    abandoned = replay(
        [
            call_event(CallQueued(queue_id="billing"), at=10),
            call_event(
                CallAbandoned(stage=CALL_STAGE_QUEUE, queue_id="billing", waited=seconds(45)),
                at=55,
            ),
        ]
    )
    assert abandoned is not None
    assert (abandoned.outcome, abandoned.queue_id, abandoned.wait_s, abandoned.started_at) == (
        "abandoned",
        "billing",
        45,
        10,  # first seen by a later event: starts then
    )
    in_ivr = replay(
        [call_event(IvrCompleted(outcome=IVR_OUTCOME_HUNG_UP), at=5), call_event(CallEnded(), at=6)]
    )
    assert in_ivr is not None and in_ivr.outcome == "ended_in_ivr"
    out = replay([call_event(CallTransferred(external_number="+33612345678"))])
    assert out is not None and out.outcome == "transferred"


def test_an_interaction_summary(call_event: Events) -> None:
    i = replay(answered_call(call_event))
    assert i is not None
    summary = i.summary()
    assert summary.started_at.seconds == 0 and summary.hold.seconds == 40
    assert (summary.call_id, summary.outcome, summary.wrap_up.seconds) == ("call-1", "answered", 25)
