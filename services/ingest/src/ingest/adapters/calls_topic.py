"""The calls topic: recording ingest's events on it, and following it to keep the
directory of calls (with the chassis' replayed-state consumer)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiokafka.errors import KafkaError

from callcenter.v1.envelope_pb2 import Event
from chassis.kafka import ConsumerOptions, EventPublisher
from chassis.kafka.replayed import ReplayedState
from chassis.topics import Topics
from ingest.service.following import CallsFollower
from ingest.service.ports import EventLogUnavailable

CONSUMER_GROUP = "ingest"


class KafkaEventLog:
    def __init__(self, publisher: EventPublisher, topic: str, timeout_s: float = 5.0) -> None:
        self._publisher = publisher
        self._topic = topic
        # How long a report may wait for Kafka before the sender is told to retry: a
        # provider's webhook times out too, and a prompt 503 beats a hung request.
        self._timeout_s = timeout_s

    async def record(self, event: Event) -> None:
        try:
            await asyncio.wait_for(self._publisher.publish(self._topic, event), self._timeout_s)
        except (KafkaError, TimeoutError) as exc:
            raise EventLogUnavailable(repr(exc)) from exc


async def _nothing_to_decide(_now: float) -> None:
    """Ingest takes no decision of its own from the log: it only keeps the directory."""
    return None


def follow_calls(
    bootstrap_servers: str,
    topics: Topics,
    follower: CallsFollower,
    publisher: EventPublisher,
    *,
    consumer_group: str = CONSUMER_GROUP,
    on_live: Callable[[], Awaitable[None]] | None = None,
) -> ReplayedState:
    """Rebuilds the directory from the start of every assigned partition; `live` once
    caught up. Each member of the group holds only its partitions' calls (docs/ingest.md)."""
    return ReplayedState(
        bootstrap_servers,
        ConsumerOptions(
            group_id=consumer_group,
            topics=[topics.calls],
            dead_letter_topic=topics.dead_letter(consumer_group),
            # The embedded broker answers a fetch only when this expires. Ingest only keeps
            # sequences from the log, so 100 ms is fresh enough; 10 ms cost it half its CPU.
            fetch_max_wait_ms=100,
        ),
        apply=follower.apply,
        reset=follower.reset,
        act=_nothing_to_decide,
        publisher=publisher,
        on_live=on_live,
    )
