from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from chassis.kafka import EventPublisher
from chassis.topics import Topics
from ingest.http_api import build_http_app
from ingest.intake import CallIntake


@pytest.fixture
async def intake(kafka_bootstrap: str, topics: Topics) -> AsyncIterator[CallIntake]:
    publisher = EventPublisher(kafka_bootstrap)
    await publisher.start()
    yield CallIntake(publisher, topics.calls, publish_timeout_s=2.0)
    await publisher.stop()


@pytest.fixture
async def client(intake: CallIntake) -> AsyncIterator[httpx.AsyncClient]:
    app = build_http_app(intake, ready=lambda: True)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://ingest") as http:
        yield http
