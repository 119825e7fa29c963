"""Ingest's arrival webhook: requests per second, and latency from request to event on Kafka.

    python services/ingest/benchmarks/bench_webhooks.py [--requests N] [--concurrency C]
        [--bootstrap host:port]

The embedded broker and ingest run as real processes. This process posts N call arrivals
(`POST /v1/calls`, each a new provider call id) from C concurrent clients. Ingest answers 202
only once the broker has acknowledged the `CallReceived` (acks=all), so each request's time,
measured here, is the time from the request to the event being on Kafka. The comparison in
the same run: C concurrent raw aiokafka producers sending the same number of records of the
event's size, each awaited alone as ingest awaits its own: the broker's share of that time.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from pathlib import Path

import httpx
from aiokafka import AIOKafkaProducer

from chassis.broker import EmbeddedBroker
from chassis.testing.processes import ServiceRunner
from chassis.topics import Topics, ensure_topics

TENANTS = Path(__file__).resolve().parents[3] / "deploy" / "config" / "tenants.yaml"
RECORD = b"x" * 180  # about a CallReceived envelope


def summary(name: str, seconds: float, latencies: list[float]) -> str:
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return (
        f"{name:28s} {len(ms) / seconds:9,.0f}/s   p50 {statistics.median(ms):6.1f} ms   "
        f"p99 {p99:6.1f} ms"
    )


async def in_parallel(concurrency: int, total: int, one: object) -> tuple[float, list[float]]:
    latencies: list[float] = []

    async def worker(first: int) -> None:
        for n in range(first, total, concurrency):
            started = time.perf_counter()
            await one(n)  # type: ignore[operator]
            latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    await asyncio.gather(*(worker(w) for w in range(concurrency)))
    return time.perf_counter() - began, latencies


async def webhooks(url: str, requests: int, concurrency: int) -> tuple[float, list[float]]:
    run = uuid.uuid4().hex[:8]
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:

        async def arrive(n: int) -> None:
            response = await client.post(
                "/v1/calls",
                json={
                    "caller_number": "+33612345678",
                    "dialed_number": "+33970000000",
                    "provider_call_id": f"bench-{run}-{n}",
                },
            )
            response.raise_for_status()

        return await in_parallel(concurrency, requests, arrive)


async def raw_sends(bootstrap: str, topic: str, records: int, concurrency: int) -> tuple:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=2)
    await producer.start()
    try:
        return await in_parallel(
            concurrency, records, lambda n: producer.send_and_wait(topic, RECORD, key=b"acme")
        )
    finally:
        await producer.stop()


async def measure(bootstrap: str, requests: int, concurrency: int) -> None:
    topics = Topics(f"bench{uuid.uuid4().hex[:6]}.")
    await ensure_topics(bootstrap, [*topics.all_topics(), f"{topics.prefix}raw"], 4)
    runner = ServiceRunner(
        {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "TOPIC_PREFIX": topics.prefix,
            "KAFKA_PARTITIONS": "4",
            "TENANTS_CONFIG": str(TENANTS),
            "LOG_LEVEL": "WARNING",
        }
    )
    try:
        ingest = runner.start("ingest", "callcenter-ingest", grpc=True)
        await webhooks(ingest.url, min(200, requests), concurrency)  # warm-up
        hooks = await webhooks(ingest.url, requests, concurrency)
    finally:
        runner.stop_all()
    raw = await raw_sends(bootstrap, f"{topics.prefix}raw", requests, concurrency)
    print(f"{requests:,} arrivals, {concurrency} concurrent clients")
    print(summary("webhook -> event on Kafka", *hooks))
    print(summary("raw aiokafka send (ceiling)", *raw))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--bootstrap", help="an existing broker instead of the embedded one")
    args = parser.parse_args()
    if args.bootstrap:
        asyncio.run(measure(args.bootstrap, args.requests, args.concurrency))
    else:
        with EmbeddedBroker() as broker:
            asyncio.run(measure(broker.bootstrap_servers, args.requests, args.concurrency))


if __name__ == "__main__":
    main()
