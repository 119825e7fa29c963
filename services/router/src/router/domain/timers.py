"""When waiting calls next need looking at (a step falling due, a max wait reached)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from itertools import count


class Timers:
    """A heap of (due, call, epoch). A call's epoch changes whenever it starts or stops waiting,
    so timers of an earlier stay are recognised as stale and dropped instead of searched for."""

    def __init__(self, is_live: Callable[[str, int], bool]) -> None:
        self._heap: list[tuple[float, int, str, int]] = []
        self._is_live = is_live
        self._sequence = count()

    def schedule(self, due: float, call_id: str, epoch: int) -> None:
        heapq.heappush(self._heap, (due, next(self._sequence), call_id, epoch))

    def pop_due(self, now: float) -> Iterator[str]:
        while self._heap and self._heap[0][0] <= now:
            _, _, call_id, epoch = heapq.heappop(self._heap)
            if self._is_live(call_id, epoch):
                yield call_id

    def next_due(self) -> float | None:
        while self._heap and not self._is_live(self._heap[0][2], self._heap[0][3]):
            heapq.heappop(self._heap)
        return self._heap[0][0] if self._heap else None
