"""Call and agent events written as a script: each step at an explicit time, built
with the platform's protobuf classes. For hand-made scenarios and generated histories."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Self

from google.protobuf.message import Message

from callcenter.v1 import agent_events_pb2 as ae
from callcenter.v1 import call_events_pb2 as ce
from callcenter.v1 import common_pb2
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT, AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from chassis.times import to_duration, to_timestamp

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# A Monday, 09:00 UTC, in milliseconds: where scripts start unless told otherwise.
MONDAY_9 = int((datetime(2026, 3, 2, 9, tzinfo=UTC) - EPOCH).total_seconds() * 1000)
STAGES = {"ivr": common_pb2.CALL_STAGE_IVR, "queue": common_pb2.CALL_STAGE_QUEUE}
STAGES["offer"] = common_pb2.CALL_STAGE_OFFER


def at_time(ms: int) -> datetime:
    return EPOCH + timedelta(milliseconds=ms)


class Script:
    """Events of one aggregate, in the order they are written; `at` is the current time."""

    def __init__(self, tenant_id: str, subject: str, at: int, aggregate: int) -> None:
        self.tenant_id = tenant_id
        self.subject = subject
        self.at = at
        self.aggregate = aggregate
        self.events: list[Event] = []
        self._sequence = itertools.count(1)

    def after(self, ms: int) -> Self:
        self.at += ms
        return self

    def emit(self, payload: Message, producer: str = "test") -> Event:
        correlation = self.subject if self.aggregate == AGGREGATE_TYPE_CALL else ""
        event = new_event(
            payload,
            tenant_id=self.tenant_id,
            aggregate_type=self.aggregate,
            aggregate_id=self.subject,
            sequence=next(self._sequence),
            producer=producer,
            correlation_id=correlation,
            occurred_at=at_time(self.at),
        )
        self.events.append(event)
        return event


class CallScript(Script):
    def __init__(self, tenant_id: str, call_id: str, at: int = MONDAY_9) -> None:
        super().__init__(tenant_id, call_id, at, AGGREGATE_TYPE_CALL)
        self._offers = itertools.count(1)

    def received(self, caller: str = "+33612345678") -> Event:
        return self.emit(ce.CallReceived(caller_number=caller, dialed_number="+33970000000"))

    def ivr_started(self) -> Event:
        return self.emit(ce.IvrStarted(flow_id="main"), "ivr")

    def ivr_completed(self, time_in_ivr_ms: int, outcome: int, queue_id: str = "") -> Event:
        completed = ce.IvrCompleted(
            time_in_ivr=to_duration(time_in_ivr_ms / 1000),
            outcome=outcome,
            queue_id=queue_id,
        )
        return self.emit(completed, "ivr")

    def queued(self, queue_id: str, first_queued_at: int | None = None) -> Event:
        first = self.at if first_queued_at is None else first_queued_at
        payload = ce.CallQueued(queue_id=queue_id, first_queued_at=to_timestamp(first / 1000))
        return self.emit(payload, "ivr" if first_queued_at is None else "router")

    def offered(self, agent_id: str, queue_id: str) -> str:
        offer_id = f"{self.subject}/{next(self._offers)}"
        self.emit(ce.CallOffered(offer_id=offer_id, agent_id=agent_id, queue_id=queue_id), "router")
        return offer_id

    def rejected(self, offer_id: str, agent_id: str, unavailable: bool = False) -> Event:
        payload = ce.OfferRejected(
            offer_id=offer_id, agent_id=agent_id, agent_was_unavailable=unavailable
        )
        return self.emit(payload, "agent-state")

    def timed_out(self, offer_id: str, agent_id: str) -> Event:
        return self.emit(ce.OfferTimedOut(offer_id=offer_id, agent_id=agent_id), "agent-state")

    def connected(self, offer_id: str, agent_id: str, queue_id: str) -> Event:
        self.emit(ce.OfferAccepted(offer_id=offer_id, agent_id=agent_id), "agent-state")
        return self.emit(ce.CallConnected(agent_id=agent_id, queue_id=queue_id), "agent-state")

    def held(self, agent_id: str) -> Event:
        return self.emit(ce.CallHeld(agent_id=agent_id), "agent-state")

    def resumed(self, agent_id: str) -> Event:
        return self.emit(ce.CallResumed(agent_id=agent_id), "agent-state")

    def transferred(self, agent_id: str, *, queue_id: str = "", to_agent: str = "") -> Event:
        payload = ce.CallTransferred(from_agent_id=agent_id)
        if queue_id:
            payload.queue_id = queue_id
        elif to_agent:
            payload.agent_id = to_agent
        return self.emit(payload, "agent-state")

    def abandoned(self, stage: str, waited_ms: int, queue_id: str = "") -> Event:
        payload = ce.CallAbandoned(
            stage=STAGES[stage], queue_id=queue_id, waited=to_duration(waited_ms / 1000)
        )
        return self.emit(payload, "ivr")

    def ended(self, agent_id: str = "", by: int = common_pb2.PARTY_AGENT) -> Event:
        return self.emit(ce.CallEnded(agent_id=agent_id, ended_by=by), "agent-state")

    def wrapped_up(self, agent_id: str, wrap_up_ms: int) -> Event:
        payload = ce.WrapUpCompleted(agent_id=agent_id, wrap_up=to_duration(wrap_up_ms / 1000))
        return self.emit(payload, "agent-state")

    def overflowed(self, from_queue: str, to_queue: str, first_queued_at: int) -> Event:
        self.emit(ce.CallOverflowed(from_queue_id=from_queue, to_queue_id=to_queue), "router")
        return self.queued(to_queue, first_queued_at)

    def callback(self, queue_id: str, first_queued_at: int) -> Event:
        payload = ce.CallbackScheduled(
            queue_id=queue_id,
            callback_number="+33612345678",
            first_queued_at=to_timestamp(first_queued_at / 1000),
        )
        return self.emit(payload, "router")


class AgentScript(Script):
    def __init__(self, tenant_id: str, agent_id: str, at: int = MONDAY_9) -> None:
        super().__init__(tenant_id, agent_id, at, AGGREGATE_TYPE_AGENT)

    def logged_in(self, *queue_ids: str) -> Event:
        return self.emit(ae.AgentLoggedIn(queue_ids=queue_ids), "agent-state")

    def state(self, name: str, reason: str = "") -> Event:
        to = common_pb2.AgentState.Value(f"AGENT_STATE_{name}")
        payload = ae.AgentStateChanged(to_state=to, reason_code=reason)
        return self.emit(payload, "agent-state")
