"""Pytest fixtures shared by every service's tests (loaded with `-p chassis.testing.plugin`)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from chassis.testing.broker import test_kafka
from chassis.topics import Topics, ensure_topics

TEST_PARTITIONS = 4


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """One real broker for the session; tests isolate themselves by topic prefix."""
    with test_kafka() as servers:
        yield servers


@pytest.fixture
def unique_name() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def topics(kafka_bootstrap: str, unique_name: str) -> AsyncIterator[Topics]:
    """Fresh, explicitly created event topics for one test."""
    test_topics = Topics(prefix=f"{unique_name}.")
    await ensure_topics(kafka_bootstrap, test_topics.all_topics(), TEST_PARTITIONS)
    yield test_topics
