"""The e2e suite runs the services as real processes against a real broker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chassis.testing.broker import test_kafka


@pytest.fixture(scope="session")
def e2e_kafka() -> Iterator[str]:
    """Apache Kafka in a container where Docker runs; the embedded broker otherwise."""
    with test_kafka(prefer_container=True) as servers:
        yield servers
