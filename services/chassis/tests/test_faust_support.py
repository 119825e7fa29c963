"""End offsets from Fetch responses (chassis.faust_support), and their use by Faust."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka import errors as kafka_errors
from aiokafka.protocol.fetch import FetchResponse_v4, FetchResponse_v11
from aiokafka.structs import TopicPartition

from chassis import faust_support
from chassis.faust_support import (
    READ_COMMITTED,
    SCHEME,
    end_offsets,
    faust_broker_urls,
    fetch_end_offsets,
    fetch_requests,
    parse_fetch_response,
)
from chassis.topics import ensure_topics

TP0, TP1, TP2 = (TopicPartition("t", p) for p in range(3))


def test_one_request_per_leader_reading_at_most_one_byte_per_partition() -> None:
    requests = fetch_requests({TP0: 5, TP1: 0, TP2: 7}, {TP0: 1, TP1: 2, TP2: 1})
    assert set(requests) == {1, 2}
    assert requests[1].topics == [("t", [(0, 5, 1), (2, 7, 1)])]
    assert requests[2].topics == [("t", [(1, 0, 1)])]


def _v11(*partitions: tuple[int, int, int, int]) -> FetchResponse_v11:
    # (partition, error, highwater, last_stable_offset)
    return FetchResponse_v11(
        0, 0, 0, [("t", [(p, err, hw, lso, 0, [], -1, b"") for p, err, hw, lso in partitions])]
    )


def test_end_offset_is_the_high_watermark() -> None:
    offsets, failed = parse_fetch_response(_v11((0, 0, 34, 30), (1, 0, 0, 0)))
    assert offsets == {TP0: 34, TP1: 0}
    assert failed == {}


def test_read_committed_end_offset_is_the_last_stable_offset() -> None:
    offsets, _ = parse_fetch_response(_v11((0, 0, 34, 30)), READ_COMMITTED)
    assert offsets == {TP0: 30}


def test_older_response_layout() -> None:
    response = FetchResponse_v4(0, [("t", [(2, 0, 12, 12, [], b"")])])
    assert parse_fetch_response(response) == ({TP2: 12}, {})


def test_partition_errors_are_reported_not_guessed() -> None:
    offsets, failed = parse_fetch_response(_v11((0, 6, -1, -1), (1, 1, -1, -1), (2, 0, -1, -1)))
    assert offsets == {}
    assert failed == {
        TP0: kafka_errors.NotLeaderForPartitionError,
        TP1: kafka_errors.OffsetOutOfRangeError,
        TP2: kafka_errors.UnknownError,
    }


def test_broker_urls_select_the_transport() -> None:
    from faust.transport.drivers import by_url

    urls = faust_broker_urls("a:9092, b:9093")
    assert urls == [f"{SCHEME}://a:9092", f"{SCHEME}://b:9093"]
    assert by_url(urls[0]) is faust_support.Transport
    assert faust_support.Transport.Consumer is faust_support.Consumer


@pytest.mark.integration
async def test_end_offsets_count_every_record_of_multi_record_batches(
    kafka_bootstrap: str, unique_name: str
) -> None:
    topic = f"{unique_name}.batched"
    await ensure_topics(kafka_bootstrap, [topic], 3)
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all", linger_ms=50)
    await producer.start()
    try:
        batched = [await producer.send(topic, b"x", partition=0) for _ in range(34)]
        await asyncio.gather(*batched)
        for _ in range(3):
            await producer.send_and_wait(topic, b"y", partition=1)
    finally:
        await producer.stop()
    expected = {
        TopicPartition(topic, 0): 34,
        TopicPartition(topic, 1): 3,
        TopicPartition(topic, 2): 0,
    }

    assert await end_offsets(kafka_bootstrap, [topic]) == expected
    consumer = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap)
    await consumer.start()
    try:
        assert await fetch_end_offsets(consumer, list(expected)) == expected
        # The consumer's own reading position is left alone.
        assert consumer.assignment() == set()
    finally:
        await consumer.stop()
