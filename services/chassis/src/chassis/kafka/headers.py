"""Kafka header names and the trace-context getter over aiokafka's header tuples."""

from __future__ import annotations

from collections.abc import Sequence

from opentelemetry.propagators.textmap import Getter

Headers = Sequence[tuple[str, bytes]]

EVENT_TYPE = "event_type"
DLQ_REASON = "dlq.reason"
DLQ_TOPIC = "dlq.topic"
DLQ_PARTITION = "dlq.partition"
DLQ_OFFSET = "dlq.offset"
DLQ_GROUP = "dlq.group"


def header(headers: Headers | None, name: str) -> str | None:
    for key, value in headers or ():
        if key == name:
            return value.decode(errors="replace")
    return None


class HeaderGetter(Getter[Headers]):
    """Reads W3C `traceparent` / `tracestate` from record headers."""

    def get(self, carrier: Headers, key: str) -> list[str] | None:
        values = [v.decode(errors="replace") for k, v in carrier if k == key]
        return values or None

    def keys(self, carrier: Headers) -> list[str]:
        return [k for k, _ in carrier]
