"""Checked against theory: the platform's own ASA, service level and abandon rate for
M/M/N+M callers and agents played by the simulator, against Erlang A (Erlang C without
abandonment), with batch-means 95 % confidence intervals. docs/validation.md explains.

    uv run --frozen python services/simulator/validation/validate_theory.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cases import CASES, QUICK, Case, groups, scenario, tenants_file
from compare import compare
from platform_run import case_windows, validation_platform
from report import rows, write_results

from simulator.runner import run_scenario
from simulator.theory import Thresholds, queue_figures

REPO = Path(__file__).resolve().parents[3]
MINUTE_MS = 60_000
GRACE_S = 5
THRESHOLDS = Thresholds(service_level_s=20.0, short_abandon_s=5.0)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one case, about 6 minutes")
    parser.add_argument("--minutes", type=int, help="real minutes per group (default 12; 4)")
    parser.add_argument("--warmup", type=int, help="minutes left out at first (default 3; 1)")
    parser.add_argument("--batches", type=int, help="batches for the intervals (default 4; 2)")
    parser.add_argument("--time-scale", type=float, default=5.0, help="K (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "validation.md")
    parser.add_argument("--no-doc", action="store_true", help="print the table only")
    args = parser.parse_args()
    quick = args.quick
    args.minutes = args.minutes or (4 if quick else 12)
    args.warmup = args.warmup if args.warmup is not None else (1 if quick else 3)
    args.batches = args.batches or (2 if quick else 4)
    names = args.cases.split(",") if args.cases else (QUICK if quick else None)
    args.selected = tuple(c for c in CASES if names is None or c.name in names)
    return args


def metrics_env(time_scale: float) -> dict[str, str]:
    return {
        "METRICS_TUMBLING_S": "60",  # one-minute windows: the batches' building blocks
        "METRICS_GRACE_S": str(GRACE_S),
        "METRICS_SHORT_ABANDON_S": str(THRESHOLDS.short_abandon_s / time_scale),
    }


async def run(args: argparse.Namespace, workdir: Path) -> list[str]:
    table = []
    for n, group in enumerate(groups(args.selected)):
        rows_of_group = await run_group(args, group, workdir / f"group{n}")
        print("\n".join(rows_of_group), flush=True)
        table += rows_of_group
    return table


async def run_group(args: argparse.Namespace, cases: tuple[Case, ...], workdir: Path) -> list[str]:
    K = args.time_scale
    tenants = tenants_file(cases, THRESHOLDS, K)
    names = ", ".join(c.name for c in cases)
    print(f"{names}: starting the platform in {workdir}", flush=True)
    async with validation_platform(
        workdir, tenants, [c.flow() for c in cases], metrics_env(K)
    ) as platform:
        started_ms = int(time.time() * 1000)
        print(f"{names}: {args.minutes} real minutes at K = {K:g}", flush=True)
        summary = await run_scenario(
            scenario(cases, K),
            platform.endpoints,
            duration_s=args.minutes * 60,
            time_scale=K,
            seed=args.seed,
        )
        for tenant_id, queues in summary.queues.items():
            for counts in queues.values():
                print(
                    f"simulator, {tenant_id}: placed {counts.placed}, answered {counts.answered},"
                    f" abandoned {counts.abandoned}, refused {counts.refused}",
                    flush=True,
                )
        ended_ms = started_ms + args.minutes * 60 * 1000
        first = -(-(started_ms + args.warmup * MINUTE_MS) // MINUTE_MS) * MINUTE_MS
        last = ended_ms // MINUTE_MS * MINUTE_MS  # windows ending by the run's end
        await asyncio.sleep(GRACE_S + 3)  # the last windows become final
        table = []
        for case in cases:
            windows = await case_windows(platform, case.name, "q", first, last)
            windows = [w for w in windows if w["end_ms"] <= last]
            verdict, clean = health(windows)
            print(f"{case.name}: {len(windows)} windows, {verdict}", flush=True)
            theory = queue_figures(case.model, THRESHOLDS)
            table += rows(case, K, compare(windows, theory, K, args.batches), clean)
    return table


def health(windows: list[dict[str, Any]]) -> tuple[str, bool]:
    """Whether the run itself went well: offers that timed out leave agents not ready
    (missed_offer) and the queue short of agents, which no theory of N agents describes."""
    offered = sum(w["counts"]["offered"] for w in windows)
    timed_out = sum(w["counts"]["offers_timed_out"] for w in windows)
    not_ready = sum(
        seconds
        for w in windows
        for state, seconds in w["agent_time_s"].items()
        if state.startswith("NOT_READY")
    )
    verdict = f"{offered} calls offered, {timed_out} offers timed out, {not_ready:.0f} s not ready"
    return verdict, timed_out == 0 and not_ready == 0


def main() -> int:
    args = arguments()
    load_before = os.getloadavg()[0]  # the machine is shared: say how loaded it was
    with tempfile.TemporaryDirectory(prefix="validation-") as workdir:
        table = asyncio.run(run(args, Path(workdir)))
    load = f"load average {load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end"
    if not args.no_doc:
        heading = (
            f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
            f"{args.minutes} real minutes per group, warm-up {args.warmup}, "
            f"{args.batches} batches, "
            f"seed {args.seed}{' (--quick)' if args.quick else ''}; {load} ({os.cpu_count()} CPUs)."
        )
        write_results(args.doc, heading, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
