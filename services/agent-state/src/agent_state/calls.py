"""What an agent desktop shows about a call, gathered from the call's events."""

from __future__ import annotations

from dataclasses import dataclass, field

from agent_state.screen_pop import preferred
from callcenter.v1.call_events_pb2 import CustomerIdentified
from callcenter.v1.envelope_pb2 import Event
from chassis.times import from_timestamp


@dataclass
class CallContext:
    caller_number: str = ""
    ivr_data: dict[str, str] = field(default_factory=dict)
    first_queued_at: float | None = None
    priority: int = 0
    transferred_by: str = ""
    screen_pop: CustomerIdentified | None = None


class CallDirectory:
    """Context of the calls in flight in this instance's routing domains."""

    def __init__(self) -> None:
        self._calls: dict[str, CallContext] = {}

    def get(self, call_id: str) -> CallContext:
        return self._calls.get(call_id) or CallContext()

    def observe(self, event: Event) -> bool:
        """Take the event in; True when it changed the call's screen pop."""
        kind = event.WhichOneof("payload")
        call_id = event.aggregate_id
        if kind == "call_received":
            self._calls.setdefault(
                call_id, CallContext()
            ).caller_number = event.call_received.caller_number
        elif kind == "ivr_completed":
            self._calls.setdefault(call_id, CallContext()).ivr_data.update(
                event.ivr_completed.collected
            )
        elif kind == "call_queued":
            context = self._calls.setdefault(call_id, CallContext())
            queued = event.call_queued
            if queued.HasField("first_queued_at"):
                context.first_queued_at = from_timestamp(queued.first_queued_at)
            context.priority = queued.priority
        elif kind == "call_priority_changed":
            self._calls.setdefault(
                call_id, CallContext()
            ).priority = event.call_priority_changed.priority
        elif kind == "call_transferred":
            self._calls.setdefault(
                call_id, CallContext()
            ).transferred_by = event.call_transferred.from_agent_id
        elif kind == "customer_identified":
            context = self._calls.setdefault(call_id, CallContext())
            shown = context.screen_pop
            context.screen_pop = preferred(shown, event.customer_identified)
            return context.screen_pop is not shown
        elif kind in ("call_abandoned", "call_ended", "callback_scheduled"):
            self._calls.pop(call_id, None)  # no agent will be offered it again
        return False

    def clear(self) -> None:
        self._calls.clear()
