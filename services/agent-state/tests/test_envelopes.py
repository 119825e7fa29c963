"""Wrapping facts: a connected call also asks the telephony side to bridge the agent."""

from __future__ import annotations

from agent_state.envelopes import connect_commands
from callcenter.v1.call_events_pb2 import CallConnected, OfferAccepted
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event


def call_event(sequence: int, payload: object) -> Event:
    return new_event(
        payload,
        tenant_id="acme",
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id="call-1",
        sequence=sequence,
        producer="agent-state",
        correlation_id="call-1",
    )


def test_only_a_connection_becomes_a_connect_command_with_an_id_fixed_by_the_event() -> None:
    events = [
        call_event(5, OfferAccepted(offer_id="call-1/1", agent_id="a1")),
        call_event(6, CallConnected(agent_id="a1", queue_id="support")),
    ]

    [command] = connect_commands(events)

    assert (command.command_id, command.tenant_id, command.call_id) == (
        "call-1/6",
        "acme",
        "call-1",
    )
    assert command.connect_to_agent.agent_id == "a1"
    assert connect_commands(events) == [command]  # a retried publish sends the same command
