"""Recording call arrivals as CallReceived events."""

from __future__ import annotations

import asyncio
import logging

from aiokafka.errors import KafkaError

from callcenter.v1.call_events_pb2 import CallReceived
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL
from chassis.events import new_event, stable_event_id
from chassis.kafka import EventPublisher
from ingest.domain import CallArrival

log = logging.getLogger(__name__)
SERVICE_NAME = "ingest"


class EventLogUnavailable(Exception):
    """Kafka did not take the event: nothing was recorded, the sender should retry."""


class CallIntake:
    def __init__(
        self, publisher: EventPublisher, calls_topic: str, publish_timeout_s: float = 5.0
    ) -> None:
        self._publisher = publisher
        self._calls_topic = calls_topic
        self._publish_timeout_s = publish_timeout_s

    async def report_arrival(self, arrival: CallArrival) -> str:
        """Record the arrival once the broker has it; return the call id.

        A retry of the same report yields the same call id and event id (sequence 1),
        so consumers treat it as the same fact."""
        call_id = arrival.call_id
        occurred_at = arrival.arrival_time()
        event = new_event(
            CallReceived(
                caller_number=arrival.caller_number,
                dialed_number=arrival.dialed_number,
                provider=arrival.provider,
                provider_call_id=arrival.provider_call_id,
            ),
            tenant_id=arrival.tenant_id,
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id=call_id,
            sequence=1,
            producer=SERVICE_NAME,
            correlation_id=call_id,
            occurred_at=occurred_at,
            event_id=stable_event_id(f"{call_id}/CallReceived", occurred_at),
        )
        try:
            await asyncio.wait_for(
                self._publisher.publish(self._calls_topic, event), self._publish_timeout_s
            )
        except (KafkaError, TimeoutError) as exc:
            raise EventLogUnavailable(repr(exc)) from exc
        log.info("call received", extra={"call_id": call_id, "tenant_id": arrival.tenant_id})
        return call_id
