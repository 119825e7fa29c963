"""Human-readable lines for JSON logs and decoded events."""

from __future__ import annotations

import json

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message

from callcenter.v1.envelope_pb2 import AggregateType, Event
from chassis.events import payload_of

_LOG_KEYS = {"time", "level", "logger", "message", "service", "taskName"}


def log_line(raw: str) -> str:
    """'09:01:02 INFO  call received call_id=… trace_id=…' from a JSON log line."""
    try:
        record = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(record, dict) or "message" not in record:
        return raw
    clock = str(record.get("time", ""))[11:19]
    extras = " ".join(f"{k}={v}" for k, v in record.items() if k not in _LOG_KEYS)
    return f"{clock} {record.get('level', ''):<7} {record['message']} {extras}".rstrip()


def _compact(message: Message | None) -> str:
    body = MessageToDict(message, preserving_proto_field_name=True) if message else {}
    return json.dumps(body, separators=(",", ":"))


def event_line(event: Event) -> str:
    about = AggregateType.Name(event.aggregate_type).removeprefix("AGGREGATE_TYPE_").lower()
    return (
        f"{event.occurred_at.ToJsonString()} {event.event_type:<18} tenant={event.tenant_id} "
        f"{about}={event.aggregate_id} seq={event.sequence} {_compact(payload_of(event))}"
    )


def message_line(message: Message) -> str:
    """A record that is not an Event (a telephony command, a window's figures)."""
    return f"{type(message).__name__:<18} {_compact(message)}"
