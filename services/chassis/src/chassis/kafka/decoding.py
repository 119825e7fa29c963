"""Turning a record into an Event, or saying precisely why it is not one."""

from __future__ import annotations

from aiokafka.structs import ConsumerRecord
from google.protobuf.message import DecodeError

from callcenter.v1.envelope_pb2 import Event


class UndecodableRecord(ValueError):
    """The record is not a valid event envelope; the message says what is wrong."""


REQUIRED_FIELDS = ("event_id", "tenant_id", "aggregate_id", "event_type")


def decode(record: ConsumerRecord[bytes, bytes]) -> Event:
    if not record.value:
        raise UndecodableRecord("empty value: not an event envelope")
    try:
        event = Event.FromString(record.value)
    except DecodeError as exc:
        raise UndecodableRecord(f"not a callcenter.v1.Event: {exc}") from None
    for field in REQUIRED_FIELDS:
        if not getattr(event, field):
            raise UndecodableRecord(f"invalid envelope: {field} is empty")
    return event
