"""The chassis consumer on a real broker: dead letters, redelivery, catching up."""

from __future__ import annotations

from collections import Counter

import pytest

from callcenter.v1.envelope_pb2 import Event
from chassis.kafka import ConsumerOptions, EventConsumer, EventPublisher, RejectEvent
from chassis.kafka.headers import header
from chassis.testing.factories import call_received
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics

pytestmark = pytest.mark.integration


def options(topics: Topics, group: str, **kw: object) -> ConsumerOptions:
    return ConsumerOptions(
        group_id=group, topics=[topics.calls], dead_letter_topic=topics.dead_letter(group), **kw
    )  # type: ignore[arg-type]


async def start_consumer(
    bootstrap: str, opts: ConsumerOptions, handler, publisher
) -> EventConsumer:
    consumer = EventConsumer(bootstrap, opts, handler, publisher)
    await consumer.start()
    return consumer


async def test_garbage_goes_to_dead_letter_and_later_events_are_handled(
    kafka_bootstrap: str, topics: Topics, publisher: EventPublisher, unique_name: str
) -> None:
    handled: list[str] = []

    async def handle(event: Event) -> None:
        handled.append(event.aggregate_id)

    await publisher.publish_raw(topics.calls, b"acme", b"\xff\x00garbage", [])
    await publisher.publish_all(topics.calls, [call_received(n) for n in range(5)])
    opts = options(topics, unique_name)
    consumer = await start_consumer(kafka_bootstrap, opts, handle, publisher)
    try:
        await eventually(lambda: len(handled) == 5, what="five good events handled")
        async with TopicReader(kafka_bootstrap, opts.dead_letter_topic) as dlq:
            parked = await eventually(lambda: dlq.records, what="garbage dead-lettered")
        assert parked[0].value == b"\xff\x00garbage"
        assert "not a callcenter.v1.Event" in (header(parked[0].headers, "dlq.reason") or "")
        assert header(parked[0].headers, "dlq.topic") == topics.calls
    finally:
        await consumer.stop()


async def test_a_redelivered_event_has_one_effect(
    kafka_bootstrap: str, topics: Topics, publisher: EventPublisher, unique_name: str
) -> None:
    effects: Counter[str] = Counter()

    async def handle(event: Event) -> None:
        effects[event.event_id] += 1

    first, second = call_received(1), call_received(2)
    await publisher.publish_all(topics.calls, [first, first, second, first])
    consumer = await start_consumer(
        kafka_bootstrap, options(topics, unique_name), handle, publisher
    )
    try:
        await eventually(lambda: second.event_id in effects, what="events handled")
        await eventually(lambda: consumer.caught_up, what="consumer caught up")
        assert effects == {first.event_id: 1, second.event_id: 1}
    finally:
        await consumer.stop()


async def test_a_failing_handler_is_retried_then_dead_lettered(
    kafka_bootstrap: str, topics: Topics, publisher: EventPublisher, unique_name: str
) -> None:
    attempts: Counter[str] = Counter()
    handled: list[str] = []

    async def handle(event: Event) -> None:
        attempts[event.aggregate_id] += 1
        if event.aggregate_id == "call-1":
            raise RuntimeError("database said no")
        if event.aggregate_id == "call-2":
            raise RejectEvent("tenant unknown")
        handled.append(event.aggregate_id)

    await publisher.publish_all(topics.calls, [call_received(n, tenant="t") for n in (1, 2, 3)])
    opts = options(topics, unique_name, max_attempts=3)
    consumer = await start_consumer(kafka_bootstrap, opts, handle, publisher)
    try:
        await eventually(lambda: handled == ["call-3"], what="event after the failures handled")
        async with TopicReader(kafka_bootstrap, opts.dead_letter_topic) as dlq:
            await eventually(lambda: len(dlq.records) == 2, what="two dead letters")
            reasons = sorted(header(r.headers, "dlq.reason") or "" for r in dlq.records)
        assert reasons == [
            "handler failed after retries: RuntimeError: database said no",
            "rejected by handler: tenant unknown",
        ]
        assert attempts == {"call-1": 3, "call-2": 1, "call-3": 1}
    finally:
        await consumer.stop()


async def test_caught_up_only_after_every_event_written_in_batches(
    kafka_bootstrap: str, topics: Topics, publisher: EventPublisher, unique_name: str
) -> None:
    """Batched writes make ListOffsets under-report on Tansu; fetch highwaters do not."""
    handled: list[str] = []

    async def handle(event: Event) -> None:
        handled.append(event.event_id)

    events = [call_received(n) for n in range(2000)]
    await publisher.publish_all(topics.calls, events)
    consumer = await start_consumer(
        kafka_bootstrap, options(topics, unique_name, max_records=50), handle, publisher
    )
    try:
        await eventually(lambda: consumer.caught_up, what="consumer caught up")
        assert len(handled) == len(events)
    finally:
        await consumer.stop()


async def test_rebuild_on_assignment_replays_the_log_from_its_start(
    kafka_bootstrap: str, topics: Topics, publisher: EventPublisher, unique_name: str
) -> None:
    """A service whose state is in memory sees the whole log again after a restart,
    although its previous run committed; co-partitioned topics land on one member."""
    handled: list[str] = []
    assignments: list[frozenset[object]] = []

    async def handle(event: Event) -> None:
        handled.append(event.aggregate_id)

    async def on_assigned(partitions: frozenset[object]) -> None:
        assignments.append(partitions)
        handled.clear()  # the state a service drops before rebuilding it

    await publisher.publish_all(topics.calls, [call_received(n) for n in range(20)])
    opts = ConsumerOptions(
        group_id=unique_name,
        topics=[topics.calls, topics.agents],
        dead_letter_topic=topics.dead_letter(unique_name),
        rebuild_on_assignment=True,
    )
    for _run in range(2):
        consumer = EventConsumer(kafka_bootstrap, opts, handle, publisher, on_assigned=on_assigned)
        await consumer.start()
        try:
            await eventually(lambda c=consumer: c.caught_up, what="consumer caught up")
            assert sorted(handled) == sorted(f"call-{n}" for n in range(20))
        finally:
            await consumer.stop()
    assert len(assignments) == 2
    assert {tp.topic for tp in assignments[-1]} == {topics.calls, topics.agents}  # type: ignore[attr-defined]
