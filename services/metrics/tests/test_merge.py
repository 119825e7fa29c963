"""The calls and agents topics merged into one event-time order (no Kafka)."""

from __future__ import annotations

import pytest
from aiokafka.structs import ConsumerRecord, TopicPartition

from callcenter.v1.envelope_pb2 import Event
from metrics.reference.script import MONDAY_9, AgentScript, CallScript
from metrics.runtime import merge as merge_module
from metrics.runtime.merge import EventTimeMerge

CALLS, AGENTS = TopicPartition("calls", 0), TopicPartition("agents", 0)
OTHER_CALLS = TopicPartition("calls", 1)


def records(tp: TopicPartition, events: list[Event | bytes]) -> list[ConsumerRecord[bytes, bytes]]:
    return [
        ConsumerRecord(tp.topic, tp.partition, offset, 0, 0, b"acme",
                       e if isinstance(e, bytes) else e.SerializeToString(), None, 0, 0, [])
        for offset, e in enumerate(events)
    ]  # fmt: skip


def call_at(*offsets_ms: int) -> list[Event]:
    script = CallScript("acme", "c1", MONDAY_9)
    return [script.after(ms).ivr_started() for ms in offsets_ms]


def agent_at(*offsets_ms: int) -> list[Event]:
    script = AgentScript("acme", "a1", MONDAY_9)
    return [script.after(ms).state("AVAILABLE") for ms in offsets_ms]


def merge_of(*assigned: TopicPartition) -> EventTimeMerge:
    merge = EventTimeMerge()
    merge.reset(set(assigned))
    return merge


def times(released: list[tuple[TopicPartition, object]]) -> list[tuple[str, int]]:
    return [(tp.topic, item.at - MONDAY_9) for tp, item in released]  # type: ignore[attr-defined]


def test_the_earlier_event_goes_first_whatever_the_topic() -> None:
    merge = merge_of(CALLS, AGENTS)
    merge.add({CALLS: records(CALLS, call_at(10, 20, 20)), AGENTS: records(AGENTS, agent_at(15))})
    released = merge.release(lambda tp: True)
    assert times(released) == [("calls", 10), ("agents", 15), ("calls", 30), ("calls", 50)]


def test_a_topic_waits_while_the_other_may_have_earlier_events() -> None:
    merge = merge_of(CALLS, AGENTS)
    merge.add({AGENTS: records(AGENTS, agent_at(10, 60_000))})
    assert merge.release(lambda tp: tp != CALLS) == []  # calls not fetched yet: wait
    merge.add({CALLS: records(CALLS, call_at(5, 5))})
    # Up to the last call event fetched; the agent event of the same time waits with the
    # rest, as the calls topic may hold more events of that time.
    assert times(merge.release(lambda tp: tp != CALLS)) == [("calls", 5), ("calls", 10)]
    assert times(merge.release(lambda tp: True)) == [("agents", 10), ("agents", 60_010)]


def test_partitions_are_merged_apart_and_poison_goes_at_once() -> None:
    merge = merge_of(CALLS, AGENTS, OTHER_CALLS)
    merge.add({OTHER_CALLS: records(OTHER_CALLS, [b"\xff not an event", *call_at(1)])})
    released = merge.release(lambda tp: tp.partition == 1)
    assert [(tp, item.event is None) for tp, item in released] == [
        (OTHER_CALLS, True),
        (OTHER_CALLS, False),
    ]


def test_a_stalled_topic_stops_holding_the_other_back_at_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(merge_module, "MAX_WAITING", 3)
    merge = merge_of(CALLS, AGENTS)
    merge.add({AGENTS: records(AGENTS, agent_at(1, 1))})
    assert merge.release(lambda tp: False) == []
    merge.add({AGENTS: records(AGENTS, agent_at(1))})
    assert len(merge.release(lambda tp: False)) == 3
