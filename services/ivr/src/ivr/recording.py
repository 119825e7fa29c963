"""Recording what was decided for a call: its events to the log, then to the state as if read
back, then the telephony commands they call for.

In that order: a command never goes out for an event the log may not hold, and the log's copy
of an event recorded here is recognised by its id and skipped, so nothing applies twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from google.protobuf.message import Message

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from callcenter.v1.telephony_pb2 import TelephonyCommand
from chassis.events import new_event
from chassis.sequences import SequenceTracker
from ivr.calls import CallRecord
from ivr.config import SERVICE_NAME
from ivr.domain import Event as DomainEvent
from ivr.flows import Flow
from ivr.ports import Outbox
from ivr.telephony import command_for
from ivr.translate import Context, state_after, to_payloads


class Recorder:
    def __init__(
        self, outbox: Outbox, sequences: SequenceTracker, observe: Callable[[Event], None]
    ) -> None:
        """observe: how the service applies an event of the log."""
        self._outbox = outbox
        self._sequences = sequences
        self._observe = observe
        self.own: set[str] = set()  # ids of events recorded here whose copy is not read back

    async def record(
        self,
        call: CallRecord,
        decided: Sequence[DomainEvent],
        context: Context,
        flow: Flow | None = None,
        causation_id: str = "",
        extra: Sequence[tuple[Message, datetime]] = (),
    ) -> None:
        """decided: the session's events; extra: facts the service adds, such as an abandon
        in the queue; flow: the session's, when the call has none yet."""
        flow = flow or (call.session.flow if call.session else None)
        events: list[Event] = []
        commands: list[TelephonyCommand] = []
        state = context.state
        for decision in decided:
            payloads = to_payloads(decision, replace(context, state=state))
            envelopes = [self._envelope(call, p, decision.at, causation_id) for p in payloads]
            if flow is not None and (command := command_for(decision, envelopes[0], flow)):
                commands.append(command)
            events += envelopes
            state = state_after(state, decision)
        events += [self._envelope(call, payload, at, causation_id) for payload, at in extra]
        if not events:
            return
        self.own.update(event.event_id for event in events)
        await self._outbox.publish_events(events)
        for event in events:
            self._observe(event)
        await self._outbox.send_commands(commands)

    def _envelope(self, call: CallRecord, payload: Message, at: datetime, causation: str) -> Event:
        return new_event(
            payload,
            tenant_id=call.tenant_id,
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id=call.call_id,
            sequence=self._sequences.next(call.call_id),
            producer=SERVICE_NAME,
            correlation_id=call.call_id,
            occurred_at=at,
            causation_id=causation,
        )
