"""What commands return: facts (proto payloads) plus what the envelope needs, and the
float <-> protobuf time conversions. No clock is read here: times are epoch seconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from google.protobuf.message import Message

from callcenter.v1 import common_pb2

StateValue: TypeAlias = common_pb2.AgentState.ValueType

LOGGED_OUT: StateValue = common_pb2.AGENT_STATE_LOGGED_OUT
AVAILABLE: StateValue = common_pb2.AGENT_STATE_AVAILABLE
NOT_READY: StateValue = common_pb2.AGENT_STATE_NOT_READY
BREAK: StateValue = common_pb2.AGENT_STATE_BREAK
RESERVED: StateValue = common_pb2.AGENT_STATE_RESERVED
ON_CALL: StateValue = common_pb2.AGENT_STATE_ON_CALL
ON_HOLD: StateValue = common_pb2.AGENT_STATE_ON_HOLD
WRAP_UP: StateValue = common_pb2.AGENT_STATE_WRAP_UP

SYSTEM = "system"  # changed_by for timer and hang-up driven changes
ROUTER = "router"  # changed_by for the change to RESERVED


def state_name(state: StateValue) -> str:
    """AGENT_STATE_ON_CALL -> 'ON_CALL'; an out-of-range number -> its digits."""
    try:
        return str(common_pb2.AgentState.Name(state)).removeprefix("AGENT_STATE_")
    except ValueError:
        return str(int(state))


@dataclass(frozen=True)
class Fact:
    """One event decided by the aggregate, ready for an envelope.

    aggregate/aggregate_id: the envelope's aggregate type and id (agent id or call id).
    payload: the proto payload message (callcenter.v1 agent or call event).
    correlation_id: the call id when the fact is about a call, else "".
    occurred_at: event time (epoch seconds): the envelope's occurred_at; apply() uses it
    for `since`, connected_at and wrap-up times, so a replay rebuilds the same state.
    """

    aggregate: Literal["agent", "call"]
    aggregate_id: str
    payload: Message
    correlation_id: str = ""
    occurred_at: float = 0.0

    @property
    def event_type(self) -> str:
        return self.payload.DESCRIPTOR.name
