"""Building and reading event envelopes (callcenter.v1.Event)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

import uuid6
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from callcenter.v1.envelope_pb2 import AggregateType, Event

SCHEMA_VERSION = 1

# Payload message name -> oneof field name, e.g. "CallReceived" -> "call_received".
PAYLOAD_FIELDS: dict[str, str] = {
    field.message_type.name: field.name
    for field in Event.DESCRIPTOR.oneofs_by_name["payload"].fields
}


def new_event_id() -> str:
    return str(uuid6.uuid7())


def _uuid7_shaped(unix_ms: int, seed: str) -> str:
    """A UUIDv7 whose time is `unix_ms` and whose other bits are fixed by `seed`."""
    digest = hashlib.sha256(seed.encode()).digest()
    raw = bytearray(unix_ms.to_bytes(6, "big") + digest[:10])
    raw[6] = 0x70 | (raw[6] & 0x0F)  # version 7
    raw[8] = 0x80 | (raw[8] & 0x3F)  # RFC 4122 variant
    return str(uuid.UUID(bytes=bytes(raw)))


def derived_event_id(causation_id: str, ordinal: int = 0) -> str:
    """The id of the `ordinal`-th event a handler emits for the event `causation_id`.

    Fixed by the cause, so replaying a handler after a crash re-emits the same ids
    and consumers drop the repeats; time-ordered like the cause."""
    unix_ms = int.from_bytes(uuid.UUID(causation_id).bytes[:6], "big")
    return _uuid7_shaped(unix_ms, f"{causation_id}/{ordinal}")


def stable_event_id(seed: str, occurred_at: datetime) -> str:
    """An event id fixed by what the event is about and when it happened (for facts
    reported from outside, whose senders retry)."""
    return _uuid7_shaped(int(occurred_at.timestamp() * 1000), seed)


def timestamp(moment: datetime | None = None) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(moment or datetime.now(UTC))
    return ts


def new_event(
    payload: Message,
    *,
    tenant_id: str,
    aggregate_type: AggregateType.ValueType,
    aggregate_id: str,
    sequence: int,
    producer: str,
    correlation_id: str,
    occurred_at: datetime | None = None,
    causation_id: str = "",
    event_id: str | None = None,
    routing_domain: str | None = None,
) -> Event:
    """Wrap a payload in a complete envelope. `occurred_at` is when it happened (event
    time); leave it out only when it happens now."""
    event_type = payload.DESCRIPTOR.name
    event = Event(
        event_id=event_id or new_event_id(),
        event_type=event_type,
        schema_version=SCHEMA_VERSION,
        tenant_id=tenant_id,
        aggregate_type=aggregate_type,
        aggregate_id=aggregate_id,
        sequence=sequence,
        causation_id=causation_id,
        correlation_id=correlation_id,
        producer=producer,
        routing_domain=routing_domain or tenant_id,
    )
    event.recorded_at.CopyFrom(timestamp())
    event.occurred_at.CopyFrom(timestamp(occurred_at) if occurred_at else event.recorded_at)
    getattr(event, PAYLOAD_FIELDS[event_type]).CopyFrom(payload)
    return event


def payload_of(event: Event) -> Message | None:
    """The payload message, or None for an event type newer than this code."""
    field = event.WhichOneof("payload")
    return getattr(event, field) if field else None
