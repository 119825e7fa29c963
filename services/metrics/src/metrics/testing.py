"""Building call events, for the tests of this service and of its neighbours."""

from __future__ import annotations

import itertools

from google.protobuf.message import Message

from callcenter.v1 import call_events_pb2 as ce
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event

# The lifecycle steps the tests use, in order of a call's life.
STEPS: dict[str, Message] = {
    "CallReceived": ce.CallReceived(
        caller_number="+33123456789", dialed_number="+33900000000", provider="test"
    ),
    "IvrStarted": ce.IvrStarted(flow_id="main"),
    "CallQueued": ce.CallQueued(queue_id="sales"),
    "CallOffered": ce.CallOffered(offer_id="o1", agent_id="agent-1", queue_id="sales"),
    "CallConnected": ce.CallConnected(agent_id="agent-1", queue_id="sales"),
    "CallAbandoned": ce.CallAbandoned(queue_id="sales"),
    "CallEnded": ce.CallEnded(agent_id="agent-1"),
    "WrapUpCompleted": ce.WrapUpCompleted(agent_id="agent-1", disposition_code="sale"),
}


def call_event(tenant: str, call_id: str, sequence: int, event_type: str) -> Event:
    return new_event(
        STEPS[event_type],
        tenant_id=tenant,
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id=call_id,
        sequence=sequence,
        producer="test",
        correlation_id=call_id,
    )


def call_events(tenant: str, call_id: str, *event_types: str, first: int = 1) -> list[Event]:
    """One call's events, numbered from `first`."""
    return [
        call_event(tenant, call_id, seq, t)
        for seq, t in zip(itertools.count(first), event_types, strict=False)
    ]
