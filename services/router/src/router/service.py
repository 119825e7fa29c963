"""The router's state: one routing domain per tenant, rebuilt from the log, acting live."""

from __future__ import annotations

import logging
from dataclasses import replace

from aiokafka.structs import TopicPartition

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.kafka import RejectEvent
from chassis.sequences import SequenceTracker
from chassis.tenants import Tenants
from router.decisions import call_event, payloads, requeued
from router.domain import RoutingDomain, UnknownQueue
from router.facts import TenantState, apply_fact, queue_call

log = logging.getLogger(__name__)


class Router:
    def __init__(self, tenants: Tenants) -> None:
        self._tenants = tenants
        self.states: dict[str, TenantState] = {}
        self._sequences = SequenceTracker()

    def reset(self, _partitions: frozenset[TopicPartition]) -> None:
        """A new assignment: the log of the assigned partitions is about to be replayed."""
        self.states.clear()
        self._sequences.clear()

    def tenant(self, tenant_id: str) -> TenantState | None:
        state = self.states.get(tenant_id)
        if state is None:
            config = self._tenants.tenant(tenant_id)
            if config is None:
                return None
            state = self.states[tenant_id] = TenantState(RoutingDomain(config.queues))
        return state

    async def apply(self, event: Event) -> None:
        state = self.tenant(event.tenant_id)
        if state is None:
            raise RejectEvent(f"tenant_id: unknown tenant {event.tenant_id!r}")
        if event.aggregate_type == AGGREGATE_TYPE_CALL:
            self._sequences.observe(event)
        try:
            apply_fact(state, event)
        except UnknownQueue as exc:
            raise RejectEvent(f"queue_id: {exc}") from None

    def decide(self, now: float) -> tuple[list[Event], float | None]:
        """Every decision due now, as events; and when to decide again at the latest."""
        events: list[Event] = []
        wake_at: float | None = None
        for tenant_id, state in self.states.items():
            for call_id, (queue_id, agent_id) in list(state.transfers.items()):
                place = state.places[call_id] = replace(state.places[call_id], queue_id=queue_id)
                payload = requeued(
                    queue_id, place.priority, place.first_queued_at, agent_id, place.needs
                )
                events.append(call_event(tenant_id, call_id, payload, now, self._sequences))
                queue_call(state, call_id, place, now, agent_id)
                del state.transfers[call_id]
            for decision in state.domain.decide(now):
                for payload in payloads(decision):
                    events.append(
                        call_event(tenant_id, decision.call_id, payload, now, self._sequences)
                    )
            due = state.domain.next_wakeup()
            if due is not None and (wake_at is None or due < wake_at):
                wake_at = due
        return events, wake_at
