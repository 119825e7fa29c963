"""Knowing when a consumer has caught up, from high watermarks seen in fetch responses.

ListOffsets ('end_offsets') under-reports on some brokers (the embedded Tansu among
them); the high watermark every fetch response carries is right everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiokafka.structs import TopicPartition


class CatchUpTracker:
    """Caught up: every assigned partition reached, at least once since it was
    assigned, the high watermark a fetch reported for it. A fresh assignment
    (rebalance) starts over."""

    def __init__(self) -> None:
        self._pending: set[TopicPartition] = set()
        self._assigned = False

    def assigned(self, partitions: Iterable[TopicPartition]) -> None:
        self._pending = set(partitions)
        self._assigned = True

    def observe(self, tp: TopicPartition, position: int | None, highwater: int | None) -> None:
        if (
            tp in self._pending
            and highwater is not None
            and position is not None
            and position >= highwater
        ):
            self._pending.discard(tp)

    @property
    def pending(self) -> frozenset[TopicPartition]:
        return frozenset(self._pending)

    @property
    def caught_up(self) -> bool:
        return self._assigned and not self._pending
