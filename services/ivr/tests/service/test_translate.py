"""Domain events to protobuf call events and back: every event survives the round trip, and
outcomes carry the facts other services act on."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from callcenter.v1 import call_events_pb2 as pb
from callcenter.v1.common_pb2 import CALL_STAGE_IVR, PARTY_SYSTEM
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from ivr.domain import (
    AbandonedInIvr,
    AttributesLearned,
    AttributesSet,
    BranchTaken,
    CallbackRequested,
    HungUp,
    InputAccepted,
    InputFailure,
    InputRejected,
    NodeEntered,
    RequiredSkill,
    RoutedToQueue,
    SessionClosed,
    SessionStarted,
    SessionState,
    Status,
    TransferredOut,
    WaitAnnounced,
)
from ivr.domain import Event as DomainEvent
from ivr.flows import QueueStatus
from ivr.translate import Context, from_call_event, to_payloads

T0 = datetime(2026, 3, 2, 9, 0, 0, 250_000, tzinfo=UTC)
AT = T0 + timedelta(seconds=12, microseconds=500)
CALLER = "+33612345678"
SKILLS = (RequiredSkill("french", 3), RequiredSkill("support", 7))
STATE = SessionState(
    "call-1",
    "acme",
    "acme-main",
    "1+6fdc3738ec5a",
    CALLER,
    T0,
    node_id="main_menu",
    attempt=1,
    attributes={"account_number": "123456"},
    priority=20,
    skills=SKILLS,
)
QUEUED = replace(STATE, status=Status.QUEUED)

EVENTS: list[DomainEvent] = [
    SessionStarted("call-1", "acme", "acme-main", "1+6fdc3738ec5a", CALLER, T0),
    NodeEntered("main_menu", 2, "acme/main-menu", True, AT + timedelta(seconds=10), AT),
    NodeEntered("outage", 1, None, False, None, AT),
    BranchTaken(
        "billing_wait",
        "branches.0",
        "billing_callback",
        (QueueStatus("billing", 420.5, None, 0), QueueStatus("support", 30.0, 4, 2)),
        AT,
    ),
    BranchTaken("hours", "open", "welcome", (), AT),
    InputAccepted("billing_account", 1, "123456", "account_number", AT),
    InputAccepted("main_menu", 1, "2", None, AT),
    InputRejected("main_menu", 2, InputFailure.NO_INPUT, "", AT),
    InputRejected("main_menu", 1, InputFailure.INVALID, "7", AT),
    AttributesSet("outage", {"reason": "outage"}, 20, SKILLS, AT),
    AttributesSet("tag", {"lang": "fr"}, None, (), AT),
    AttributesLearned({"vip_tier": "gold"}, AT),
    WaitAnnounced("support", 3, 120.0, True, True, AT + timedelta(seconds=60), AT),
    WaitAnnounced("billing", None, 0.0, False, True, None, AT),
    RoutedToQueue("support", 20, SKILLS, {"reason": "outage"}, 12.5, AT + timedelta(minutes=1), AT),
    RoutedToQueue("general", 0, (), {}, 3.0, None, AT),
    TransferredOut("+33123456789", AT),
    HungUp("globex/closed", AT),
    HungUp(None, AT),
    AbandonedInIvr("main_menu", 7.25, AT),
    SessionClosed(AT),
]
# A callback's priority, skills and attributes are the session's: read back, they come from it.
CALLBACKS = [
    CallbackRequested("billing", CALLER, 20, SKILLS, dict(STATE.attributes), False, AT),
]


def envelopes(event: DomainEvent, context: Context, producer: str = "ivr") -> list[Event]:
    return [
        new_event(
            payload,
            tenant_id="acme",
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id="call-1",
            sequence=n,
            producer=producer,
            correlation_id="call-1",
            occurred_at=event.at,
        )
        for n, payload in enumerate(to_payloads(event, context), start=1)
    ]


def read_back(event: DomainEvent, state: SessionState) -> list[DomainEvent]:
    context = Context(state, CALLER)
    found = [from_call_event(e, context) for e in envelopes(event, context)]
    return [back for back in found if back is not None]


@pytest.mark.parametrize("event", EVENTS + CALLBACKS, ids=lambda e: type(e).__name__)
def test_every_event_reads_back_as_itself_from_exactly_one_payload(event: DomainEvent) -> None:
    assert read_back(event, STATE) == [event]


def test_a_callback_while_queued_reads_back_from_the_queued_session() -> None:
    callback = CallbackRequested("support", CALLER, 20, SKILLS, dict(STATE.attributes), True, AT)
    assert read_back(callback, QUEUED) == [callback]
    assert [e.WhichOneof("payload") for e in envelopes(callback, Context(QUEUED))] == [
        "callback_requested"
    ]


def test_routed_to_queue_queues_the_call_for_the_router() -> None:
    routed = RoutedToQueue("support", 20, SKILLS, {"reason": "outage"}, 12.5, None, AT)
    completed, queued = to_payloads(routed, Context(STATE))
    assert isinstance(completed, pb.IvrCompleted) and isinstance(queued, pb.CallQueued)
    assert completed.outcome == pb.IVR_OUTCOME_QUEUED
    assert (completed.flow_id, completed.last_node_id) == ("acme-main", "main_menu")
    assert dict(completed.collected) == {"reason": "outage"}
    assert (queued.queue_id, queued.priority) == ("support", 20)
    assert [(s.name, s.min_level) for s in queued.required_skills] == [
        ("french", 3),
        ("support", 7),
    ]
    assert queued.first_queued_at.ToDatetime(tzinfo=UTC) == AT


def test_outcomes_add_the_facts_other_services_act_on() -> None:
    context = Context(STATE)
    callback = to_payloads(CALLBACKS[0], context)
    assert [type(p).__name__ for p in callback] == ["IvrCompleted", "CallbackRequested"]
    transferred = to_payloads(TransferredOut("+33123456789", AT), context)
    assert transferred[1] == pb.CallTransferred(external_number="+33123456789")
    hung_up = to_payloads(HungUp("acme/closed", AT), context)
    assert hung_up[1] == pb.CallEnded(ended_by=PARTY_SYSTEM)
    assert hung_up[0].time_in_ivr.ToTimedelta() == AT - T0
    (abandoned,) = to_payloads(AbandonedInIvr("main_menu", 7.25, AT), context)
    assert abandoned == pb.CallAbandoned(
        stage=CALL_STAGE_IVR, ivr_node_id="main_menu", waited=abandoned.waited
    )


def test_an_announcement_records_the_routers_figures_when_it_had_them() -> None:
    told = WaitAnnounced("support", 3, 60.0, True, True, None, AT)
    figures = {"support": QueueStatus("support", 95.0, 3, 1)}
    (announced,) = to_payloads(told, Context(STATE, statuses=figures))
    assert announced.status.estimated_wait.ToTimedelta() == timedelta(seconds=95)
    assert announced.announced_wait.ToTimedelta() == timedelta(seconds=60)
    assert read_back(told, STATE) == [told]


def test_only_the_ivrs_own_events_carry_domain_events() -> None:
    context = Context(STATE, CALLER)
    for event in (EVENTS[1], EVENTS[-2]):
        assert all(from_call_event(e, context) is None for e in envelopes(event, context, "ingest"))
