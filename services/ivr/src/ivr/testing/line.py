"""A phone line to the IVR running as a process on a real broker: calls reported to the calls
topic as ingest reports them, and what the IVR records and commands, read back."""

from __future__ import annotations

import uuid

from google.protobuf.message import Message

from callcenter.v1.call_events_pb2 import CallReceived
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from callcenter.v1.telephony_pb2 import TelephonyCommand
from chassis.events import new_event
from chassis.kafka import EventPublisher
from chassis.testing.processes import ServiceRunner
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics
from ivr.testing.memory import ACME_NUMBER


class PhoneLine:
    def __init__(
        self, bootstrap: str, topics: Topics, publisher: EventPublisher, runner: ServiceRunner
    ) -> None:
        self.topics = topics
        self.runner = runner
        self._publisher = publisher
        self._calls = TopicReader(bootstrap, topics.calls)
        self._commands = TopicReader(bootstrap, topics.telephony_commands)

    async def __aenter__(self) -> PhoneLine:
        await self._calls.__aenter__()
        await self._commands.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._commands.__aexit__(*exc)
        await self._calls.__aexit__(*exc)

    async def call(self, number: str = ACME_NUMBER) -> str:
        call_id = f"call-{uuid.uuid4().hex[:10]}"
        await self.report(call_id, CallReceived(caller_number="+33612345678", dialed_number=number))
        return call_id

    async def report(self, call_id: str, payload: Message) -> Event:
        """What the caller did, as ingest records it."""
        sequence = max((e.sequence for e in self.events(call_id)), default=0) + 1
        event = new_event(
            payload,
            tenant_id="acme",
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id=call_id,
            sequence=sequence,
            producer="ingest",
            correlation_id=call_id,
        )
        await self._publisher.publish(self.topics.calls, event)
        return event

    def events(self, call_id: str) -> list[Event]:
        return [e for e in self._calls.events() if e.aggregate_id == call_id]

    def recorded(self, call_id: str, kind: str) -> list[Message]:
        """The call's payloads of one kind (the oneof field name), in log order."""
        return [getattr(e, kind) for e in self.events(call_id) if e.WhichOneof("payload") == kind]

    def commands(self, call_id: str) -> list[TelephonyCommand]:
        commands = (TelephonyCommand.FromString(r.value) for r in self._commands.records if r.value)
        return [c for c in commands if c.call_id == call_id]

    async def recorded_once(self, call_id: str, kind: str, timeout: float = 20.0) -> Message:
        found: list[Message] = await eventually(
            lambda: self.recorded(call_id, kind), timeout=timeout, what=f"{kind} of {call_id}"
        )
        return found[0]

    async def entered(
        self, call_id: str, node_id: str, attempt: int = 1, timeout: float = 20.0
    ) -> Message:
        def entry() -> Message | None:
            for entered in self.recorded(call_id, "ivr_node_entered"):
                if (entered.node_id, entered.attempt) == (node_id, attempt):  # type: ignore[attr-defined]
                    return entered
            return None

        found: Message = await eventually(entry, timeout=timeout, what=f"{call_id} at {node_id}")
        return found
