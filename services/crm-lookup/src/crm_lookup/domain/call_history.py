"""How each call event changes the call's interaction (domain/interactions.py).

Applying an event is idempotent under redelivery and replay. A redelivery repeats a suffix of
the partition, in order: fields that the latest event sets, or the first one, come out the same.
The one sum, hold time, is guarded by the time of the last hold change applied: a hold or a
resume no later than it was applied already.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_IDENTIFIED,
    IVR_OUTCOME_HUNG_UP,
    IVR_OUTCOME_TRANSFERRED,
)
from callcenter.v1.envelope_pb2 import Event
from chassis.times import from_timestamp
from crm_lookup.domain.interactions import (
    ABANDONED,
    ANSWERED,
    CALLBACK,
    ENDED_IN_IVR,
    TRANSFERRED,
    Interaction,
)

Change = Callable[[Interaction, Event, float], Interaction]


def _received(i: Interaction, _: Event, at: float) -> Interaction:
    return replace(i, started_at=min(i.started_at, at))


def _identified(i: Interaction, event: Event, _: float) -> Interaction:
    found = event.customer_identified
    if found.result != IDENTIFICATION_RESULT_IDENTIFIED:
        return i
    if i.identified_by == "account_number" and found.looked_up_by != "account_number":
        return i  # the account the caller typed names them better than the number they use
    return replace(i, customer_id=found.customer_id, identified_by=found.looked_up_by)


def _queued(i: Interaction, event: Event, at: float) -> Interaction:
    queued = event.call_queued
    first = from_timestamp(queued.first_queued_at) if queued.HasField("first_queued_at") else at
    queued_at = first if i.queued_at is None else i.queued_at
    return replace(i, queue_id=queued.queue_id, queued_at=queued_at)


def _connected(i: Interaction, event: Event, at: float) -> Interaction:
    connected = event.call_connected
    connected_at = at if i.connected_at is None else i.connected_at
    wait = connected_at - i.queued_at if i.queued_at is not None else i.wait_s
    return replace(
        i,
        agent_id=connected.agent_id,
        queue_id=connected.queue_id or i.queue_id,
        outcome=ANSWERED,
        connected_at=connected_at,
        wait_s=max(wait, 0.0),
    )


def _held(i: Interaction, _: Event, at: float) -> Interaction:
    if at <= i.hold_changed_at:
        return i
    return replace(i, held_since=at, hold_changed_at=at)


def _resumed(i: Interaction, _: Event, at: float) -> Interaction:
    if at <= i.hold_changed_at or i.held_since is None:
        return i
    return replace(i, hold_s=i.hold_s + at - i.held_since, held_since=None, hold_changed_at=at)


def _ended(i: Interaction, event: Event, at: float) -> Interaction:
    i = _resumed(i, event, at)  # a call that ends on hold: the hold ends with it
    talk = at - i.connected_at - i.hold_s if i.connected_at is not None else 0.0
    return replace(i, ended_at=at, talk_s=max(talk, 0.0), outcome=i.outcome or ENDED_IN_IVR)


def _wrapped_up(i: Interaction, event: Event, _: float) -> Interaction:
    wrap_up = event.wrap_up_completed
    return replace(
        i,
        disposition=wrap_up.disposition_code,
        wrap_up_s=wrap_up.wrap_up.ToNanoseconds() / 1e9,
        agent_id=i.agent_id or wrap_up.agent_id,
    )


def _abandoned(i: Interaction, event: Event, _: float) -> Interaction:
    abandoned = event.call_abandoned
    return replace(
        i,
        outcome=ABANDONED,
        queue_id=abandoned.queue_id or i.queue_id,
        wait_s=abandoned.waited.ToNanoseconds() / 1e9,
    )


def _callback(i: Interaction, event: Event, _: float) -> Interaction:
    return replace(i, outcome=CALLBACK, queue_id=event.callback_scheduled.queue_id or i.queue_id)


def _transferred(i: Interaction, event: Event, _: float) -> Interaction:
    if not event.call_transferred.external_number:
        return i  # to a queue or an agent: the call goes on here
    return replace(i, outcome=TRANSFERRED)


def _ivr_completed(i: Interaction, event: Event, _: float) -> Interaction:
    completed = event.ivr_completed
    if completed.outcome == IVR_OUTCOME_HUNG_UP:
        return replace(i, outcome=ENDED_IN_IVR)
    if completed.outcome == IVR_OUTCOME_TRANSFERRED:
        return replace(i, outcome=TRANSFERRED)
    return replace(i, queue_id=completed.queue_id or i.queue_id)


CHANGES: dict[str, Change] = {
    "CallReceived": _received,
    "CustomerIdentified": _identified,
    "CallQueued": _queued,
    "CallConnected": _connected,
    "CallHeld": _held,
    "CallResumed": _resumed,
    "CallEnded": _ended,
    "WrapUpCompleted": _wrapped_up,
    "CallAbandoned": _abandoned,
    "CallbackScheduled": _callback,
    "CallTransferred": _transferred,
    "IvrCompleted": _ivr_completed,
}


def shapes_history(event: Event) -> bool:
    return event.event_type in CHANGES


def applied(interaction: Interaction | None, event: Event) -> Interaction:
    """The call's interaction once the event (one that `shapes_history`) is applied; a call
    first seen by a later event starts when that event happened."""
    at = from_timestamp(event.occurred_at)
    start = interaction or Interaction(event.tenant_id, event.aggregate_id, started_at=at)
    return CHANGES[event.event_type](start, event, at)
