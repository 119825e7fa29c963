"""End-to-end capacity: the highest call rate the whole platform carries on this machine.

    python services/simulator/benchmarks/bench_capacity.py [--rates 25,50,100,150]
        [--seconds 60] [--warmup 10] [--json results.json] [--quick]

Every service runs as a real process on the embedded broker: ingest, the IVR, the router,
agent-state, crm-lookup (SQLite) and metrics. This process is the simulator, playing callers
and agents through the public APIs (webhooks, desktop gRPC) in real time (time scale 1):
callers dial smallco's line at each rate in turn, are queued after the 2 s welcome and talk
3 s; there are enough agents for an occupancy near 0.6, so routing, not staffing, is what is
measured. A rate is carried when nothing is refused, the routing p99 (queued or agent free ->
CallOffered, event time) is <= 50 ms and the metrics freshness p99 (CallConnected -> visible on
the dashboard's event stream) is <= 1 s (issue 7). Afterwards the same broker produces and
consumes as many events, the platform's own records, with raw aiokafka: the ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from capacity_reading import MemoryPeaks, freshness, percentiles, read_log

from chassis.broker import EmbeddedBroker
from chassis.testing.waiting import eventually
from chassis.topics import Topics
from simulator.local_platform import local_platform
from simulator.runner import run_scenario
from simulator.scenario import Scenario, parse_scenario

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "chassis" / "benchmarks"))
from bench_event_io import consume_raw, produce_raw

TENANT, QUEUE, LINE = "smallco", "support", "+33 9 70 00 01 00"
TALK_S, WELCOME_S, OCCUPANCY = 3.0, 2.0, 0.6
ROUTING_P99_S, FRESHNESS_P99_S = 0.050, 1.0


def capacity_scenario(rate: float, step: int) -> Scenario:
    agents = math.ceil(rate * (TALK_S + 0.5) / OCCUPANCY)
    queue = {"talk_time": TALK_S}
    line = {"number": LINE, "rate_per_hour": rate * 3600, "choices": [{"queue": QUEUE}]}
    line["choices"][0]["queued_after_s"] = WELCOME_S
    group = {"name": f"cap{step}", "count": agents, "skills": {QUEUE: 5}, "queues": [QUEUE]}
    tenant = {"queues": {QUEUE: queue}, "lines": [line], "agents": [group]}
    return parse_scenario({"name": f"capacity-{rate:g}", "tenants": {TENANT: tenant}})


async def watch(url: str, sightings: list[tuple[float, int]]) -> None:
    """(when, answered in the last 60 min) for each snapshot the dashboard would get; the
    stream answers 404 until the tenant's first call is counted."""
    async with httpx.AsyncClient(timeout=None) as client:
        while True:
            async with client.stream("GET", url) as stream:
                async for line in stream.aiter_lines():
                    if line.startswith("data: "):
                        _sighted(json.loads(line.removeprefix("data: ")), sightings)
            await asyncio.sleep(0.1)


def _sighted(snapshot: dict[str, Any], sightings: list[tuple[float, int]]) -> None:
    for queue in snapshot["queues"]:
        if queue["queue_id"] == QUEUE:
            sightings.append((time.time(), queue["windows"]["60m"]["counts"]["answered"]))


async def measure(bootstrap: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    env = {"LOG_LEVEL": "WARNING", "CRM_DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/crm.db"}
    async with local_platform(bootstrap, workdir, partitions=6, extra_env=env) as lp:
        await asyncio.to_thread(lp.runner.start, "crm-lookup", "callcenter-crm-lookup", True)
        pids = {s.name: s.process.pid for s in lp.runner.running}
        topics = Topics(lp.runner.env["TOPIC_PREFIX"])
        steps: list[dict[str, Any]] = []
        sightings: list[tuple[float, int]] = []
        stream = f"{lp.metrics_url}/v1/tenants/{TENANT}/stream"
        watcher = asyncio.create_task(watch(stream, sightings))
        for n, rate in enumerate(args.rates):
            peaks = MemoryPeaks(pids)
            sampler = asyncio.create_task(peaks.sample())
            started = time.time()
            summary = await run_scenario(
                capacity_scenario(rate, n), lp.endpoints, duration_s=args.seconds, seed=n
            )
            sampler.cancel()
            total = summary.totals()
            agents = sum(a.logged_in for a in summary.agents.values())
            steps.append(
                {
                    "rate": rate,
                    "started": started,
                    "ended": time.time(),
                    "agents": agents,
                    "placed": total.placed,
                    "refused": total.refused,
                    "answered": total.answered,
                    "memory_mb": dict(peaks.peaks_mb),
                }
            )
        answered = sum(step["answered"] for step in steps)
        await eventually(lambda: _shown(sightings, answered), timeout=60, what="answers shown")
        watcher.cancel()
        reading = await read_log(bootstrap, topics, since=steps[0]["started"])
    return {"steps": [_judge(s, reading, sightings, args.warmup) for s in steps], "log": reading}


async def _shown(sightings: list[tuple[float, int]], answered: int) -> bool:
    return bool(sightings) and sightings[-1][1] >= answered


def _judge(step: dict[str, Any], reading: Any, sightings: list[Any], warmup: float) -> dict:
    start, end = step.pop("started") + warmup, step.pop("ended")
    offers = [latency for at, latency in reading.offer_latencies if start <= at <= end]
    delays = freshness(reading.connected_at, sightings)
    fresh = [d for at, d in zip(reading.connected_at, delays, strict=False) if start <= at <= end]
    events = sum(1 for at in reading.event_times if start <= at <= end)
    step["events_per_s"] = round(events / (end - start))
    step["routing"], step["freshness"] = percentiles(offers), percentiles(fresh)
    fresh_enough = step["freshness"].get("p99_ms", math.inf) <= FRESHNESS_P99_S * 1000
    step["sustained"] = step["refused"] == 0 and fresh_enough
    step["carried"] = step["sustained"] and (
        step["routing"].get("p99_ms", math.inf) <= ROUTING_P99_S * 1000
    )
    return step


async def ceiling(bootstrap: str, records: list[tuple[bytes, bytes]]) -> dict[str, float]:
    topic, group = f"ceiling{os.getpid()}", f"ceiling{os.getpid()}"
    produced = await produce_raw(bootstrap, topic, [(k, v, []) for k, v in records])
    consumed = await consume_raw(bootstrap, topic, group, len(records))
    return {
        "events": len(records),
        "produce_events_per_s": round(len(records) / produced.seconds),
        "consume_events_per_s": round(consumed.count / consumed.seconds),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", default="25,50,100,150", help="calls/s, comma-separated")
    parser.add_argument("--seconds", type=float, default=60.0, help="real seconds per rate")
    parser.add_argument("--warmup", type=float, default=10.0, help="left out of each rate")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument("--quick", action="store_true", help="smoke run: 5 calls/s for 15 s")
    args = parser.parse_args(argv)
    args.rates = [float(r) for r in args.rates.split(",")]
    if args.quick:
        args.rates, args.seconds, args.warmup = [5.0], 15.0, 3.0
    return args


async def amain(args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-capacity-"))
    with EmbeddedBroker() as broker:
        result = await measure(broker.bootstrap_servers, args, workdir)
        reading = result.pop("log")
        result["ceiling"] = await ceiling(broker.bootstrap_servers, reading.records)
    carried = [s["rate"] for s in result["steps"] if s["carried"]]
    sustained = [s["rate"] for s in result["steps"] if s["sustained"]]
    machine = {"cpus": os.cpu_count(), "python": platform.python_version()}
    load = os.getloadavg()
    return {
        **result,
        "highest_carried": max(carried, default=None),
        "highest_sustained": max(sustained, default=None),
        "machine": machine,
        "load": load,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = asyncio.run(amain(args))
    for s in report["steps"]:
        print(
            f"{s['rate']:>6g} calls/s ({s['agents']} agents, {s['events_per_s']} events/s): "
            f"routing p50 {s['routing'].get('p50_ms')} p99 {s['routing'].get('p99_ms')} ms, "
            f"freshness p50 {s['freshness'].get('p50_ms')} p99 {s['freshness'].get('p99_ms')} ms, "
            f"refused {s['refused']}: "
            + ("carried" if s["carried"] else "sustained" if s["sustained"] else "NOT sustained")
        )
        memory = ", ".join(f"{name} {mb}" for name, mb in s["memory_mb"].items())
        print(f"        peak memory (MB): {memory}")
    c = report["ceiling"]
    print(
        f"raw aiokafka, same broker, {c['events']} of the platform's records: "
        f"produce {c['produce_events_per_s']}/s, consume {c['consume_events_per_s']}/s"
    )
    print(f"highest rate carried: {report['highest_carried']} calls/s (target >= 100)")
    print(
        f"highest rate sustained (nothing refused, freshness met; routing as measured): "
        f"{report['highest_sustained']} calls/s"
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
