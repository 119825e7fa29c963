"""A minimal service for the crash tests: relays each event to another topic under a
derived id, the way platform services emit what an event caused."""

from __future__ import annotations

import asyncio
import os

from callcenter.v1.envelope_pb2 import Event
from chassis.events import derived_event_id
from chassis.kafka import ConsumerOptions, EventConsumer, EventPublisher
from chassis.runtime import serve


async def main() -> None:
    bootstrap, source, target = (os.environ[k] for k in ("BOOTSTRAP", "SOURCE", "TARGET"))
    group = os.environ["GROUP"]
    publisher = EventPublisher(bootstrap)

    async def relay(event: Event) -> None:
        caused = Event()
        caused.CopyFrom(event)
        caused.event_id = derived_event_id(event.event_id)
        caused.causation_id = event.event_id
        caused.producer = "relay"
        await publisher.publish(target, caused)

    consumer = EventConsumer(
        bootstrap,
        ConsumerOptions(
            group_id=group,
            topics=[source],
            dead_letter_topic=f"{group}.dlq",
            max_records=20,
            session_timeout_ms=6000,
        ),
        relay,
        publisher,
    )
    await serve([consumer, publisher], grace_s=5)


if __name__ == "__main__":
    asyncio.run(main())
