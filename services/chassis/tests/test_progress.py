from aiokafka.structs import TopicPartition

from chassis.kafka.dedupe import RecentEventIds
from chassis.kafka.progress import CatchUpTracker

A, B = TopicPartition("calls", 0), TopicPartition("calls", 1)


def test_not_caught_up_before_any_assignment() -> None:
    assert not CatchUpTracker().caught_up


def test_caught_up_once_every_partition_reached_its_fetched_highwater() -> None:
    tracker = CatchUpTracker()
    tracker.assigned([A, B])
    tracker.observe(A, position=34, highwater=34)
    tracker.observe(B, position=0, highwater=None)  # no fetch response yet
    assert not tracker.caught_up and tracker.pending == {B}
    tracker.observe(B, position=3, highwater=10)
    assert not tracker.caught_up
    tracker.observe(B, position=10, highwater=12)  # new writes meanwhile: still behind
    assert not tracker.caught_up
    tracker.observe(B, position=12, highwater=12)
    assert tracker.caught_up


def test_a_rebalance_starts_over() -> None:
    tracker = CatchUpTracker()
    tracker.assigned([A])
    tracker.observe(A, 5, 5)
    tracker.assigned([A, B])
    assert not tracker.caught_up


def test_recent_ids_forget_the_oldest_beyond_capacity() -> None:
    ids = RecentEventIds(capacity=2)
    assert all(ids.first_sighting(event_id) for event_id in ("a", "b", "c"))
    ids.trim()
    assert ids.first_sighting("a")
    assert not ids.first_sighting("c")
