"""The outbox over Kafka: call events to the calls topic, commands to the telephony commands
topic (keyed by tenant, so one call's commands stay in order), both retried until stored."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from callcenter.v1.envelope_pb2 import Event
from callcenter.v1.telephony_pb2 import TelephonyCommand
from chassis.kafka import EventPublisher
from chassis.kafka.replayed import until_sent


class KafkaOutbox:
    def __init__(
        self,
        publish_events: Callable[[list[Event]], Awaitable[None]],
        publisher: EventPublisher,
        commands_topic: str,
    ) -> None:
        """publish_events: the replayed state's, which retries until the log has them."""
        self._publish_events = publish_events
        self._publisher = publisher
        self._commands_topic = commands_topic

    async def publish_events(self, events: list[Event]) -> None:
        if events:
            await self._publish_events(events)

    async def send_commands(self, commands: list[TelephonyCommand]) -> None:
        if not commands:
            return
        # The events that caused them are stored and applied: the commands must follow.
        await until_sent(
            lambda: self._publisher.publish_commands(self._commands_topic, commands),
            "telephony commands",
        )
