"""Remembering which event ids were already handled, so a redelivery has no second effect."""

from __future__ import annotations

from typing import Protocol


class SeenEvents(Protocol):
    def first_sighting(self, event_id: str) -> bool:
        """True the first time an id is offered (and remember it), False afterwards."""
        ...

    def trim(self) -> None:
        """Forget what exceeds the store's bounds; called once per batch."""
        ...

    def forget_all(self) -> None:
        """Start over: the log is being replayed from the start."""
        ...


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

    def first_sighting(self, event_id: str) -> bool:
        ids = self._ids
        if event_id in ids:
            return False
        ids[event_id] = None
        return True

    def forget_all(self) -> None:
        self._ids.clear()

    def trim(self) -> None:
        # Per batch, not per event: the window briefly exceeds capacity by one batch.
        excess = len(self._ids) - self._capacity
        if excess > 0:
            oldest = iter(self._ids)
            for event_id in [next(oldest) for _ in range(excess)]:
                del self._ids[event_id]
