"""The IVR's calls, rebuilt from the calls topic: the apply/reset/act of a chassis ReplayedState.

apply() reads the log: facts about each call, and the IVR's own events, which rebuild its
session. Nothing is decided while replaying: the log holds what was decided before. Once live,
act() takes the decisions the state calls for (steps.py), for every call with something new and
every call whose timer is due; different calls' decisions are recorded concurrently.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from aiokafka.structs import TopicPartition

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.sequences import SequenceTracker
from chassis.tenants import Tenants
from ivr.calls import CallRecord
from ivr.domain import DomainError, IvrSession, SessionStarted
from ivr.domain import Event as DomainEvent
from ivr.flows import FlowRef
from ivr.lines import WaitingLines
from ivr.ports import Flows, Outbox, QueueFigures
from ivr.recording import Recorder
from ivr.steps import Steps
from ivr.translate import Context, from_call_event

log = logging.getLogger(__name__)


class Ivr:
    def __init__(
        self, tenants: Tenants, flows: Flows, figures: QueueFigures, outbox: Outbox
    ) -> None:
        self._tenants = tenants
        self._flows = flows
        self.calls: dict[str, CallRecord] = {}
        self._lines = WaitingLines()
        self._sequences = SequenceTracker()
        self._recorder = Recorder(outbox, self._sequences, lambda event: self._observe(event))
        self._steps = Steps(flows, figures, self._lines, self._recorder)
        self._timers: list[tuple[datetime, str]] = []  # heap of (deadline, call id)
        self._armed: dict[str, datetime] = {}  # the deadline in the heap that counts, per call
        self._to_attend: set[str] = set()
        self.live: Callable[[], bool] = lambda: True  # reading the log live, not replaying

    def reset(self, _partitions: frozenset[TopicPartition]) -> None:
        """A new assignment: the log of the assigned partitions is about to be replayed."""
        for collection in (self.calls, self._armed, self._to_attend, self._recorder.own):
            collection.clear()
        self._timers.clear()
        self._lines.clear()
        self._sequences.clear()

    async def apply(self, event: Event) -> None:
        if event.aggregate_type != AGGREGATE_TYPE_CALL:
            return
        if event.event_id in self._recorder.own:  # recorded here, applied then
            self._recorder.own.discard(event.event_id)
            return
        self._observe(event, self.live())

    async def act(self, now_s: float) -> float | None:
        now = datetime.fromtimestamp(now_s, UTC)
        while self._timers and self._timers[0][0] <= now:
            deadline, call_id = heapq.heappop(self._timers)
            if self._armed.get(call_id) == deadline:
                del self._armed[call_id]
                self._to_attend.add(call_id)
        due, self._to_attend = sorted(self._to_attend), set()
        await asyncio.gather(*(self._attend(call_id, now) for call_id in due))
        while self._timers and self._armed.get(self._timers[0][1]) != self._timers[0][0]:
            heapq.heappop(self._timers)  # replaced or forgotten since
        return self._timers[0][0].timestamp() if self._timers else None

    async def _attend(self, call_id: str, now: datetime) -> None:
        call = self.calls.get(call_id)
        if call is None:
            return
        try:
            await self._steps.take(call, now)
        except Exception:  # one call's failure must not hold the others back
            log.exception("deciding for a call failed", extra={"call_id": call_id})
        if call.done:
            self._forget(call)

    def _observe(self, event: Event, live: bool = True) -> None:
        """One event of the log, or one recorded here: the same path for both."""
        self._sequences.observe(event)
        self._lines.observe(event)
        call = self.calls.get(event.aggregate_id)
        if call is None and event.HasField("call_received"):
            call = self.calls[event.aggregate_id] = self._received(event, live)
        if call is None:
            return
        call.observe(event, live)
        decided = from_call_event(event, Context(call.state, call.caller_number))
        if decided is not None:
            self._apply_to_session(call, decided)
        if call.done:
            self._forget(call)
            return
        self._to_attend.add(call.call_id)
        timer = call.state.timer if call.in_ivr and call.state else None
        if timer is not None and self._armed.get(call.call_id) != timer.deadline:
            self._armed[call.call_id] = timer.deadline
            heapq.heappush(self._timers, (timer.deadline, call.call_id))

    def _received(self, event: Event, live: bool) -> CallRecord:
        received = event.call_received
        entry = self._tenants.entry_for(received.dialed_number)
        flow_id = entry[1] if entry and entry[0].tenant_id == event.tenant_id else ""
        if not flow_id and live:
            log.warning(
                "no IVR flow for the dialed number: the IVR leaves the call alone",
                extra={"call_id": event.aggregate_id, "dialed_number": received.dialed_number},
            )
        at = event.occurred_at.ToDatetime(tzinfo=UTC)
        return CallRecord(event.tenant_id, event.aggregate_id, received.caller_number, at, flow_id)

    def _apply_to_session(self, call: CallRecord, decided: DomainEvent) -> None:
        if isinstance(decided, SessionStarted):
            ref = FlowRef(decided.tenant_id, decided.flow_id, decided.version)
            if not self._flows.knows(ref):
                log.error(
                    "the call's flow is gone: its session cannot be rebuilt",
                    extra={"call_id": call.call_id, "flow": ref.flow_id},
                )
                return
            call.session = IvrSession(self._flows.versions)
        if call.session is None:
            return
        try:
            call.session.apply(decided)
        except DomainError:
            log.exception("an IVR event does not fit its session", extra={"call_id": call.call_id})

    def _forget(self, call: CallRecord) -> None:
        self.calls.pop(call.call_id, None)
        self._armed.pop(call.call_id, None)
