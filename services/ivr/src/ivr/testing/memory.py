"""The IVR with its ports in memory, fed a log by hand: for tests of the service layer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from google.protobuf.message import Message

from callcenter.v1.call_events_pb2 import CallerHungUp, CallReceived, DigitsPressed
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from callcenter.v1.telephony_pb2 import TelephonyCommand
from chassis.events import new_event
from chassis.tenants import Tenants
from ivr.adapters.flow_files import FlowLibrary
from ivr.flows import QueueStatus
from ivr.ports import unknown_status
from ivr.service import Ivr

DEMO_CONFIG = Path(__file__).resolve().parents[5] / "deploy" / "config"  # in the repository
ACME_NUMBER = "+33970000000"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class MemoryOutbox:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.commands: list[TelephonyCommand] = []

    async def publish_events(self, events: list[Event]) -> None:
        self.events += events

    async def send_commands(self, commands: list[TelephonyCommand]) -> None:
        self.commands += commands


class FixedFigures:
    """The router's answers: set per queue, defaults otherwise; records what it was asked."""

    def __init__(self) -> None:
        self.statuses: dict[str, QueueStatus] = {}
        self.asked: list[tuple[str, int | None]] = []

    async def status(self, tenant_id: str, queue_id: str, position: int | None) -> QueueStatus:
        self.asked.append((queue_id, position))
        known = self.statuses.get(queue_id)
        if known is None:
            return unknown_status(queue_id, position)
        return QueueStatus(queue_id, known.estimated_wait_seconds, position, known.agents_available)


class Harness:
    """One IVR instance, a clock, and the log as other services would write it."""

    def __init__(self, tenants: Tenants, flows: FlowLibrary) -> None:
        self.outbox = MemoryOutbox()
        self.figures = FixedFigures()
        self.ivr = Ivr(tenants, flows, self.figures, self.outbox)
        self.now = START
        self.log: list[Event] = []  # what the other services wrote
        self._sequence = 100

    async def feed(self, payload: Message, call_id: str = "call-1", event_id: str = "") -> Event:
        self._sequence += 1
        event = new_event(
            payload,
            tenant_id="acme",
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id=call_id,
            sequence=self._sequence,
            producer="test",
            correlation_id=call_id,
            occurred_at=self.now,
            **({"event_id": event_id} if event_id else {}),
        )
        self.log.append(event)
        await self.ivr.apply(event)
        return event

    async def receive(self, call_id: str = "call-1", number: str = ACME_NUMBER) -> None:
        await self.feed(CallReceived(caller_number="+33612345678", dialed_number=number), call_id)
        await self.act()

    async def press(self, digits: str, call_id: str = "call-1") -> None:
        await self.feed(DigitsPressed(digits=digits), call_id)
        await self.act()

    async def hang_up(self, call_id: str = "call-1") -> None:
        await self.feed(CallerHungUp(), call_id)
        await self.act()

    async def act(self, after: float = 0.0) -> float | None:
        self.now += timedelta(seconds=after)
        return await self.ivr.act(self.now.timestamp())

    async def until_due(self) -> None:
        """Lets the clock run to the next timer, and acts."""
        due = await self.ivr.act(self.now.timestamp())
        assert due is not None, "no timer pending"
        self.now = datetime.fromtimestamp(due, UTC)
        await self.ivr.act(due)

    def published(self, kind: str, call_id: str = "call-1") -> list[Message]:
        return [
            getattr(e, kind)
            for e in self.outbox.events
            if e.WhichOneof("payload") == kind and e.aggregate_id == call_id
        ]

    def kinds(self, call_id: str = "call-1") -> list[str]:
        return [
            str(e.WhichOneof("payload")) for e in self.outbox.events if e.aggregate_id == call_id
        ]
