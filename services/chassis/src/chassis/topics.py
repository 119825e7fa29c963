"""Topic names, partition counts and keys: the one place that defines them.

Call and agent events are keyed by routing domain (the tenant id unless a tenant
is split) and share one partition count, so that one router instance owns a
domain's calls and agents alike. See docs/events.md.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Topics:
    """Topic names under one prefix (tests use a unique prefix each)."""

    prefix: str = "callcenter."

    @property
    def calls(self) -> str:
        return f"{self.prefix}calls.v1"

    @property
    def agents(self) -> str:
        return f"{self.prefix}agents.v1"

    def dead_letter(self, consumer_group: str) -> str:
        return f"{self.prefix}dlq.{consumer_group}"

    @property
    def telephony_commands(self) -> str:
        """What the platform asks of the telephony side (TelephonyCommand, keyed by tenant id)."""
        return f"{self.prefix}telephony-commands.v1"

    @property
    def metrics_intervals(self) -> str:
        """Final windows' figures (IntervalMetrics, keyed by tenant id), published by metrics."""
        return f"{self.prefix}metrics-intervals.v1"

    @property
    def queue_alerts(self) -> str:
        """Queue alerts raised and cleared (Events about queues, keyed by routing domain)."""
        return f"{self.prefix}queue-alerts.v1"

    def by_short_name(self) -> dict[str, str]:
        """The names people type (`callcenter tail alerts`) for the full topic names."""
        return {
            "calls": self.calls,
            "agents": self.agents,
            "commands": self.telephony_commands,
            "intervals": self.metrics_intervals,
            "alerts": self.queue_alerts,
        }

    def event_topics(self) -> list[str]:
        return [self.calls, self.agents]

    def all_topics(self) -> list[str]:
        return [
            *self.event_topics(),
            self.telephony_commands,
            self.metrics_intervals,
            self.queue_alerts,
        ]


async def ensure_topics(bootstrap_servers: str, names: Iterable[str], partitions: int) -> None:
    """Create the topics that do not exist yet; leave existing ones as they are.

    Topics must exist before any client touches them: a broker that auto-creates
    topics picks its own partition count, which breaks co-partitioning.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [NewTopic(n, partitions, 1) for n in names if n not in existing]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):  # created meanwhile: fine
                await admin.create_topics(wanted)
            log.info("created topics", extra={"topics": [t.name for t in wanted]})
    finally:
        await admin.close()
