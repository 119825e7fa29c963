"""One call's way through one version of its tenant's IVR flow, as an event-sourced aggregate.

decide(command) checks the command against the session's invariants and returns the events it
leads to, without changing anything; apply(event) is the only way the session changes. The
service applies what decide returned once the events are stored, and rebuilds a session after a
restart by applying its stored events: nothing is decided twice, no prompt is played twice.
Queue figures come from the router through the lookup given to decide, and are recorded in the
events that used them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ivr.domain.commands import (
    CallerHungUp,
    Command,
    FireTimer,
    ForeignFlow,
    LearnAttributes,
    ReceiveDigits,
    SessionAlreadyStarted,
    SessionFinished,
    SessionNotStarted,
    StartSession,
    UnknownFlowVersion,
)
from ivr.domain.draft import Draft
from ivr.domain.events import AttributesLearned, Event, SessionStarted
from ivr.domain.inputs import caller_hung_up, fire_timer, receive_digits
from ivr.domain.state import SessionState, Status
from ivr.domain.walk import enter
from ivr.flows import Flow, FlowRef, QueueStatusLookup


class IvrSession:
    def __init__(self, flows: Mapping[FlowRef, Flow]) -> None:
        """flows: every version a session may run on, the ones calls still use included."""
        self._flows = flows
        self.state: SessionState | None = None
        self.flow: Flow | None = None

    @classmethod
    def replay(cls, flows: Mapping[FlowRef, Flow], events: Iterable[Event]) -> IvrSession:
        session = cls(flows)
        for event in events:
            session.apply(event)
        return session

    def decide(self, command: Command, queue_status: QueueStatusLookup) -> list[Event]:
        if isinstance(command, StartSession):
            return self._start(command, queue_status)
        state, flow = self.check_in_progress()
        draft = Draft(state, flow, queue_status, command.now)
        match command:
            case ReceiveDigits():
                receive_digits(draft, command.digits)
            case FireTimer():
                fire_timer(draft)
            case LearnAttributes() if state.status is Status.IN_MENU:
                draft.emit(AttributesLearned(dict(command.attributes), command.now))
            case CallerHungUp():
                caller_hung_up(draft)
        return draft.events

    def apply(self, event: Event) -> None:
        if isinstance(event, SessionStarted):
            ref = FlowRef(event.tenant_id, event.flow_id, event.version)
            self.flow = self.check_flow_version(ref)
            self.state = SessionState.begin(event)
        else:
            state, _ = self.check_started()
            self.state = state.evolve(event)

    def check_not_started(self) -> None:
        if self.state is not None:
            raise SessionAlreadyStarted(self.state.call_id)

    def check_started(self) -> tuple[SessionState, Flow]:
        if self.state is None or self.flow is None:
            raise SessionNotStarted()
        return self.state, self.flow

    def check_in_progress(self) -> tuple[SessionState, Flow]:
        state, flow = self.check_started()
        if state.status is Status.FINISHED:
            raise SessionFinished(state.call_id)
        return state, flow

    def check_flow_version(self, ref: FlowRef) -> Flow:
        # A session must run on a kept version: otherwise it could not be rebuilt.
        if ref not in self._flows:
            raise UnknownFlowVersion(*ref)
        return self._flows[ref]

    @staticmethod
    def check_flow_of_tenant(tenant_id: str, flow: Flow) -> None:
        if flow.tenant_id != tenant_id:
            raise ForeignFlow(tenant_id, flow.tenant_id)

    def _start(self, command: StartSession, queue_status: QueueStatusLookup) -> list[Event]:
        self.check_not_started()
        self.check_flow_of_tenant(command.tenant_id, command.flow)
        flow = self.check_flow_version(command.flow.ref)
        started = SessionStarted(
            command.call_id,
            flow.tenant_id,
            flow.flow_id,
            flow.version,
            command.caller_number,
            command.now,
        )
        draft = Draft(SessionState.begin(started), flow, queue_status, command.now, [started])
        enter(draft, flow.entry)
        return draft.events
