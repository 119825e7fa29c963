"""Ready-made events for tests."""

from __future__ import annotations

from callcenter.v1.call_events_pb2 import CallReceived
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event


def call_received(n: int, tenant: str = "acme") -> Event:
    """The arrival of call number `n`, as ingest records it."""
    return new_event(
        CallReceived(
            caller_number="+33123456789",
            dialed_number="+33900000000",
            provider="test",
            provider_call_id=f"p{n}",
        ),
        tenant_id=tenant,
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id=f"call-{n}",
        sequence=1,
        producer="test",
        correlation_id=f"call-{n}",
    )
