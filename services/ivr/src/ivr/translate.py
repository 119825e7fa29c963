"""The IVR's domain events as the platform's call events, and back.

A domain event becomes the IVR's own record of it (IvrNodeEntered, IvrCompleted...) and, for an
outcome, the fact other services act on (CallQueued for the router, CallTransferred, CallEnded).
Read back, one payload of each group carries the domain event and the others none. Both ways
read the session's state before the event: it holds what a payload needs and the event does not
(the node the call is at), and the other way round (a callback's priority and skills).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, assert_never

from google.protobuf.duration_pb2 import Duration
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from callcenter.v1 import call_events_pb2 as pb
from callcenter.v1.common_pb2 import CALL_STAGE_IVR, PARTY_SYSTEM, SkillRequirement
from callcenter.v1.envelope_pb2 import Event
from chassis.events import timestamp
from chassis.times import to_duration
from ivr.config import SERVICE_NAME
from ivr.domain import (
    AbandonedInIvr,
    AttributesLearned,
    AttributesSet,
    BranchTaken,
    CallbackRequested,
    HungUp,
    InputAccepted,
    InputFailure,
    InputRejected,
    NodeEntered,
    RequiredSkill,
    RoutedToQueue,
    SessionClosed,
    SessionStarted,
    SessionState,
    TransferredOut,
    WaitAnnounced,
)
from ivr.domain import Event as DomainEvent
from ivr.flows import QueueStatus

REJECTIONS = {
    InputFailure.INVALID: pb.IVR_INPUT_KIND_INVALID,
    InputFailure.NO_INPUT: pb.IVR_INPUT_KIND_NO_INPUT,
}
FAILURES = {kind: failure for failure, kind in REJECTIONS.items()}


@dataclass(frozen=True)
class Context:
    state: SessionState | None = None  # the session before the event
    caller_number: str = ""  # from the call's CallReceived: IvrStarted does not repeat it
    statuses: Mapping[str, QueueStatus] = field(default_factory=dict)  # the router's figures
    close_reason: str = ""


def to_payloads(event: DomainEvent, context: Context) -> list[Message]:
    state = context.state
    match event:
        case SessionStarted():
            return [pb.IvrStarted(flow_id=event.flow_id, flow_version=event.version)]
        case NodeEntered():
            return [
                pb.IvrNodeEntered(
                    node_id=event.node_id,
                    attempt=event.attempt,
                    prompt=event.prompt or "",
                    expects_input=event.expects_input,
                    timer_deadline=_timestamp(event.timer_deadline),
                )
            ]
        case BranchTaken():
            snapshots = [_snapshot(status) for status in event.queue_statuses]
            return [
                pb.IvrBranchTaken(
                    node_id=event.node_id,
                    branch=event.branch,
                    next_node_id=event.next_node_id,
                    queue_statuses=snapshots,
                )
            ]
        case InputAccepted():
            return [
                pb.IvrInputReceived(
                    node_id=event.node_id,
                    kind=pb.IVR_INPUT_KIND_DIGITS,
                    digits=event.digits,
                    attempt=event.attempt,
                    attribute=event.attribute or "",
                )
            ]
        case InputRejected():
            kind = REJECTIONS[event.failure]
            return [
                pb.IvrInputReceived(
                    node_id=event.node_id, kind=kind, digits=event.digits, attempt=event.attempt
                )
            ]
        case AttributesSet():
            return [
                pb.IvrAttributesSet(
                    node_id=event.node_id,
                    attributes=event.attributes,
                    priority=event.priority or 0,  # 0 reads back as None: the same floor
                    skills=_skills(event.skills),
                )
            ]
        case AttributesLearned():
            return [pb.IvrAttributesSet(attributes=event.attributes)]  # no node: the CRM's
        case WaitAnnounced():
            told = QueueStatus(event.queue_id, event.wait_seconds, event.position, 0)
            return [
                pb.IvrWaitAnnounced(
                    status=_snapshot(context.statuses.get(event.queue_id, told)),
                    announced_wait=to_duration(event.wait_seconds),
                    speak_position=event.speak_position,
                    speak_wait=event.speak_wait,
                    next_announcement_at=_timestamp(event.next_announcement_at),
                )
            ]
        case RoutedToQueue():
            skills = _skills(event.skills)
            completed = _completed(
                state,
                event.at,
                outcome=pb.IVR_OUTCOME_QUEUED,
                collected=event.attributes,
                time_in_ivr=to_duration(event.time_in_ivr),
                queue_id=event.queue_id,
                priority=event.priority,
                skills=skills,
                next_announcement_at=_timestamp(event.next_announcement_at),
            )
            queued = pb.CallQueued(
                queue_id=event.queue_id,
                priority=event.priority,
                required_skills=skills,
                first_queued_at=timestamp(event.at),
            )
            return [completed, queued]
        case CallbackRequested():
            requested = pb.CallbackRequested(
                queue_id=event.queue_id,
                callback_number=event.callback_number,
                while_queued=event.while_queued,
            )
            if event.while_queued:  # the call left the menu when it was queued
                return [requested]
            completed = _completed(
                state,
                event.at,
                outcome=pb.IVR_OUTCOME_CALLBACK,
                collected=event.attributes,
                queue_id=event.queue_id,
                priority=event.priority,
                skills=_skills(event.skills),
            )
            return [completed, requested]
        case TransferredOut():
            outcome = pb.IVR_OUTCOME_TRANSFERRED
            completed = _completed(state, event.at, outcome=outcome, transfer_number=event.number)
            return [completed, pb.CallTransferred(external_number=event.number)]
        case HungUp():
            prompt = event.prompt or ""
            completed = _completed(state, event.at, outcome=pb.IVR_OUTCOME_HUNG_UP, prompt=prompt)
            return [completed, pb.CallEnded(ended_by=PARTY_SYSTEM)]
        case AbandonedInIvr():
            waited = to_duration(event.time_in_ivr)
            return [
                pb.CallAbandoned(stage=CALL_STAGE_IVR, ivr_node_id=event.node_id, waited=waited)
            ]
        case SessionClosed():
            return [pb.IvrSessionClosed(reason=context.close_reason)]
    assert_never(event)


def from_call_event(event: Event, context: Context) -> DomainEvent | None:
    """The domain event an IVR event carries; None for any other event."""
    if event.producer != SERVICE_NAME:
        return None
    at = event.occurred_at.ToDatetime(tzinfo=UTC)
    match event.WhichOneof("payload"):
        case "ivr_started":
            started = event.ivr_started
            return SessionStarted(
                event.aggregate_id,
                event.tenant_id,
                started.flow_id,
                started.flow_version,
                context.caller_number,
                at,
            )
        case "ivr_node_entered":
            e = event.ivr_node_entered
            deadline = _datetime(e, "timer_deadline")
            return NodeEntered(
                e.node_id, e.attempt, e.prompt or None, e.expects_input, deadline, at
            )
        case "ivr_branch_taken":
            b = event.ivr_branch_taken
            statuses = tuple(_status(snapshot) for snapshot in b.queue_statuses)
            return BranchTaken(b.node_id, b.branch, b.next_node_id, statuses, at)
        case "ivr_input_received":
            i = event.ivr_input_received
            if i.kind == pb.IVR_INPUT_KIND_DIGITS:
                return InputAccepted(i.node_id, i.attempt, i.digits, i.attribute or None, at)
            return InputRejected(i.node_id, i.attempt, FAILURES[i.kind], i.digits, at)
        case "ivr_attributes_set":
            a = event.ivr_attributes_set
            if not a.node_id:
                return AttributesLearned(dict(a.attributes), at)
            skills = _required(a.skills)
            return AttributesSet(a.node_id, dict(a.attributes), a.priority or None, skills, at)
        case "ivr_wait_announced":
            w = event.ivr_wait_announced
            wait, position = _seconds(w.announced_wait), w.status.position or None
            next_at = _datetime(w, "next_announcement_at")
            queue_id = w.status.queue_id
            return WaitAnnounced(
                queue_id, position, wait, w.speak_position, w.speak_wait, next_at, at
            )
        case "ivr_completed":
            return _outcome(event.ivr_completed, at)
        case "callback_requested" if context.state is not None:
            c, state = event.callback_requested, context.state
            attributes = dict(state.attributes)
            return CallbackRequested(
                c.queue_id,
                c.callback_number,
                state.priority,
                state.skills,
                attributes,
                c.while_queued,
                at,
            )
        case "call_abandoned" if event.call_abandoned.stage == CALL_STAGE_IVR:
            abandoned = event.call_abandoned
            return AbandonedInIvr(abandoned.ivr_node_id, _seconds(abandoned.waited), at)
        case "ivr_session_closed":
            return SessionClosed(at)
    return None


def state_after(state: SessionState | None, event: DomainEvent) -> SessionState | None:
    """The session's state once the event is applied, as IvrSession.apply would make it."""
    if isinstance(event, SessionStarted):
        return SessionState.begin(event)
    return state.evolve(event) if state is not None else None


def _outcome(completed: pb.IvrCompleted, at: datetime) -> DomainEvent | None:
    match completed.outcome:
        case pb.IVR_OUTCOME_QUEUED:
            return RoutedToQueue(
                completed.queue_id,
                completed.priority,
                _required(completed.skills),
                dict(completed.collected),
                _seconds(completed.time_in_ivr),
                _datetime(completed, "next_announcement_at"),
                at,
            )
        case pb.IVR_OUTCOME_TRANSFERRED:
            return TransferredOut(completed.transfer_number, at)
        case pb.IVR_OUTCOME_HUNG_UP:
            return HungUp(completed.prompt or None, at)
    return None  # a callback: the CallbackRequested that follows carries it


def _completed(state: SessionState | None, at: datetime, **fields: Any) -> pb.IvrCompleted:
    if state is None:
        raise ValueError("an outcome needs the session it ends")
    common = {
        "flow_id": state.flow_id,
        "last_node_id": state.node_id,
        "collected": state.attributes,
        "time_in_ivr": to_duration(state.time_in_ivr(at)),
    }
    return pb.IvrCompleted(**{**common, **fields})


def _snapshot(status: QueueStatus) -> pb.IvrQueueSnapshot:
    return pb.IvrQueueSnapshot(
        queue_id=status.queue_id,
        estimated_wait=to_duration(status.estimated_wait_seconds),
        position=status.position or 0,
        agents_available=status.agents_available,
    )


def _status(snapshot: pb.IvrQueueSnapshot) -> QueueStatus:
    wait, position = _seconds(snapshot.estimated_wait), snapshot.position or None
    return QueueStatus(snapshot.queue_id, wait, position, snapshot.agents_available)


def _skills(skills: Iterable[RequiredSkill]) -> list[SkillRequirement]:
    return [SkillRequirement(name=skill.name, min_level=skill.min_level) for skill in skills]


def _required(skills: Iterable[SkillRequirement]) -> tuple[RequiredSkill, ...]:
    return tuple(RequiredSkill(skill.name, skill.min_level) for skill in skills)


def _timestamp(moment: datetime | None) -> Timestamp | None:
    return timestamp(moment) if moment is not None else None


def _datetime(message: Message, name: str) -> datetime | None:
    if not message.HasField(name):
        return None
    moment: datetime = getattr(message, name).ToDatetime(tzinfo=UTC)
    return moment


def _seconds(duration: Duration) -> float:
    return duration.ToNanoseconds() / 1e9
