"""Kafka event I/O: enveloped events in, enveloped events out, at least once."""

from chassis.kafka.consumer import ConsumerOptions, EventConsumer, Handler
from chassis.kafka.handling import RejectEvent
from chassis.kafka.publisher import EventPublisher

__all__ = ["ConsumerOptions", "EventConsumer", "EventPublisher", "Handler", "RejectEvent"]
