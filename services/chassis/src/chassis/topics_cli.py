"""callcenter-topics: create the platform's topics, then exit (the deployments' init job)."""

from __future__ import annotations

import asyncio

from chassis.settings import ServiceSettings, load
from chassis.topics import ensure_topics


def main() -> None:
    settings = load(ServiceSettings)
    asyncio.run(
        ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topics.all_topics(),
            settings.kafka_partitions,
        )
    )
    print(f"topics ready: {', '.join(settings.topics.all_topics())}")
