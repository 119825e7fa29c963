"""The decisions the IVR takes for one call once live, in order: start its session, answer its
inputs, close the session once the platform has the call, record what a hang-up meant, fire a
due timer. Each follows from the call's state alone (inputs aside, which are read live), so a
restarted IVR takes those its predecessor did not record, and no other.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime

from google.protobuf.message import Message

from ivr.calls import CallRecord
from ivr.domain import (
    CallerHungUp,
    Command,
    FireTimer,
    IvrSession,
    SessionClosed,
    StartSession,
)
from ivr.flows import Flow, QueueStatus
from ivr.lines import WaitingLines
from ivr.ports import Flows, QueueFigures, unknown_status
from ivr.recording import Recorder
from ivr.translate import Context

log = logging.getLogger(__name__)


class KnownFigures:
    """The queue lookup decide() reads: the figures fetched so far, defaults for the others,
    which it notes as still to ask the router about."""

    def __init__(self, figures: dict[str, QueueStatus]) -> None:
        self._figures = figures
        self.unasked: set[str] = set()

    def __call__(self, queue: str) -> QueueStatus:
        if queue not in self._figures:
            self.unasked.add(queue)
        return self._figures.get(queue) or unknown_status(queue)


class Steps:
    def __init__(
        self, flows: Flows, figures: QueueFigures, lines: WaitingLines, recorder: Recorder
    ) -> None:
        self._flows = flows
        self._figures = figures
        self._lines = lines
        self._recorder = recorder

    async def take(self, call: CallRecord, now: datetime) -> None:
        if call.wants_start(now):
            await self._start(call, now)
        while call.inbox:
            received = call.inbox.popleft()
            if call.in_ivr:
                await self._decide(call, received.command(now), causation_id=received.event_id)
        if reason := call.close_reason():
            context = Context(call.state, close_reason=reason)
            await self._recorder.record(call, [SessionClosed(now)], context)
        if call.hung_up and not (call.ended_by or call.hang_up_heard):
            await self._hang_up(call, now)
        if call.timer_due(now):
            await self._decide(call, FireTimer(now))

    async def _start(self, call: CallRecord, now: datetime) -> None:
        flow = self._flows.current(call.tenant_id, call.flow_id)
        if flow is None:
            log.error(
                "the number plan's flow is not loaded: the IVR leaves the call alone",
                extra={"call_id": call.call_id, "flow": call.flow_id},
            )
            call.flow_id = ""
            return
        command = StartSession(call.call_id, call.tenant_id, flow, call.caller_number, now)
        await self._decide(call, command, IvrSession(self._flows.versions), flow)

    async def _hang_up(self, call: CallRecord, now: datetime) -> None:
        """In the menu the session records the abandon; after it, the call's record says what
        the hang-up meant (and a queued session closes along)."""
        outcome = call.hang_up_outcome(now)
        extra = [(outcome, now)] if outcome is not None else []
        if call.in_ivr:
            await self._decide(call, CallerHungUp(now), reason="caller_hung_up", extra=extra)
        else:
            await self._recorder.record(call, [], Context(), extra=extra)
        call.hang_up_heard = True

    async def _decide(
        self,
        call: CallRecord,
        command: Command,
        session: IvrSession | None = None,
        flow: Flow | None = None,
        *,
        causation_id: str = "",
        reason: str = "",
        extra: Sequence[tuple[Message, datetime]] = (),
    ) -> None:
        session = session or call.session
        flow = flow or (session.flow if session else None)
        if session is None or flow is None:
            return
        # decide() does not change the session: decide, and if the walk read queues the router
        # was not asked about yet, ask for those (together) and decide again. Most steps read
        # none, so they cost no round trip.
        figures: dict[str, QueueStatus] = {}
        while True:
            lookup = KnownFigures(figures)
            decided = session.decide(command, lookup)
            if not lookup.unasked:
                break
            figures |= await self._figures_of(call, sorted(lookup.unasked))
        context = Context(call.state, call.caller_number, figures, reason)
        await self._recorder.record(call, decided, context, flow, causation_id, extra)

    async def _figures_of(self, call: CallRecord, queues: list[str]) -> dict[str, QueueStatus]:
        """The router's figures for these queues, fetched together."""
        found = await asyncio.gather(
            *(
                self._figures.status(
                    call.tenant_id, queue, self._lines.position(call.call_id, call.tenant_id, queue)
                )
                for queue in queues
            )
        )
        return dict(zip(queues, found, strict=True))
