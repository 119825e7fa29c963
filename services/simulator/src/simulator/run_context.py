"""What every caller and agent task of one run shares."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import grpc

from simulator.arrivals import SimClock
from simulator.caller import Caller
from simulator.platform_api import Ingest
from simulator.scenario import Scenario
from simulator.summary import RunSummary


@dataclass
class Run:
    run_id: str  # in provider call ids, so that runs never reuse one
    scenario: Scenario
    clock: SimClock
    ingest: Ingest
    channel: grpc.aio.Channel
    summary: RunSummary
    callers: dict[str, Caller] = field(default_factory=dict)  # call id -> caller, while placed
    caller_tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def time_scale(self) -> float:
        return self.clock.time_scale

    def now(self) -> float:
        return asyncio.get_running_loop().time()
