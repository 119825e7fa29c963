"""The router's decisions as call events, in the order they must reach the log."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.message import Message

from callcenter.v1.call_events_pb2 import (
    OVERFLOW_REASON_CALLER_REQUESTED,
    OVERFLOW_REASON_MAX_WAIT,
    OVERFLOW_REASON_QUEUE_FULL,
    CallbackScheduled,
    CallOffered,
    CallOverflowed,
    CallPriorityChanged,
    CallQueued,
)
from callcenter.v1.common_pb2 import SkillRequirement
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from chassis.sequences import SequenceTracker
from chassis.times import to_timestamp
from router.config import SERVICE_NAME
from router.domain import Decision, Needs, Offer, Overflow, PriorityRaise

REASONS = {
    "queue_full": OVERFLOW_REASON_QUEUE_FULL,
    "max_wait": OVERFLOW_REASON_MAX_WAIT,
    "caller_requested": OVERFLOW_REASON_CALLER_REQUESTED,
}


def requeued(
    queue_id: str, priority: int, first_queued_at: float, target_agent_id: str, needs: Needs
) -> CallQueued:
    return CallQueued(
        queue_id=queue_id,
        priority=priority,
        required_skills=[SkillRequirement(name=name, min_level=level) for name, level in needs],
        first_queued_at=to_timestamp(first_queued_at),
        target_agent_id=target_agent_id,
    )


def payloads(decision: Decision) -> list[Message]:
    if isinstance(decision, Offer):
        return [
            CallOffered(
                offer_id=decision.offer_id,
                agent_id=decision.agent_id,
                queue_id=decision.queue_id,
                expires_at=to_timestamp(decision.expires_at),
            )
        ]
    if isinstance(decision, Overflow):
        return [
            CallOverflowed(
                from_queue_id=decision.from_queue_id,
                to_queue_id=decision.to_queue_id,
                reason=REASONS[decision.reason],
            ),
            requeued(
                decision.to_queue_id,
                decision.priority,
                decision.first_queued_at,
                "",
                decision.needs,
            ),
        ]
    if isinstance(decision, PriorityRaise):
        return [
            CallPriorityChanged(
                priority=decision.priority, reason=decision.reason, changed_by=SERVICE_NAME
            )
        ]
    return [
        CallbackScheduled(
            queue_id=decision.queue_id,
            callback_number=decision.callback_number,
            first_queued_at=to_timestamp(decision.first_queued_at),
            priority=decision.priority,
            reason=REASONS[decision.reason],
        )
    ]


def call_event(
    tenant_id: str, call_id: str, payload: Message, now: float, sequences: SequenceTracker
) -> Event:
    return new_event(
        payload,
        tenant_id=tenant_id,
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id=call_id,
        sequence=sequences.next(call_id),
        producer=SERVICE_NAME,
        correlation_id=call_id,
        occurred_at=datetime.fromtimestamp(now, UTC),
    )
