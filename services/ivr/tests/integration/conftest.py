"""The IVR as a real process (callcenter-ivr) on the real broker, fresh topics each test, the
demo tenants and flows; calls written to the log as ingest would, without a router."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from chassis.broker import free_port
from chassis.kafka import EventPublisher
from chassis.testing.processes import ServiceRunner
from chassis.topics import Topics, ensure_topics
from ivr.testing.line import PhoneLine
from ivr.testing.memory import DEMO_CONFIG


@pytest.fixture
async def line(kafka_bootstrap: str) -> AsyncIterator[PhoneLine]:
    prefix = f"ivr{uuid.uuid4().hex[:8]}."
    topics = Topics(prefix)
    await ensure_topics(kafka_bootstrap, topics.all_topics(), 2)
    runner = ServiceRunner(
        {
            "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
            "TOPIC_PREFIX": prefix,
            "KAFKA_PARTITIONS": "2",
            "CONSUMER_GROUP": f"{prefix}ivr",  # no member of another test's group to wait for
            "TENANTS_CONFIG": str(DEMO_CONFIG / "tenants.yaml"),
            "IVR_FLOWS_DIR": str(DEMO_CONFIG / "flows"),
            "ROUTER_GRPC_TARGET": f"127.0.0.1:{free_port()}",  # nobody: figures default
            "ROUTER_TIMEOUT_S": "0.2",
        }
    )
    publisher = EventPublisher(kafka_bootstrap)
    await publisher.start()
    try:
        async with PhoneLine(kafka_bootstrap, topics, publisher, runner) as phone_line:
            await asyncio.to_thread(runner.start, "ivr", "callcenter-ivr", True)
            yield phone_line
    finally:
        await asyncio.to_thread(runner.stop_all)
        await publisher.stop()
