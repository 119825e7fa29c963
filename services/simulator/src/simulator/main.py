"""callcenter-simulator: play a scenario against the running platform, or check one.

callcenter-simulator run deploy/scenarios/small-center.yaml --time-scale 10 --duration 60
callcenter-simulator check deploy/scenarios/outsourcer.yaml
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from chassis.logs import setup_logging
from chassis.tenants import load_tenants
from simulator.platform_check import check_against_platform
from simulator.runner import Endpoints, run_scenario
from simulator.scenario import Scenario, ScenarioError, load_scenario

DEFAULT_TENANTS = Path("deploy/config/tenants.yaml")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callcenter-simulator",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="play the scenario until --duration or Ctrl-C")
    check = commands.add_parser("check", help="validate the scenario, then exit")
    for command in (run, check):
        command.add_argument("scenario", type=Path)
        command.add_argument(
            "--tenants",
            type=Path,
            help="the platform's tenants file to check names against "
            "(default: $TENANTS_CONFIG, else deploy/config/tenants.yaml if present)",
        )
    run.add_argument(
        "--time-scale",
        type=float,
        help="divide every duration by this (default: the scenario's time_scale)",
    )
    run.add_argument("--duration", type=float, help="real seconds to run (default: until Ctrl-C)")
    run.add_argument("--seed", type=int, help="seed of the random draws, for repeatable runs")
    run.add_argument("--ingest-url", default=os.environ.get("INGEST_URL", "http://127.0.0.1:8080"))
    run.add_argument(
        "--agent-state",
        default=os.environ.get("AGENT_STATE_TARGET", "127.0.0.1:50053"),
        help="agent-state's gRPC address (host:port)",
    )
    run.add_argument("--summary-json", type=Path, help="also write the summary here, as JSON")
    return parser


def _checked(args: argparse.Namespace) -> Scenario:
    scenario = load_scenario(args.scenario)
    tenants_file = args.tenants or Path(os.environ.get("TENANTS_CONFIG", DEFAULT_TENANTS))
    if tenants_file.exists():
        check_against_platform(scenario, load_tenants(tenants_file), str(args.scenario))
    elif args.tenants:
        raise ScenarioError(f"--tenants: no file {tenants_file}")
    return scenario


async def _run(scenario: Scenario, args: argparse.Namespace) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    time_scale = args.time_scale or scenario.time_scale
    print(
        f"simulating {scenario.name} at time scale {time_scale:g} (every duration divided by "
        f"{time_scale:g}: {time_scale:g} simulated seconds per real second)",
        flush=True,
    )
    summary = await run_scenario(
        scenario,
        Endpoints(args.ingest_url, args.agent_state),
        duration_s=args.duration,
        time_scale=time_scale,
        seed=args.seed,
        stop=stop,
        progress=lambda line: print(line, flush=True),
    )
    print("\n".join(summary.lines()), flush=True)
    if args.summary_json:
        args.summary_json.write_text(json.dumps(summary.to_json(with_waits=True), indent=1))
    return 0


def main() -> None:
    args = _parser().parse_args()
    setup_logging("simulator", os.environ.get("LOG_LEVEL", "WARNING"))
    try:
        scenario = _checked(args)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None
    if args.command == "check":
        tenants = ", ".join(scenario.tenants)
        print(f"{args.scenario}: scenario {scenario.name!r} is valid (tenants: {tenants})")
        return
    raise SystemExit(asyncio.run(_run(scenario, args)))
