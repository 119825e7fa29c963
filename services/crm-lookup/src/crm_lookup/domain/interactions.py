"""A customer's interaction history: one record per call, built from the call's events
(domain/call_history.py), as the screen pop and GetCustomer show it."""

from __future__ import annotations

from dataclasses import dataclass

from callcenter.v1.customer_pb2 import InteractionSummary
from chassis.times import to_duration, to_timestamp

ANSWERED, ABANDONED, CALLBACK, TRANSFERRED, ENDED_IN_IVR = (
    "answered",
    "abandoned",
    "callback",
    "transferred",
    "ended_in_ivr",
)


@dataclass(frozen=True)
class Interaction:
    tenant_id: str
    call_id: str
    started_at: float  # epoch seconds, like every time here
    customer_id: str = ""
    identified_by: str = ""  # "account_number" outranks "caller_number"
    queue_id: str = ""
    agent_id: str = ""
    outcome: str = ""
    disposition: str = ""
    queued_at: float | None = None
    connected_at: float | None = None
    ended_at: float | None = None
    wait_s: float = 0.0
    talk_s: float = 0.0
    hold_s: float = 0.0
    held_since: float | None = None
    hold_changed_at: float = 0.0
    wrap_up_s: float = 0.0

    def summary(self) -> InteractionSummary:
        return InteractionSummary(
            call_id=self.call_id,
            started_at=to_timestamp(self.started_at),
            queue_id=self.queue_id,
            agent_id=self.agent_id,
            outcome=self.outcome,
            disposition=self.disposition,
            wait=to_duration(self.wait_s),
            talk=to_duration(self.talk_s),
            hold=to_duration(self.hold_s),
            wrap_up=to_duration(self.wrap_up_s),
        )
