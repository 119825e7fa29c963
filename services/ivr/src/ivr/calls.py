"""What the IVR knows of one call from the log besides its session: where the platform has the
call after the menu (queued, offered, connected, ended), and the inputs still to answer.

The IVR hosts the caller from arrival until an agent answers, so it is the one to record what a
hang-up meant: an abandon in the menu or in the queue, or the end of a conversation.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from google.protobuf.message import Message

from callcenter.v1.call_events_pb2 import CallAbandoned, CallEnded
from callcenter.v1.common_pb2 import (
    CALL_STAGE_IVR,
    CALL_STAGE_OFFER,
    CALL_STAGE_QUEUE,
    PARTY_CALLER,
)
from callcenter.v1.envelope_pb2 import Event
from chassis.times import to_duration
from ivr.domain import IvrSession, LearnAttributes, ReceiveDigits, SessionState, Status

# A call older than this when it comes to be started predates the IVR (history in the log, or
# a long outage): its caller is long gone or served some other way.
START_WITHIN = timedelta(minutes=10)
ENDINGS = frozenset({"call_abandoned", "call_ended", "callback_scheduled"})


@dataclass(frozen=True)
class Input:
    """Keys pressed (digits) or what the CRM found (attributes), read from the log live."""

    event_id: str
    digits: str | None = None
    attributes: dict[str, str] | None = None

    def command(self, now: datetime) -> ReceiveDigits | LearnAttributes:
        if self.digits is not None:
            return ReceiveDigits(self.digits, now)
        return LearnAttributes(self.attributes or {}, now)


@dataclass(eq=False)
class CallRecord:
    tenant_id: str
    call_id: str
    caller_number: str
    received_at: datetime
    flow_id: str  # the number plan's flow for the dialed number; "" if the IVR has none
    session: IvrSession | None = None
    queue_id: str = ""
    queued_since: datetime | None = None
    offered: bool = False
    agent_id: str = ""  # while connected
    callback_requested: bool = False
    ended_by: str = ""  # the payload that ended the call for the platform
    hung_up: bool = False
    hang_up_heard: bool = False  # what the hang-up meant is recorded (or was nothing)
    inbox: deque[Input] = field(default_factory=deque)
    seen_inputs: set[str] = field(default_factory=set)

    @property
    def state(self) -> SessionState | None:
        return self.session.state if self.session is not None else None

    @property
    def in_ivr(self) -> bool:
        """The session is open: in the menu, or queued and hearing announcements."""
        state = self.state
        return state is not None and state.status is not Status.FINISHED

    def wants_start(self, now: datetime) -> bool:
        left = self.hung_up or self.ended_by or self.queue_id or self.agent_id
        recent = now - self.received_at <= START_WITHIN
        return self.session is None and bool(self.flow_id) and not left and recent

    def close_reason(self) -> str:
        """Why an open session is to close: an agent answered, or the call ended elsewhere."""
        if not self.in_ivr:
            return ""
        return "call_connected" if self.agent_id else self.ended_by

    def timer_due(self, now: datetime) -> bool:
        state = self.state
        return (
            self.in_ivr
            and state is not None
            and state.timer is not None
            and (state.timer.deadline <= now)
        )

    def hang_up_outcome(self, now: datetime) -> Message | None:
        """What the caller hanging up means outside the menu (in the menu the session records
        it): the end of a conversation, an abandon in the queue or during an offer, or before
        the IVR could start the menu at all."""
        outcome: Message | None = None
        if self.agent_id:
            outcome = CallEnded(ended_by=PARTY_CALLER, agent_id=self.agent_id)
        elif self.queue_id and not self.callback_requested:
            waited = to_duration((now - (self.queued_since or now)).total_seconds())
            stage = CALL_STAGE_OFFER if self.offered else CALL_STAGE_QUEUE
            outcome = CallAbandoned(stage=stage, queue_id=self.queue_id, waited=waited)
        elif self.session is None and self.flow_id:
            waited = to_duration((now - self.received_at).total_seconds())
            outcome = CallAbandoned(stage=CALL_STAGE_IVR, waited=waited)
        return outcome

    @property
    def done(self) -> bool:
        """Nothing more for the IVR to do or to record for this call."""
        return not self.in_ivr and bool(self.ended_by or self.hang_up_heard)

    def observe(self, event: Event, live: bool) -> None:
        """A fact about the call; inputs count only when read live (the log holds the answers
        to those read while replaying)."""
        kind = event.WhichOneof("payload")
        if kind == "caller_hung_up":
            self.hung_up = True
        elif kind in ("digits_pressed", "customer_identified") and live:
            self._receive(event)
        elif kind == "call_queued":
            queued = event.call_queued
            since = queued.first_queued_at if queued.HasField("first_queued_at") else None
            self.queued_since = (since or event.occurred_at).ToDatetime(tzinfo=UTC)
            self.queue_id, self.offered, self.agent_id = queued.queue_id, False, ""
            self.callback_requested = False
        elif kind == "call_offered":
            self.offered = True
        elif kind in ("offer_rejected", "offer_timed_out"):
            self.offered = False
        elif kind == "call_connected":
            self.agent_id, self.offered = event.call_connected.agent_id, False
        elif kind == "callback_requested":
            self.callback_requested = True
        elif kind in ENDINGS or (kind == "call_transferred" and self._transferred_out(event)):
            self.ended_by = self.ended_by or str(kind)

    @staticmethod
    def _transferred_out(event: Event) -> bool:
        return bool(event.call_transferred.external_number)  # the call left the platform

    def _receive(self, event: Event) -> None:
        if event.event_id in self.seen_inputs:  # redelivered: answered already
            return
        self.seen_inputs.add(event.event_id)
        if event.HasField("digits_pressed"):
            self.inbox.append(Input(event.event_id, digits=event.digits_pressed.digits))
        else:
            attributes = dict(event.customer_identified.attributes)
            self.inbox.append(Input(event.event_id, attributes=attributes))
