"""One run of a scenario against a running platform: agents log in, callers arrive for
`duration_s` real seconds (or until `stop` is set), then everyone leaves cleanly: arrivals
stop, callers still in the menu or waiting hang up, agents end their calls and log out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from collections.abc import Callable

import grpc
import httpx

from simulator.agents import SimulatedAgent
from simulator.arrivals import SimClock, streams_of
from simulator.caller import CallerState
from simulator.callers import arrivals
from simulator.platform_api import Endpoints, Ingest
from simulator.run_context import Run
from simulator.scenario import Scenario
from simulator.summary import RunSummary

__all__ = ["Endpoints", "RunSummary", "run_scenario"]
log = logging.getLogger(__name__)
HTTP_LIMITS = httpx.Limits(max_connections=256, max_keepalive_connections=256)
PROGRESS_EVERY_S = 10.0


async def run_scenario(
    scenario: Scenario,
    endpoints: Endpoints,
    *,
    duration_s: float | None,
    time_scale: float = 1.0,
    seed: int | None = None,
    stop: asyncio.Event | None = None,
    progress: Callable[[str], None] | None = None,
) -> RunSummary:
    """Plays the scenario for `duration_s` REAL seconds (None: until `stop` is set), every
    duration of the scenario divided by `time_scale`; returns what the simulator saw."""
    rng = random.Random(seed)
    loop = asyncio.get_running_loop()
    summary = RunSummary(scenario=scenario.name, time_scale=time_scale)
    async with (
        httpx.AsyncClient(base_url=endpoints.ingest_url, timeout=10, limits=HTTP_LIMITS) as http,
        grpc.aio.insecure_channel(endpoints.agent_state_target) as channel,
    ):
        clock = SimClock(time_scale, scenario.start_hour, loop.time())
        # Random even for a seed: a provider call id of an earlier run would name its call.
        run = Run(uuid.uuid4().hex[:8], scenario, clock, Ingest(http), channel, summary)
        agents = [
            SimulatedAgent(run, tenant_id, group, n, random.Random(rng.getrandbits(64)))
            for tenant_id, tenant in scenario.tenants.items()
            for group in tenant.agents
            for n in range(1, group.count + 1)
        ]
        tasks: list[asyncio.Task[None]] = []
        started = loop.time()
        try:
            await asyncio.gather(*(agent.log_in() for agent in agents))
            started = loop.time()
            run.clock = SimClock(time_scale, scenario.start_hour, started)
            tasks += [asyncio.create_task(agent.work()) for agent in agents]
            tasks += [
                asyncio.create_task(arrivals(run, n, stream, random.Random(rng.getrandbits(64))))
                for n, stream in enumerate(streams_of(scenario))
            ]
            if progress:
                tasks.append(asyncio.create_task(_report(run, progress)))
            await _until(duration_s, stop or asyncio.Event())
        finally:
            for task in [*tasks, *run.caller_tasks]:
                task.cancel()
            await asyncio.gather(*tasks, *run.caller_tasks, return_exceptions=True)
            await asyncio.gather(*(agent.sign_off() for agent in agents))
            summary.real_duration_s = loop.time() - started
            summary.simulated_duration_s = summary.real_duration_s * time_scale
    return summary


async def _until(duration_s: float | None, stop: asyncio.Event) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), duration_s)


async def _report(run: Run, progress: Callable[[str], None]) -> None:
    while True:
        await asyncio.sleep(PROGRESS_EVERY_S)
        total = run.summary.totals()
        waiting = sum(1 for caller in run.callers.values() if caller.state is CallerState.WAITING)
        minutes = int(run.clock.sim_at(run.now()) // 60) % (24 * 60)
        progress(
            f"simulated clock {minutes // 60:02d}:{minutes % 60:02d}: placed {total.placed}, "
            f"answered {total.answered}, abandoned {total.abandoned}, waiting {waiting} "
            f"(time scale {run.time_scale:g})"
        )
