"""Remembering which event ids were already handled, so a redelivery has no second effect."""

from __future__ import annotations

from typing import Protocol


class SeenEvents(Protocol):
    def seen(self, event_id: str) -> bool: ...
    def remember(self, event_id: str) -> None: ...


class RecentEventIds:
    """The last `capacity` event ids handled by this process (insertion-ordered dict).

    Redeliveries come close together (a rebalance or a restart replays what was not
    committed), so a bounded window catches them. Services whose effects must
    survive a crash make the effect itself idempotent too: derived event ids
    (chassis.events.derived_event_id) or an idempotency key in their store.
    """

    def __init__(self, capacity: int = 200_000) -> None:
        self._capacity = capacity
        self._ids: dict[str, None] = {}

    def seen(self, event_id: str) -> bool:
        return event_id in self._ids

    def remember(self, event_id: str) -> None:
        self._ids[event_id] = None
        if len(self._ids) > self._capacity:
            del self._ids[next(iter(self._ids))]
