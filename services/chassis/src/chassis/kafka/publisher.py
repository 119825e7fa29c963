"""Publishing enveloped events: keyed by routing domain, acknowledged by all replicas."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from aiokafka import AIOKafkaProducer

from callcenter.v1.envelope_pb2 import Event
from callcenter.v1.telephony_pb2 import TelephonyCommand
from chassis.kafka import instruments
from chassis.kafka.headers import EVENT_TYPE


class EventPublisher:
    """One producer per process. `publish` returns once the broker has the event.

    Idempotent producers are not used: the embedded broker refuses them, and
    consumers drop repeats by event id anyway.
    """

    def __init__(
        self, bootstrap_servers: str, *, linger_ms: int = 2, request_timeout_ms: int = 30_000
    ) -> None:
        self._producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap_servers,
            acks="all",
            linger_ms=linger_ms,
            request_timeout_ms=request_timeout_ms,
            enable_idempotence=False,
            max_batch_size=256 * 1024,
        )

    async def start(self) -> None:
        await self._producer.start()

    async def stop(self) -> None:
        await self._producer.stop()

    async def publish(self, topic: str, event: Event) -> None:
        await (await self._send(topic, event))

    async def publish_all(self, topic: str, events: Iterable[Event]) -> None:
        """Send many at once and wait for all acknowledgements (batched on the wire)."""
        pending: list[asyncio.Future[object]] = []
        sent: dict[str, int] = {}  # counted per batch: a metric update per event costs µs
        try:
            for event in events:
                event_type = event.event_type
                pending.append(await self._enqueue(topic, event, event_type))
                sent[event_type] = sent.get(event_type, 0) + 1
        finally:
            for event_type, count in sent.items():
                instruments.PUBLISHED.labels(topic, event_type).inc(count)
        await asyncio.gather(*pending)

    async def publish_commands(self, topic: str, commands: Iterable[TelephonyCommand]) -> None:
        """Commands to the telephony side, keyed by tenant so one call's stay in order."""
        pending = [
            await self._producer.send(
                topic,
                command.SerializeToString(),
                key=command.tenant_id.encode(),
                headers=[(EVENT_TYPE, b"TelephonyCommand")],
            )
            for command in commands
        ]
        await asyncio.gather(*pending)

    async def publish_raw(
        self, topic: str, key: bytes | None, value: bytes, headers: list[tuple[str, bytes]]
    ) -> None:
        """For the dead-letter path: forward bytes that may not be an event at all."""
        await (await self._producer.send(topic, value, key=key, headers=headers))

    async def _send(self, topic: str, event: Event) -> asyncio.Future[object]:
        event_type = event.event_type
        future = await self._enqueue(topic, event, event_type)
        instruments.PUBLISHED.labels(topic, event_type).inc()
        return future

    async def _enqueue(self, topic: str, event: Event, event_type: str) -> asyncio.Future[object]:
        return await self._producer.send(  # type: ignore[no-any-return]
            topic,
            event.SerializeToString(),
            key=event.routing_domain.encode(),
            headers=[(EVENT_TYPE, event_type.encode())],
        )
