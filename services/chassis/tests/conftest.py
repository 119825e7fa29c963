from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from chassis.kafka import EventPublisher


@pytest.fixture
async def publisher(kafka_bootstrap: str) -> AsyncIterator[EventPublisher]:
    pub = EventPublisher(kafka_bootstrap)
    await pub.start()
    yield pub
    await pub.stop()
