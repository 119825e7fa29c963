"""Applying consumed events to a routing domain: the facts the router matches on."""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter.v1.call_events_pb2 import IDENTIFICATION_RESULT_IDENTIFIED
from callcenter.v1.common_pb2 import AGENT_STATE_AVAILABLE
from callcenter.v1.envelope_pb2 import Event
from chassis.times import from_timestamp
from router.config import SERVICE_NAME
from router.domain import Customer, Needs, RoutingDomain
from router.domain.needs import needs_of


@dataclass
class CallPlace:
    """Where a call stands in the queues, kept for requeues after a transfer."""

    queue_id: str
    priority: int
    first_queued_at: float
    needs: Needs = ()  # its own (CallQueued.required_skills)


@dataclass
class TenantState:
    domain: RoutingDomain
    callers: dict[str, str] = field(default_factory=dict)  # call id -> caller number
    places: dict[str, CallPlace] = field(default_factory=dict)
    # Transfers to requeue, by call id: (queue id, target agent id). A CallQueued read
    # back from the log settles one, so a replay does not requeue twice.
    transfers: dict[str, tuple[str, str]] = field(default_factory=dict)
    # What the CRM's latest identification (CustomerIdentified, IDENTIFIED) said of the
    # caller, by call id: it may come before the call is queued.
    customers: dict[str, Customer] = field(default_factory=dict)


def queue_call(
    state: TenantState, call_id: str, place: CallPlace, at: float, target_agent_id: str = ""
) -> None:
    """The call enters its place's queue, with what is known of it."""
    state.domain.call_queued(
        call_id,
        place.queue_id,
        place.priority,
        place.first_queued_at,
        at,
        target_agent_id=target_agent_id or None,
        callback_number=state.callers.get(call_id, ""),
        needs=place.needs,
        customer=state.customers.get(call_id),
    )


def apply_fact(state: TenantState, event: Event) -> None:
    """Feed one event to the tenant's routing state (idempotent, like every fact)."""
    kind = event.WhichOneof("payload")
    subject, at, domain = event.aggregate_id, from_timestamp(event.occurred_at), state.domain
    if kind == "agent_logged_in":
        e = event.agent_logged_in
        domain.agent_logged_in(subject, {s.name: s.level for s in e.skills}, list(e.queue_ids))
    elif kind == "agent_skills_changed":
        domain.agent_skills_changed(
            subject, {s.name: s.level for s in event.agent_skills_changed.skills}
        )
    elif kind == "agent_logged_out":
        domain.agent_logged_out(subject)
    elif kind == "agent_state_changed":
        change = event.agent_state_changed
        domain.agent_presence(
            subject, change.to_state == AGENT_STATE_AVAILABLE, at, change.offer_id or None
        )
    elif kind == "call_received":
        state.callers[subject] = event.call_received.caller_number
    elif kind == "call_queued":
        queued = event.call_queued
        first = from_timestamp(queued.first_queued_at) if queued.HasField("first_queued_at") else at
        needs = needs_of((skill.name, skill.min_level) for skill in queued.required_skills)
        entered = state.places[subject] = CallPlace(queued.queue_id, queued.priority, first, needs)
        state.transfers.pop(subject, None)
        queue_call(state, subject, entered, at, queued.target_agent_id)
    elif kind == "call_priority_changed":
        change = event.call_priority_changed
        if place := state.places.get(subject):
            place.priority = change.priority
        domain.call_priority_changed(
            subject, change.priority, by_router=change.changed_by == SERVICE_NAME
        )
    elif kind == "customer_identified":
        identified = event.customer_identified
        # Only for a call still known: a lookup that ends after its call must not linger.
        if identified.result == IDENTIFICATION_RESULT_IDENTIFIED and subject in state.callers:
            customer = Customer.from_attributes(identified.attributes)
            state.customers[subject] = customer
            domain.customer_identified(subject, customer)
    elif kind == "call_offered":
        offer = event.call_offered
        domain.offer_made(subject, offer.agent_id, offer.offer_id, at)
    elif kind == "offer_rejected":
        rejected = event.offer_rejected
        domain.offer_failed(subject, rejected.offer_id, taken_in=not rejected.agent_was_unavailable)
    elif kind == "offer_timed_out":
        domain.offer_failed(subject, event.offer_timed_out.offer_id)
    elif kind == "offer_accepted":
        domain.offer_accepted(subject, event.offer_accepted.offer_id, at)
    elif kind == "callback_requested":
        asked = event.callback_requested
        number = asked.callback_number or state.callers.get(subject, "")
        domain.callback_requested(subject, asked.queue_id, number, at)
    elif kind == "call_transferred":
        _transferred(state, subject, event)
    elif kind == "call_abandoned":
        domain.call_abandoned(subject, at)
        _forget(state, subject)
    elif kind in ("call_ended", "callback_scheduled"):
        domain.call_ended(subject)
        _forget(state, subject)


def _transferred(state: TenantState, call_id: str, event: Event) -> None:
    transfer = event.call_transferred
    target = transfer.WhichOneof("target")
    place = state.places.get(call_id)
    if target == "queue_id":
        state.transfers[call_id] = (transfer.queue_id, "")
    elif target == "agent_id" and place:
        state.transfers[call_id] = (place.queue_id, transfer.agent_id)


def _forget(state: TenantState, call_id: str) -> None:
    state.callers.pop(call_id, None)
    state.places.pop(call_id, None)
    state.transfers.pop(call_id, None)
    state.customers.pop(call_id, None)
