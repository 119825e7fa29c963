"""The simulator that `callcenter up` plays once the platform is ready: a scenario of callers
and agents (docs/simulator.md), so that the dashboard shows live numbers at once."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import yaml

DEFAULT_SCENARIO = "deploy/scenarios/small-center.yaml"
# The metrics service's time thresholds that are not per queue (docs/metrics.md defaults):
# scaled with the simulator's durations so that the dashboard judges the simulated center
# as it would the real one. The queues' own (service level) are in tenants.yaml.
METRICS_THRESHOLDS_S = {
    "METRICS_SHORT_ABANDON_S": 5.0,
    "METRICS_ALERT_LONGEST_WAIT_LIMIT_S": 120.0,
    "METRICS_ALERT_LONGEST_WAIT_MARGIN_S": 15.0,
}


def chosen_scenario(repo_root: Path, flag: str | None, disabled: bool) -> Path | None:
    """--scenario, else $SIMULATOR_SCENARIO, else the default; none with --no-simulator or
    an empty SIMULATOR_SCENARIO."""
    raw = flag if flag is not None else os.environ.get("SIMULATOR_SCENARIO", DEFAULT_SCENARIO)
    if disabled or not raw:
        return None
    path = Path(raw)
    return path if path.is_absolute() else repo_root / path


def scenario_outline(path: Path) -> tuple[list[str], float]:
    """The tenants a (checked) scenario plays and the time scale of the run, for the banner."""
    document = yaml.safe_load(path.read_text()) or {}
    time_scale = os.environ.get("SIMULATOR_TIME_SCALE") or document.get("time_scale", 1)
    return list(document.get("tenants") or {}), float(time_scale)


async def check_scenario(path: Path, tenants_file: str) -> None:
    """Refuses a bad scenario before anything starts, with the simulator's own messages."""
    check = await asyncio.create_subprocess_exec(
        "callcenter-simulator",
        "check",
        str(path),
        "--tenants",
        tenants_file,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await check.communicate()
    if check.returncode != 0:
        raise RuntimeError(f"the simulator's scenario is not valid:\n{output.decode().strip()}")


def scaled_metrics_thresholds(time_scale: float) -> dict[str, str]:
    """The thresholds divided by the time scale, except those the user set."""
    return {
        name: f"{seconds / time_scale:g}"
        for name, seconds in METRICS_THRESHOLDS_S.items()
        if name not in os.environ
    }


def simulator_command(path: Path, config: dict[str, str], tenants_file: str) -> list[str]:
    command = [
        "callcenter-simulator",
        "run",
        str(path),
        "--tenants",
        tenants_file,
        "--ingest-url",
        f"http://127.0.0.1:{config['INGEST_HTTP_HOST_PORT']}",
        "--agent-state",
        f"127.0.0.1:{config['AGENT_STATE_GRPC_HOST_PORT']}",
    ]
    if time_scale := os.environ.get("SIMULATOR_TIME_SCALE"):
        command += ["--time-scale", time_scale]
    return command
