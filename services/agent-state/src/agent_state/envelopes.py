"""Wrapping the aggregate's facts in envelopes, each to its topic."""

from __future__ import annotations

from datetime import UTC, datetime

from agent_state.config import SERVICE_NAME
from agent_state.domain import Fact
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT, AGGREGATE_TYPE_CALL, Event
from callcenter.v1.telephony_pb2 import ConnectToAgent, TelephonyCommand
from chassis.events import new_event
from chassis.sequences import SequenceTracker


def envelopes(
    tenant_id: str, agent_version: int, facts: list[Fact], call_sequences: SequenceTracker
) -> tuple[list[Event], list[Event]]:
    """(agent events, call events). Agent events are numbered from the aggregate's version,
    so the consumer can tell its own events, read back, from new ones."""
    agent_events: list[Event] = []
    call_events: list[Event] = []
    for fact in facts:
        is_agent = fact.aggregate == "agent"
        event = new_event(
            fact.payload,
            tenant_id=tenant_id,
            aggregate_type=AGGREGATE_TYPE_AGENT if is_agent else AGGREGATE_TYPE_CALL,
            aggregate_id=fact.aggregate_id,
            sequence=(
                agent_version + len(agent_events) + 1
                if is_agent
                else call_sequences.next(fact.aggregate_id)
            ),
            producer=SERVICE_NAME,
            correlation_id=fact.correlation_id,
            occurred_at=datetime.fromtimestamp(fact.occurred_at, UTC),
        )
        (agent_events if is_agent else call_events).append(event)
    return agent_events, call_events


def connect_commands(call_events: list[Event]) -> list[TelephonyCommand]:
    """Bridge each newly connected call to its agent (the command id is fixed by the event)."""
    return [
        TelephonyCommand(
            command_id=f"{event.aggregate_id}/{event.sequence}",
            tenant_id=event.tenant_id,
            call_id=event.aggregate_id,
            issued_at=event.occurred_at,
            issued_by=SERVICE_NAME,
            connect_to_agent=ConnectToAgent(agent_id=event.call_connected.agent_id),
        )
        for event in call_events
        if event.WhichOneof("payload") == "call_connected"
    ]
