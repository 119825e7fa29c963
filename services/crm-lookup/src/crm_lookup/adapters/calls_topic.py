"""The calls topic, followed twice: for screen pops, rebuilt from the log on every assignment
(chassis ReplayedState, group `crm-lookup`), and for the interaction history, from committed
offsets (group `crm-lookup-history`), since the history lives in the store."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from chassis.kafka import ConsumerOptions, EventConsumer, EventPublisher
from chassis.kafka.replayed import ReplayedState
from chassis.topics import Topics
from crm_lookup.service.history import History
from crm_lookup.service.screen_pops import ScreenPops

CONSUMER_GROUP = "crm-lookup"


def history_group(consumer_group: str) -> str:
    return f"{consumer_group}-history"


def follow_calls_for_pops(
    bootstrap_servers: str,
    topics: Topics,
    pops: ScreenPops,
    publisher: EventPublisher,
    *,
    consumer_group: str = CONSUMER_GROUP,
    on_live: Callable[[], Awaitable[None]] | None = None,
) -> ReplayedState:
    return ReplayedState(
        bootstrap_servers,
        ConsumerOptions(
            group_id=consumer_group,
            topics=[topics.calls],
            dead_letter_topic=topics.dead_letter(consumer_group),
            fetch_max_wait_ms=10,  # a pop is for the agent about to answer: no lingering
        ),
        apply=pops.apply,
        reset=pops.reset,
        act=pops.act,
        publisher=publisher,
        on_live=on_live,
    )


def follow_calls_for_history(
    bootstrap_servers: str,
    topics: Topics,
    history: History,
    publisher: EventPublisher,
    *,
    consumer_group: str = CONSUMER_GROUP,
) -> EventConsumer:
    group = history_group(consumer_group)
    return EventConsumer(
        bootstrap_servers,
        ConsumerOptions(
            group_id=group,
            topics=[topics.calls],
            dead_letter_topic=topics.dead_letter(group),
            max_attempts=1,  # History retries the store itself, within the poll interval
            fetch_max_wait_ms=100,
        ),
        history.apply,
        publisher,
    )
