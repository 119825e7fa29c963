"""Screen pops for calls: the caller looked up when the call arrives, and again when the IVR
collects an account number; each result published on the call as CustomerIdentified.

The apply/reset/act of a chassis ReplayedState over the calls topic. Reading the log only
records what is owed (domain.calls); lookups happen in `act`, beside the consumer, so a slow or
failing store never holds the partition, and no call ever waits for the CRM: routing does not
depend on this event. Each lookup is time-boxed; one that fails is retried with backoff while
the call lasts, so the pop follows as soon as the store answers again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from aiokafka.structs import TopicPartition

from callcenter.v1.call_events_pb2 import CustomerIdentified
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import derived_event_id, new_event
from crm_lookup.domain.calls import CallLookups, OwedLookup
from crm_lookup.domain.errors import Invalid
from crm_lookup.domain.identification import BY_CALLER_NUMBER, identification
from crm_lookup.service.instruments import POP_FAILURES, POPS, POPS_OWED
from crm_lookup.service.lookup import CustomerLookup, result_name

log = logging.getLogger(__name__)
SERVICE_NAME = "crm-lookup"
Publish = Callable[[list[Event]], Awaitable[None]]


class ScreenPops:
    def __init__(
        self,
        lookup: CustomerLookup,
        calls: CallLookups,
        publish: Publish,
        *,
        timeout_s: float = 0.5,
        concurrency: int = 16,
    ) -> None:
        """`publish`: the replayed state's, which retries until the log has the events."""
        self._lookup = lookup
        self._calls = calls
        self._publish = publish
        self._timeout_s = timeout_s
        self._slots = asyncio.Semaphore(concurrency)

    async def apply(self, event: Event) -> None:
        self._calls.observe(event)

    def reset(self, _partitions: frozenset[TopicPartition]) -> None:
        """A new assignment: what is owed is read again from the log."""
        self._calls.clear()

    async def act(self, now: float) -> float | None:
        """Look up what is due, publish the results; when to come back for retries."""
        due = self._calls.due(now)
        found = await asyncio.gather(*(self._look_up(owed) for owed in due))
        ready = []
        for owed, identified in zip(due, found, strict=True):
            if not self._calls.is_owed(owed):
                continue  # settled from the log meanwhile, or the call ended
            if identified is None:
                self._calls.failed(owed, now)
                POP_FAILURES.labels(owed.tenant_id, owed.looked_up_by).inc()
            else:
                ready.append((owed, self._event(owed, identified, now)))
        if ready:
            await self._publish([event for _, event in ready])
        for owed, event in ready:
            self._calls.settle(owed)
            POPS.labels(
                owed.tenant_id, owed.looked_up_by, result_name(event.customer_identified)
            ).inc()
        POPS_OWED.set(self._calls.owed_count())
        return self._calls.next_due_at()

    async def _look_up(self, owed: OwedLookup) -> CustomerIdentified | None:
        """The result, or None when the store did not give it in time."""
        async with self._slots:
            try:
                async with asyncio.timeout(self._timeout_s):
                    if owed.looked_up_by == BY_CALLER_NUMBER:
                        return await self._lookup.by_phone(owed.tenant_id, owed.value, owed.call_id)
                    return await self._lookup.by_account(owed.tenant_id, owed.value, owed.call_id)
            except Invalid:  # a withheld or malformed number, empty digits: nobody to find
                return identification([], owed.looked_up_by, owed.value)
            except Exception as exc:  # the store is down or slow; a bug is retried alike
                log.warning(
                    "lookup for a call failed; retrying while the call lasts",
                    exc_info=not isinstance(exc, TimeoutError),
                    extra={"call_id": owed.call_id, "failures": owed.failures + 1},
                )
                return None

    def _event(self, owed: OwedLookup, identified: CustomerIdentified, now: float) -> Event:
        """Its id derives from the cause: a result published twice (a crash between publish
        and read-back) is the same event, which consumers drop."""
        return new_event(
            identified,
            tenant_id=owed.tenant_id,
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id=owed.call_id,
            sequence=self._calls.next_sequence(owed),
            producer=SERVICE_NAME,
            correlation_id=owed.call_id,
            causation_id=owed.cause_id,
            event_id=derived_event_id(owed.cause_id),
            occurred_at=datetime.fromtimestamp(now, UTC),
        )
