"""The calls and agents topics read as one stream in event-time order.

A tenant's clock is the latest event time seen on either topic, so a topic read far
ahead of the other would make the other's events late: after an outage, the first
fetch brings hours of agent events (few) next to minutes of call events (many). So
partition p of both topics (where a tenant's events meet) is merged: the record with
the earlier event time goes first, and a topic's records wait while the other topic
has records not yet fetched, unless too many wait (a topic stalled for good should
not stop the other; what arrives after that may be late, and is counted as such).
Within a partition, records keep their order, so each partition's handled records are
a prefix of what was fetched, and their offsets can be committed as such.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import NamedTuple

from aiokafka.structs import ConsumerRecord, TopicPartition
from google.protobuf.message import DecodeError

from callcenter.v1.envelope_pb2 import Event
from metrics.domain.times import ms_of
from metrics.runtime.delivery import Batches

MAX_WAITING = 100_000  # records of one partition held back before it goes on anyway


class Pending(NamedTuple):
    at: int  # event time (ms); -1 for a record that is no event: it goes at once
    record: ConsumerRecord[bytes, bytes]
    event: Event | None  # None: not a valid event envelope


Released = tuple[TopicPartition, Pending]


def _pending(record: ConsumerRecord[bytes, bytes]) -> Pending:
    try:
        event = Event.FromString(record.value or b"")
    except (DecodeError, TypeError):
        return Pending(-1, record, None)
    if not (event.event_id and event.event_type and event.tenant_id and event.aggregate_id):
        return Pending(-1, record, None)
    return Pending(ms_of(event.occurred_at), record, event)


class EventTimeMerge:
    def __init__(self) -> None:
        self._waiting: dict[TopicPartition, deque[Pending]] = {}

    def reset(self, assigned: set[TopicPartition]) -> None:
        """A new assignment: what waited is read again from the committed offsets."""
        self._waiting = {tp: deque() for tp in assigned}

    def add(self, batches: Batches) -> None:
        for tp, records in batches.items():
            if tp in self._waiting:
                self._waiting[tp].extend(map(_pending, records))

    def release(self, drained: Callable[[TopicPartition], bool]) -> list[Released]:
        """What may be handled now, in the order to handle it: merged across the topics
        by event time, each partition in offset order. `drained(tp)`: every record of
        tp written so far is fetched."""
        by_number: dict[int, list[TopicPartition]] = {}
        for tp in self._waiting:
            by_number.setdefault(tp.partition, []).append(tp)
        return [item for tps in by_number.values() for item in self._merged(tps, drained)]

    def _merged(
        self, tps: list[TopicPartition], drained: Callable[[TopicPartition], bool]
    ) -> list[Released]:
        queues = {tp: self._waiting[tp] for tp in tps}
        out: list[Released] = []
        while True:
            ready = {tp: queue for tp, queue in queues.items() if queue}
            if not ready:
                return out
            empty = [tp for tp in queues if tp not in ready]
            stalled = any(len(queue) >= MAX_WAITING for queue in ready.values())
            if empty and not stalled and not all(drained(tp) for tp in empty):
                return out  # a topic may still have earlier events: wait for its next fetch
            # The queue with the earliest head goes on while it stays the earliest.
            tp, queue = min(ready.items(), key=lambda item: item[1][0].at)
            rival = min((q[0].at for t, q in ready.items() if t != tp), default=None)
            while queue and (rival is None or queue[0].at <= rival):
                out.append((tp, queue.popleft()))
