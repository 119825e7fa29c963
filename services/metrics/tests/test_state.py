"""The live-calls table logic, without Kafka or Faust."""

from __future__ import annotations

import pytest

from callcenter.v1.agent_events_pb2 import AgentLoggedIn
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT
from chassis.events import new_event
from metrics.state import LiveCall, apply, tenant_summary
from metrics.testing import call_event, call_events


def replay(events, state=None):  # type: ignore[no-untyped-def]
    """Apply events in order to a dict of calls, as the agent does with the table."""
    calls: dict[str, LiveCall] = dict(state or {})
    changed = 0
    for event in events:
        updated = apply(calls.get(event.aggregate_id), event)
        if updated is not None:
            calls[event.aggregate_id] = updated
            changed += 1
    return calls, changed


def test_first_event_creates_the_call() -> None:
    received = call_event("acme", "c1", 1, "CallReceived")
    call = apply(None, received)
    assert call == LiveCall(
        call_id="c1",
        tenant_id="acme",
        received_at=received.occurred_at.ToJsonString(),
        last_event_type="CallReceived",
        last_sequence=1,
        ended=False,
    )


def test_later_events_move_the_call_on() -> None:
    calls, changed = replay(
        call_events("acme", "c1", "CallReceived", "CallQueued", "CallOffered", "CallConnected")
    )
    assert changed == 4
    assert calls["c1"].last_event_type == "CallConnected"
    assert calls["c1"].last_sequence == 4
    assert calls["c1"].received_at is not None
    assert not calls["c1"].ended


def test_redelivered_event_changes_nothing() -> None:
    events = call_events("acme", "c1", "CallReceived", "CallQueued")
    calls, _ = replay(events)
    again, changed = replay(events, calls)
    assert changed == 0
    assert again == calls


def test_older_event_arriving_late_changes_nothing() -> None:
    received, queued, abandoned = call_events(
        "acme", "c1", "CallReceived", "CallQueued", "CallAbandoned"
    )
    calls, _ = replay([received, queued, abandoned])
    assert apply(calls["c1"], queued) is None
    assert apply(calls["c1"], received) is None


def test_ended_and_abandoned_calls_are_kept_marked_ended() -> None:
    calls, _ = replay(
        call_events(
            "acme", "ended", "CallReceived", "CallConnected", "CallEnded", "WrapUpCompleted"
        )
        + call_events("acme", "abandoned", "CallReceived", "CallQueued", "CallAbandoned")
    )
    assert calls["ended"].ended and calls["ended"].last_event_type == "WrapUpCompleted"
    assert calls["abandoned"].ended and calls["abandoned"].last_event_type == "CallAbandoned"


def test_first_event_seen_need_not_be_call_received() -> None:
    call = apply(None, call_event("acme", "c1", 3, "CallQueued"))
    assert call is not None and call.received_at is None and call.last_sequence == 3


def test_events_that_are_not_about_calls_are_ignored() -> None:
    agent_event = new_event(
        AgentLoggedIn(),
        tenant_id="acme",
        aggregate_type=AGGREGATE_TYPE_AGENT,
        aggregate_id="agent-1",
        sequence=1,
        producer="test",
        correlation_id="agent-1",
    )
    assert apply(None, agent_event) is None


def test_sequence_zero_is_never_applied() -> None:
    assert apply(None, call_event("acme", "c1", 0, "CallReceived")) is None


def test_json_round_trip() -> None:
    call = apply(None, call_event("acme", "c1", 1, "CallReceived"))
    assert call is not None
    assert LiveCall.from_json(call.to_json()) == call


def test_tenant_summary_counts_one_tenant_only() -> None:
    calls, _ = replay(
        call_events("acme", "a1", "CallReceived")
        + call_events("acme", "a2", "CallReceived", "CallQueued")
        + call_events("acme", "a3", "CallReceived", "CallQueued")
        + call_events("acme", "a4", "CallReceived", "CallAbandoned")
        + call_events("globex", "g1", "CallReceived")
    )
    assert tenant_summary(calls.values(), "acme") == {
        "tenant_id": "acme",
        "received": 4,
        "live": 3,
        "by_last_event_type": {"CallAbandoned": 1, "CallQueued": 2, "CallReceived": 1},
    }
    assert tenant_summary(calls.values(), "nobody") == {
        "tenant_id": "nobody",
        "received": 0,
        "live": 0,
        "by_last_event_type": {},
    }


def test_agent_step_skips_redeliveries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from metrics.config import MetricsSettings
    from metrics.topology import Topology

    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1")  # never contacted
    topology = Topology(MetricsSettings())
    table: dict[str, object] = {}
    topology.live_calls = table  # type: ignore[assignment]
    received, queued = call_events("acme", "c1", "CallReceived", "CallQueued")

    assert topology.handle(received) is True
    assert topology.handle(queued) is True
    assert topology.handle(received) is False
    assert table["c1"] == {
        **apply(None, received).to_json(),  # type: ignore[union-attr]
        "last_event_type": "CallQueued",
        "last_sequence": 2,
    }
