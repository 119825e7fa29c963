"""The supervisors' dashboard in a real headless browser (Debian's chromium, driven by
Playwright; never a downloaded browser): after the last hour of a tenant's calls, its
tiles show the figures the batch reference computes for the same events, and stay
live while calls keep coming; a screenshot is taken meanwhile.

Set DASHBOARD_SCREENSHOT_TO=docs/img/dashboard.png to refresh the docs' picture.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import shutil
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from callcenter.v1 import call_events_pb2 as ce
from callcenter.v1.envelope_pb2 import Event
from chassis.testing.waiting import eventually
from chassis.topics import Topics
from metrics.domain import MetricsConfig
from metrics.domain.live import Presence
from metrics.domain.times import ms_of
from metrics.reference.batch import Reference
from metrics.reference.histories import Shape, history
from metrics.reference.scenarios import by_time
from metrics.reference.script import CallScript
from metrics.testing import WorkerProcess, publish_events, worker_env, write_tenants

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PARTITIONS = 4  # the `topics` fixture's
MINUTE = 60_000


def last_hour(now_ms: int) -> list[Event]:
    """50 minutes of a tenant's calls, cut a minute ago (some calls are still going on),
    in the order they happened."""
    rng = random.Random(3)
    agents = tuple(f"agent-{n}" for n in range(8))
    shape = Shape(
        calls=260, agents=agents, queues=("sales", "care"), spread_ms=48 * MINUTE,
        start=now_ms - 50 * MINUTE,
    )  # fmt: skip
    events = by_time(history(rng.randint, shape))
    return [e for e in events if ms_of(e.occurred_at) < now_ms - MINUTE]


async def calls_flowing(producer: AIOKafkaProducer, topics: Topics) -> None:
    """A call arrives in care every 300 ms, and the one three calls before is answered."""
    waiting: list[CallScript] = []
    for n in range(10_000):
        call = CallScript("acme", f"live-{n}", int(time.time() * 1000))
        call.received()
        call.ivr_started()
        call.ivr_completed(0, ce.IVR_OUTCOME_QUEUED, "care")
        call.queued("care")
        waiting.append(call)
        if len(waiting) > 3:
            answered = waiting.pop(0)
            answered.at = call.at
            answered.connected(answered.offered("agent-0", "care"), "agent-0", "care")
        await publish_events(producer, topics, [*call.events, *waiting[0].events[-3:]])
        await asyncio.sleep(0.3)


def number(text: str) -> float:
    """A figure as the dashboard writes it: 75%, 12.5%, 12 s, 1:23 (seconds)."""
    if match := re.fullmatch(r"(\d+):(\d\d)", text):
        return int(match[1]) * 60 + int(match[2])
    return float(re.sub(r"[^\d.]", "", text))


async def test_tiles_show_the_reference_figures_while_calls_flow(
    kafka_bootstrap: str, topics: Topics, producer: AIOKafkaProducer, tmp_path: Path
) -> None:
    from playwright.async_api import async_playwright

    now = int(time.time() * 1000)
    events = last_hour(now)
    reference = Reference(events, MetricsConfig())
    expected = reference.window("acme", "queue:sales", 0, now + MINUTE, now, now)
    live = reference.live("acme", now).queues.get("sales", Presence())
    await publish_events(producer, topics, events)  # read as a backlog: nothing is late
    tenants = write_tenants(tmp_path / "tenants.yaml", "acme", ["sales", "care"])
    env = worker_env(kafka_bootstrap, topics, tenants, tmp_path / "data", PARTITIONS)
    worker = WorkerProcess(env, tmp_path / "worker.log").start()
    flow: asyncio.Task[None] | None = None
    try:
        await worker.ready()
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            await page.goto(f"{worker.url}/dashboard?tenant=acme")
            await page.select_option("#window", "60m")  # the whole history is in it
            tile = page.locator('[data-queue="sales"]')

            async def shown(name: str) -> str:
                return await tile.locator(f'[data-figure="{name}"]').inner_text()

            async def offered_all() -> bool:
                return await shown("offered") == str(expected.counts["offered"])

            await eventually(offered_all, timeout=60, what="the backlog on the sales tile")
            flow = asyncio.create_task(calls_flowing(producer, topics))
            assert number(await shown("sl")) == pytest.approx(
                100 * expected.service_level["standard"], abs=0.5
            )
            assert number(await shown("ar")) == pytest.approx(
                100 * expected.measures["abandon_rate"], abs=0.05
            )
            assert number(await shown("asa")) == pytest.approx(expected.measures["asa_s"], abs=0.5)
            assert await shown("answered") == str(expected.counts["answered"])
            assert await shown("waiting") == str(live.calls_waiting)
            agents = await shown("agents")
            for state, count in live.agents_by_state.items():
                assert f"{count} {state.lower().replace('_', ' ')}" in agents
            status = {"good": "green", "warn": "amber", "bad": "red"}
            assert await tile.get_attribute("data-status") in status

            care = page.locator('[data-queue="care"] [data-figure="waiting"]')
            await eventually(
                lambda: _at_least(care, 3), timeout=30, what="live calls waiting in care"
            )
            screenshot = tmp_path / "dashboard.png"
            await page.screenshot(path=str(screenshot), full_page=True)
            await browser.close()
        if target := os.environ.get("DASHBOARD_SCREENSHOT_TO"):
            shutil.copyfile(screenshot, target)
    finally:
        if flow is not None:
            flow.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flow
        code = worker.stop()
        print(worker.log_tail())
    assert code == 0, f"worker exit code {code} on SIGTERM"


async def _at_least(locator: object, count: int) -> bool:
    text = await locator.inner_text()  # type: ignore[attr-defined]
    return text.isdigit() and int(text) >= count
