"""Keeping the history waits for a store that is down, up to its patience, then lets the
chassis dead-letter the event; events that shape no history never reach the store."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from callcenter.v1.call_events_pb2 import CallQueued, IvrNodeEntered
from callcenter.v1.envelope_pb2 import Event
from crm_lookup.service.history import History
from crm_lookup.service.ports import StoreUnavailable

Events = Callable[..., Event]


class RecoveringStore:
    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.recorded: list[Event] = []

    async def record(self, event: Event) -> None:
        if self.failures:
            self.failures -= 1
            raise StoreUnavailable("customer store unavailable: OperationalError")
        self.recorded.append(event)


async def test_the_history_waits_for_the_store(call_event: Events) -> None:
    store = RecoveringStore(failures=3)
    queued = call_event(CallQueued(queue_id="billing"))
    await History(store, patience_s=30).apply(queued)  # type: ignore[arg-type]
    assert store.recorded == [queued]


async def test_past_its_patience_the_event_is_handed_back(call_event: Events) -> None:
    store = RecoveringStore(failures=1_000)
    with pytest.raises(StoreUnavailable):
        await History(store, patience_s=0.2).apply(call_event(CallQueued()))  # type: ignore[arg-type]


async def test_events_that_shape_no_history_are_skipped(call_event: Events) -> None:
    store = RecoveringStore(failures=1_000)
    await History(store).apply(call_event(IvrNodeEntered()))  # type: ignore[arg-type]
    assert store.recorded == []
