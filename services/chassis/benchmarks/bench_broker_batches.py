"""What a round trip through the embedded broker costs as a partition fills with batches.

    python services/chassis/benchmarks/bench_broker_batches.py [--batches N ...]
        [--bootstrap host:port]

Raw aiokafka, one process, one partition per topic. For each size, a topic is filled with
that many single-record batches (what low-latency producers write: one request, one batch),
then the round trip is timed 50 times: produce one record (acks=all), fetch it. The same
round trip on a topic holding as many records in a few large batches is the comparison, in
the same run.

On the embedded broker (Tansu, memory storage) the round trip grows with the number of
batches the partition holds: a long run at a steady rate slows down as it goes. A Kafka
broker indexes its log and shows no such growth; pass --bootstrap to compare with one.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from chassis.broker import EmbeddedBroker
from chassis.topics import ensure_topics

ROUND_TRIPS = 50
RECORD = b"x" * 200


async def fill(producer: AIOKafkaProducer, topic: str, records: int, one_per_batch: bool) -> None:
    if one_per_batch:
        for _ in range(records):
            await producer.send_and_wait(topic, RECORD, partition=0)
        return
    for first in range(0, records, 1_000):  # sent together: the producer batches them
        sends = [
            await producer.send(topic, RECORD, partition=0)
            for _ in range(min(1_000, records - first))
        ]
        await asyncio.gather(*sends)


async def round_trip_ms(producer: AIOKafkaProducer, bootstrap: str, topic: str) -> float:
    partition = TopicPartition(topic, 0)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, fetch_max_wait_ms=10)
    await consumer.start()
    try:
        consumer.assign([partition])
        await consumer.seek_to_end(partition)
        samples = []
        for _ in range(ROUND_TRIPS):
            started = time.perf_counter()
            await producer.send_and_wait(topic, RECORD, partition=0)
            while not (await consumer.getmany(timeout_ms=1_000)).get(partition):
                pass
            samples.append((time.perf_counter() - started) * 1000)
        return statistics.median(samples)
    finally:
        await consumer.stop()


async def measure(bootstrap: str, sizes: list[int]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=0)
    await producer.start()
    print(
        f"{'records in partition':>20s} {'single-record batches':>22s} {'few large batches':>18s}"
    )
    try:
        for size in sizes:
            row = []
            for one_per_batch in (True, False):
                topic = f"bench-batches-{uuid.uuid4().hex[:8]}"
                await ensure_topics(bootstrap, [topic], 1)
                await fill(producer, topic, size, one_per_batch)
                row.append(await round_trip_ms(producer, bootstrap, topic))
            print(f"{size:20,d} {row[0]:19.2f} ms {row[1]:15.2f} ms")
    finally:
        await producer.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, nargs="+", default=[0, 2_500, 5_000, 10_000])
    parser.add_argument("--bootstrap", help="an existing broker instead of the embedded one")
    args = parser.parse_args()
    print(f"median produce -> fetch round trip of {ROUND_TRIPS}, one partition, raw aiokafka")
    if args.bootstrap:
        asyncio.run(measure(args.bootstrap, args.batches))
    else:
        with EmbeddedBroker() as broker:
            asyncio.run(measure(broker.bootstrap_servers, args.batches))


if __name__ == "__main__":
    main()
