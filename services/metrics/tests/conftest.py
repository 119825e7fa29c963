"""Fixtures of the metrics tests: the domain's, and a producer for the worker's."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiokafka import AIOKafkaProducer

from metrics.domain import MetricsConfig
from metrics.reference.replay import Replay


@pytest.fixture
def config() -> MetricsConfig:
    return MetricsConfig()


@pytest.fixture
def replay(config: MetricsConfig) -> Replay:
    return Replay(config)


@pytest.fixture
async def producer(kafka_bootstrap: str) -> AsyncIterator[AIOKafkaProducer]:
    """Plain, as the platform's publishers (acks=all, no idempotence); linger batches
    bursts into multi-record batches, as they do."""
    prod = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all", linger_ms=5)
    await prod.start()
    yield prod
    await prod.stop()
