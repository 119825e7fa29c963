"""Fixtures of the IVR's unit tests: flows built in memory, and a driver for one call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ivr.domain import (
    CallerHungUp,
    Command,
    Event,
    FireTimer,
    IvrSession,
    LearnAttributes,
    ReceiveDigits,
    SessionState,
    StartSession,
)
from ivr.flows import Flow, QueueStatus, load_flow, parse_flow

SAMPLE_FLOW = Path(__file__).parent / "flows" / "acme-main.yaml"
MONDAY_10_PARIS = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def build_flow(nodes: dict[str, Any], entry: str | None = None, **fields: Any) -> Flow:
    document = {"flow_id": "f", "tenant_id": "acme", "entry": entry or next(iter(nodes))}
    return parse_flow({**document, "nodes": nodes, **fields}, "f.yaml")


class CallDriver:
    """One call through a flow: a clock, the router's answers, and every event so far."""

    def __init__(self, flow: Flow, statuses: Mapping[str, QueueStatus], start: datetime) -> None:
        self.flow = flow
        self.session = IvrSession({flow.ref: flow})
        self.statuses = dict(statuses)
        self.now = start
        self.events: list[Event] = []
        self.asked: list[str] = []

    @property
    def state(self) -> SessionState:
        assert self.session.state is not None
        return self.session.state

    def status(self, queue_id: str) -> QueueStatus:
        self.asked.append(queue_id)
        return self.statuses.get(queue_id, QueueStatus(queue_id, 30.0, None, 1))

    def do(self, command: Command) -> list[Event]:
        events = self.session.decide(command, self.status)
        for event in events:
            self.session.apply(event)
        self.events += events
        return events

    def start(self, caller: str = "+33600000001") -> list[Event]:
        return self.do(StartSession("call-1", self.flow.tenant_id, self.flow, caller, self.now))

    def press(self, digits: str, after: float = 1.0) -> list[Event]:
        self.now += timedelta(seconds=after)
        return self.do(ReceiveDigits(digits, self.now))

    def time_out(self) -> list[Event]:
        """Lets the pending timer fall due, and fires it."""
        assert self.state.timer is not None
        self.now = self.state.timer.deadline
        return self.do(FireTimer(self.now))

    def do_timer_at(self, at: datetime) -> list[Event]:
        self.now = at
        return self.do(FireTimer(at))

    def learn(self, **attributes: str) -> list[Event]:
        return self.do(LearnAttributes(attributes, self.now))

    def hang_up(self, after: float = 1.0) -> list[Event]:
        self.now += timedelta(seconds=after)
        return self.do(CallerHungUp(self.now))


@pytest.fixture(scope="session")
def sample_flow() -> Flow:
    return load_flow(SAMPLE_FLOW)


@pytest.fixture
def call() -> Callable[..., CallDriver]:
    def make(
        flow: Flow,
        statuses: Mapping[str, QueueStatus] | None = None,
        start: datetime = MONDAY_10_PARIS,
    ) -> CallDriver:
        return CallDriver(flow, statuses or {}, start)

    return make


@pytest.fixture
def flow_of() -> Callable[..., Flow]:
    return build_flow
