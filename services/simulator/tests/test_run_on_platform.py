"""A scaled run on the real platform (broker, router, agent-state, IVR, ingest, metrics as
processes): callers placed through the webhooks are answered by the simulator's agents, the
metrics see them, and the run ends with every agent logged out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from chassis.testing.waiting import eventually
from simulator.distributions import Exponential, Fixed
from simulator.local_platform import local_platform
from simulator.runner import run_scenario
from simulator.scenario import AgentGroup, Choice, Line, QueueScenario, Scenario, TenantScenario

pytestmark = pytest.mark.integration
TIME_SCALE = 10.0

TINY = Scenario(
    name="tiny",
    tenants={
        "smallco": TenantScenario(
            queues={
                "support": QueueScenario(
                    talk_time=Exponential(mean=30), patience=Exponential(mean=60)
                )
            },
            lines=(
                Line(
                    number="+33 9 70 00 01 00",
                    rate_per_hour=360,
                    choices=(Choice(queue="support"),),
                ),
            ),
            agents=(
                AgentGroup(
                    name="tiny",
                    count=4,
                    skills={"support": 5},
                    queues=("support",),
                    answer_delay=Fixed(value=2),
                    wrap_up=Fixed(value=5),
                ),
            ),
        )
    },
)


async def tenant_counts(metrics_url: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{metrics_url}/v1/tenants/smallco/snapshot")
    if response.status_code != 200:
        return {}
    windows = response.json()["tenant"]["windows"]
    return dict(next(iter(windows.values()))["counts"])


async def test_a_scaled_run_is_answered_and_seen_by_the_metrics(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    async with local_platform(kafka_bootstrap, tmp_path) as platform:
        summary = await run_scenario(
            TINY, platform.endpoints, duration_s=20, time_scale=TIME_SCALE, seed=7
        )
        counts = await eventually(
            lambda: _answered(platform.metrics_url),
            timeout=30,
            what="answered calls in the metrics",
        )
        await eventually(
            lambda: _all_logged_out(platform.metrics_url), timeout=30, what="agents logged out"
        )

    total = summary.totals()
    assert summary.time_scale == TIME_SCALE
    assert summary.simulated_duration_s == pytest.approx(20 * TIME_SCALE, rel=0.1)
    assert total.placed > 10 and total.refused == 0  # ~1 call/s for 20 s
    assert total.answered > 0
    assert total.placed == total.answered + total.abandoned + total.unfinished
    assert summary.agents["smallco"].logged_in == 4
    assert summary.agents["smallco"].handled > 0
    assert counts["offered"] > 0 and counts["answered"] > 0


async def _answered(metrics_url: str) -> dict[str, Any] | None:
    counts = await tenant_counts(metrics_url)
    return counts if counts.get("answered") else None


async def _all_logged_out(metrics_url: str) -> bool:
    async with httpx.AsyncClient() as client:
        snapshot = (await client.get(f"{metrics_url}/v1/tenants/smallco/snapshot")).json()
    by_state = snapshot["tenant"]["live"]["agents_by_state"]
    return not any(n for state, n in by_state.items() if state.upper() != "LOGGED_OUT")
