"""Callers: arrivals per stream, each caller's call from dialing to being answered or hanging up."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random

import httpx

from simulator.arrivals import Stream, next_arrival
from simulator.behaviour import plan_caller
from simulator.caller import Caller, CallerState
from simulator.platform_api import Refused
from simulator.run_context import Run

log = logging.getLogger(__name__)
POLL_S = 0.5  # how often a caller in the menu looks for the next question (real seconds)
QUESTION_TIMEOUT_S = 60.0  # a question that never comes: the caller stops pressing keys


async def arrivals(run: Run, number: int, stream: Stream, rng: random.Random) -> None:
    """Places the stream's callers at their Poisson arrival times until cancelled."""
    loop = asyncio.get_running_loop()
    at = run.clock.sim_at(loop.time())
    placed = 0
    while True:
        at = next_arrival(at, stream.hourly_rate_per_s, rng)
        await asyncio.sleep(max(0.0, run.clock.real_at(at) - loop.time()))
        placed += 1
        caller_rng = random.Random(rng.getrandbits(64))
        provider_call_id = f"sim-{run.run_id}-{number}-{placed}"
        task = asyncio.create_task(place_call(run, stream, provider_call_id, caller_rng))
        run.caller_tasks.add(task)
        task.add_done_callback(run.caller_tasks.discard)


async def place_call(run: Run, stream: Stream, provider_call_id: str, rng: random.Random) -> None:
    queue_id = stream.choice.queue
    counts = run.summary.queue(stream.tenant_id, queue_id)
    queue = run.scenario.tenants[stream.tenant_id].queues[queue_id]
    caller = Caller(
        stream.tenant_id, queue_id, provider_call_id, plan_caller(queue, run.time_scale, rng)
    )
    try:
        caller.call_id = await run.ingest.arrive(
            stream.line.number, caller.plan.caller_number, provider_call_id
        )
    except (Refused, httpx.HTTPError) as exc:
        counts.refused += 1
        log.warning("call refused by ingest: %s", exc)
        return
    counts.placed += 1
    run.callers[caller.call_id] = caller
    try:
        await press_keys(run, caller, stream.choice.digits)
        await asyncio.sleep(stream.choice.queued_after_s)  # the flow's last prompts: real time
        caller.start_waiting(run.now())
        if await caller.wait_for_agent():
            counts.answered += 1
            counts.answered_waits_s.append(caller.waited_s * run.time_scale)
        else:
            counts.abandoned += 1
            counts.abandoned_waits_s.append(caller.waited_s * run.time_scale)
            await run.ingest.hang_up(provider_call_id)
    except asyncio.CancelledError:
        if caller.state is not CallerState.CONNECTED:  # the run ends: in-flight callers hang up
            counts.unfinished += 1
            await _hang_up_quietly(run, provider_call_id)
        raise
    except (Refused, httpx.HTTPError) as exc:
        log.warning("caller %s: %s", provider_call_id, exc)
    finally:
        run.callers.pop(caller.call_id, None)


async def press_keys(run: Run, caller: Caller, answers: tuple[str, ...]) -> None:
    """Answers the menu's n-th question with the n-th keys, once the question has been asked
    (keys pressed while nothing is asked are ignored by the IVR)."""
    loop = asyncio.get_running_loop()
    for n, keys in enumerate(answers):
        deadline = loop.time() + QUESTION_TIMEOUT_S
        while await run.ingest.questions_asked(caller.call_id) <= n:
            if loop.time() > deadline:
                return
            await asyncio.sleep(POLL_S)
        await run.ingest.digits(caller.provider_call_id, f"dtmf-{n}", keys)


async def _hang_up_quietly(run: Run, provider_call_id: str) -> None:
    with contextlib.suppress(Refused, httpx.HTTPError):  # the call may have ended already
        await run.ingest.hang_up(provider_call_id)
