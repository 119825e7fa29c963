"""The capacity benchmark reads routing latency and freshness right (no timing assertions)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from callcenter.v1 import agent_events_pb2 as ae
from callcenter.v1 import call_events_pb2 as ce
from callcenter.v1.common_pb2 import AgentState
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT, AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event


def load(name: str) -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


reading = load("capacity_reading")


def at(seconds: float) -> datetime:
    return datetime.fromtimestamp(1_800_000_000 + seconds, UTC)


def call(call_id: str, payload: object, seconds: float) -> Event:
    return new_event(
        payload, tenant_id="t", aggregate_type=AGGREGATE_TYPE_CALL, aggregate_id=call_id,
        sequence=1, producer="test", correlation_id="", occurred_at=at(seconds),
    )  # fmt: skip


def available(agent_id: str, seconds: float) -> Event:
    change = ae.AgentStateChanged(to_state=AgentState.AGENT_STATE_AVAILABLE)
    return new_event(
        change, tenant_id="t", aggregate_type=AGGREGATE_TYPE_AGENT, aggregate_id=agent_id,
        sequence=1, producer="test", correlation_id="", occurred_at=at(seconds),
    )  # fmt: skip


def test_an_offer_counts_from_when_it_became_possible() -> None:
    events = [
        available("a1", 0.0),
        call("c1", ce.CallQueued(queue_id="q"), 1.0),  # an agent was free: from queued
        call("c1", ce.CallOffered(agent_id="a1"), 1.04),
        call("c2", ce.CallQueued(queue_id="q"), 2.0),  # nobody free: from the agent's return
        available("a1", 5.0),
        call("c2", ce.CallOffered(agent_id="a1"), 5.03),
    ]
    latencies = [latency for _, latency in reading._reading(events).offer_latencies]
    assert [round(s, 3) for s in latencies] == [0.04, 0.03]


def test_freshness_follows_the_answered_count_of_each_snapshot() -> None:
    connected = [10.0, 10.5, 11.0]
    sightings = [(10.2, 1), (10.4, 1), (11.3, 3)]
    assert [round(d, 3) for d in reading.freshness(connected, sightings)] == [0.2, 0.8, 0.3]


def test_percentiles_of_nothing_say_so() -> None:
    assert reading.percentiles([]) == {"count": 0}
    assert reading.percentiles([0.01, 0.02])["p99_ms"] == 20.0
