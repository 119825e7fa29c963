"""What one capacity step measured, read off the platform's own topics and API afterwards.

Routing latency of an offer: from the moment the call could have been offered (the later of
its CallQueued and the chosen agent's last change to AVAILABLE) to the router's CallOffered,
all in event time, all stamped by this one machine's clock. Freshness: when the metrics
stream's snapshot shows n answered calls, the n-th CallConnected is visible on the API.
"""

from __future__ import annotations

import asyncio
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka import AIOKafkaConsumer

from callcenter.v1.common_pb2 import AgentState
from callcenter.v1.envelope_pb2 import Event
from chassis.topics import Topics

QUIET_POLLS = 3  # empty fetches in a row that mean "read to the end" (end_offsets lies here)


@dataclass
class LogReading:
    records: list[tuple[bytes, bytes]] = field(default_factory=list)  # key, value as read
    event_times: list[float] = field(default_factory=list)
    offer_latencies: list[tuple[float, float]] = field(default_factory=list)  # (offered, s)
    connected_at: list[float] = field(default_factory=list)  # CallConnected times, sorted


async def read_log(bootstrap: str, topics: Topics, since: float) -> LogReading:
    """Every event of the calls and agents topics occurred at or after `since`."""
    consumer = AIOKafkaConsumer(
        topics.calls, topics.agents, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
        enable_auto_commit=False, fetch_max_wait_ms=500,
    )  # fmt: skip
    await consumer.start()
    records: list[tuple[bytes, bytes]] = []
    try:
        quiet = 0
        while quiet < QUIET_POLLS:
            batches = await consumer.getmany(timeout_ms=1000, max_records=10_000)
            quiet = 0 if batches else quiet + 1
            records += [(r.key or b"", r.value or b"") for rs in batches.values() for r in rs]
    finally:
        await consumer.stop()
    events = [Event.FromString(value) for _, value in records]
    reading = _reading([e for e in events if _at(e) >= since])
    reading.records = records
    return reading


def _at(event: Event) -> float:
    return event.occurred_at.seconds + event.occurred_at.nanos / 1e9


def _reading(events: list[Event]) -> LogReading:
    events.sort(key=_at)
    reading = LogReading(event_times=[_at(e) for e in events])
    queued_at: dict[str, float] = {}
    available_at: dict[str, float] = {}
    for event in events:
        kind = event.WhichOneof("payload")
        if kind == "call_queued":
            queued_at[event.aggregate_id] = _at(event)
        elif kind == "agent_state_changed":
            if event.agent_state_changed.to_state == AgentState.AGENT_STATE_AVAILABLE:
                available_at[event.aggregate_id] = _at(event)
        elif kind == "call_offered" and event.aggregate_id in queued_at:
            ready = max(
                queued_at[event.aggregate_id],
                available_at.get(event.call_offered.agent_id, 0.0),
            )
            reading.offer_latencies.append((_at(event), _at(event) - ready))
        elif kind == "call_connected":
            reading.connected_at.append(_at(event))
    return reading


def percentiles(values: list[float]) -> dict[str, float | int]:
    if not values:
        return {"count": 0}
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(pick(0.99) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def freshness(connected_at: list[float], sightings: list[tuple[float, int]]) -> list[float]:
    """Each connected call's delay to the first snapshot whose answered count covers it."""
    delays, shown = [], 0
    for seen_at, answered in sightings:
        for occurred in connected_at[shown:answered]:
            delays.append(seen_at - occurred)
        shown = max(shown, answered)
    return delays


class MemoryPeaks:
    """Largest resident set of each process (Linux /proc), sampled while a step runs."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.peaks_mb: dict[str, float] = defaultdict(float)

    async def sample(self, every_s: float = 1.0) -> None:
        while True:
            for name, pid in self.pids.items():
                self.peaks_mb[name] = max(self.peaks_mb[name], _rss_mb(pid))
            await asyncio.sleep(every_s)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0
