"""Which Kafka the tests use: the configured one, a testcontainer, or the embedded broker."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from chassis.broker import EmbeddedBroker


def _docker_reachable() -> bool:
    try:
        import docker  # testcontainers' dependency

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


@contextlib.contextmanager
def test_kafka(prefer_container: bool = False) -> Iterator[str]:
    """Yield bootstrap servers for a real Kafka-protocol broker.

    KAFKA_BOOTSTRAP_SERVERS wins; with `prefer_container` (the e2e suite) a Docker
    engine, where reachable, runs Apache Kafka; otherwise Tansu runs embedded.
    """
    configured = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if configured:
        yield configured
    elif prefer_container and _docker_reachable():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer() as kafka:
            yield kafka.get_bootstrap_server()
    else:
        with EmbeddedBroker() as broker:
            yield broker.bootstrap_servers
