"""Released records through the core: applied, poison set aside, newer types skipped."""

from __future__ import annotations

import pytest
from aiokafka.structs import ConsumerRecord, TopicPartition

from callcenter.v1.envelope_pb2 import Event
from chassis.kafka import instruments
from metrics.core import MetricsCore
from metrics.domain import AlertSettings, MetricsConfig
from metrics.reference.scenarios import answered_call
from metrics.runtime import records as records_module
from metrics.runtime.merge import Pending
from metrics.runtime.records import apply_released

CALLS = TopicPartition("test-records.calls", 2)


def pending(offset: int, event: Event | None, value: bytes = b"") -> tuple[TopicPartition, Pending]:
    raw = value or (event.SerializeToString() if event else b"")
    record = ConsumerRecord(
        CALLS.topic, CALLS.partition, offset, 0, 0, b"acme", raw, None, 0, 0, []
    )
    return CALLS, Pending(0, record, event)


def consumed(event_type: str, outcome: str) -> float:
    counter = instruments.CONSUMED.labels(CALLS.topic, event_type, outcome)
    return float(counter._value.get())


@pytest.mark.parametrize("traced", [False, True])
async def test_applied_parked_and_skipped(traced: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records_module, "tracing_enabled", lambda: traced)
    core = MetricsCore(MetricsConfig(), AlertSettings(), 900, 3_600_000)
    received = answered_call("c1", 5_000)[0]
    newer = Event()
    newer.CopyFrom(received)
    newer.event_id, newer.event_type = "018f0000-0000-7000-8000-000000000001", "FromTheFuture"
    newer.ClearField("payload")
    before = {o: consumed(t, o) for t, o in [("CallReceived", "handled"),
                                             ("FromTheFuture", "unknown_type")]}  # fmt: skip

    produced, parked = await apply_released(
        core, [pending(0, received), pending(1, None, b"\xff garbage"), pending(2, newer)]
    )

    assert not produced and "c1" in core.tables.calls
    [(record, reason)] = parked
    assert record.offset == 1 and "not a callcenter.v1.Event" in reason
    assert consumed("CallReceived", "handled") == before["handled"] + 1
    assert consumed("FromTheFuture", "unknown_type") == before["unknown_type"] + 1
    assert core.tables.partitions == {"acme": 2}
