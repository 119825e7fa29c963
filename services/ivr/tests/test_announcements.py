"""What a waiting caller is told: the true position, and a wait that never goes back up unless
the caller's position got worse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ivr.domain import Announcement, RoutedToQueue, WaitAnnounced, next_announcement
from ivr.domain.announcements import position_got_worse
from ivr.flows import Flow, QueueStatus

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def later(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def told(position: int | None, wait: float, at: datetime = T0) -> Announcement:
    return Announcement("support", position, wait, at)


def status(position: int | None, wait: float, queue_id: str = "support") -> QueueStatus:
    return QueueStatus(queue_id, wait, position, 1)


def test_the_first_announcement_tells_the_estimate() -> None:
    assert next_announcement(status(5, 300), None, T0) == told(5, 300)


def test_a_longer_estimate_is_not_told_while_the_position_holds() -> None:
    previous = told(5, 300)
    assert next_announcement(status(4, 400), previous, later(60)) == told(4, 240, later(60))
    assert next_announcement(status(5, 400), previous, later(60)) == told(5, 240, later(60))


def test_a_shorter_estimate_is_told() -> None:
    assert next_announcement(status(2, 100), told(5, 300), later(60)) == told(2, 100, later(60))


def test_the_wait_told_stops_at_zero() -> None:
    assert next_announcement(status(1, 90), told(2, 30), later(60)).wait_seconds == 0


def test_a_worse_position_may_tell_a_longer_wait() -> None:
    assert next_announcement(status(6, 500), told(5, 300), later(60)) == told(6, 500, later(60))


def test_what_was_told_of_another_queue_binds_nothing() -> None:
    other = next_announcement(status(3, 500, "general"), told(1, 10), later(60))
    assert other == Announcement("general", 3, 500, later(60))


positions = st.none() | st.integers(1, 50)
waits = st.floats(0, 3600, allow_nan=False)
statuses = st.builds(status, positions, waits)


@given(
    previous=st.none() | st.builds(told, positions, waits),
    current=statuses,
    elapsed=st.floats(0, 900),
)
def test_the_rule(previous: Announcement | None, current: QueueStatus, elapsed: float) -> None:
    at = later(elapsed)
    announcement = next_announcement(current, previous, at)
    assert announcement.position == current.position
    assert 0 <= announcement.wait_seconds <= current.estimated_wait_seconds
    if previous is not None and not position_got_worse(previous.position, current.position):
        since = (at - previous.at).total_seconds()
        assert announcement.wait_seconds <= max(0.0, previous.wait_seconds - since)


@given(st.lists(st.tuples(statuses, st.floats(1, 300)), min_size=1, max_size=20))
def test_waits_told_only_go_up_when_the_position_got_worse(
    updates: list[tuple[QueueStatus, float]],
) -> None:
    previous: Announcement | None = None
    at = T0
    for current, gap in updates:
        at += timedelta(seconds=gap)
        announcement = next_announcement(current, previous, at)
        if previous is not None and announcement.wait_seconds > previous.wait_seconds:
            assert position_got_worse(previous.position, announcement.position)
        previous = announcement


def test_announcements_while_queued(call: Callable[..., Any], sample_flow: Flow) -> None:
    driver = call(sample_flow, statuses={"support": status(5, 300)})
    driver.start()
    driver.time_out()
    driver.press("2")
    routed = driver.press("12345678")[-1]
    assert isinstance(routed, RoutedToQueue)
    driver.statuses["support"] = status(4, 400)  # the router's estimate went up
    first = driver.time_out()
    every = timedelta(seconds=60)
    assert first == [WaitAnnounced("support", 4, 400.0, True, True, driver.now + every, driver.now)]
    driver.statuses["support"] = status(3, 500)
    assert driver.time_out()[0].wait_seconds == 340  # 400 told a minute ago
    driver.statuses["support"] = status(7, 500)  # overtaken by priority calls
    assert driver.time_out()[0].wait_seconds == 500
