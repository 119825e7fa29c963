"""Turning a record into an Event, or saying precisely why it is not one."""

from __future__ import annotations

from google.protobuf.message import DecodeError

from callcenter.v1.envelope_pb2 import Event


class UndecodableRecord(ValueError):
    """The record is not a valid event envelope; the message says what is wrong."""


REQUIRED_FIELDS = ("event_id", "tenant_id", "aggregate_id", "event_type")


def decode(value: bytes | None) -> Event:
    """The event in a record's value; raises UndecodableRecord saying what is wrong."""
    if not value:
        raise UndecodableRecord("empty value: not an event envelope")
    try:
        event = Event.FromString(value)
    except DecodeError as exc:
        raise UndecodableRecord(f"not a callcenter.v1.Event: {exc}") from None
    # One expression on the hot path; which field is missing is looked up only on failure.
    if not (event.event_id and event.tenant_id and event.aggregate_id and event.event_type):
        missing = next(field for field in REQUIRED_FIELDS if not getattr(event, field))
        raise UndecodableRecord(f"invalid envelope: {missing} is empty")
    return event
