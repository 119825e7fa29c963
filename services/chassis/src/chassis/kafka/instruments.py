"""Prometheus instruments of the Kafka layer. Labels are bounded: topic, event type,
outcome and partition number; never a call, agent or event id."""

from prometheus_client import Counter, Gauge, Histogram

PUBLISHED = Counter(
    "callcenter_events_published_total", "Events published", ["topic", "event_type"]
)
CONSUMED = Counter(
    "callcenter_events_consumed_total",
    "Events consumed, by outcome (handled, duplicate, dead_lettered, unknown_type)",
    ["topic", "event_type", "outcome"],
)
HANDLER_SECONDS = Histogram(
    "callcenter_handler_seconds", "Time to handle one batch of events", ["topic"]
)
LAG = Gauge(
    "callcenter_consumer_lag",
    "High watermark (from fetch responses) minus position",
    ["topic", "partition"],
)
