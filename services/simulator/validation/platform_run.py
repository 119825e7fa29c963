"""The platform for a validation run: a private embedded broker and the services the
simulator needs (`simulator.local_platform`), with the validation's tenants file, flows
and metrics settings; then the metrics service's windows, read from its HTTP API."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import yaml

from chassis.broker import EmbeddedBroker
from simulator.local_platform import LocalPlatform, local_platform


@contextlib.asynccontextmanager
async def validation_platform(
    workdir: Path, tenants: Any, flows: list[dict[str, Any]], env: dict[str, str]
) -> AsyncIterator[LocalPlatform]:
    flows_dir = workdir / "flows"
    flows_dir.mkdir(parents=True, exist_ok=True)
    (workdir / "tenants.yaml").write_text(yaml.safe_dump(tenants))
    for flow in flows:
        (flows_dir / f"{flow['flow_id']}.yaml").write_text(yaml.safe_dump(flow))
    broker = EmbeddedBroker(log_path=workdir / "broker.log").start()
    try:
        async with local_platform(
            broker.bootstrap_servers,
            workdir,
            tenants=workdir / "tenants.yaml",
            flows=flows_dir,
            extra_env=env,
        ) as platform:
            yield platform
    finally:
        broker.stop()


async def case_windows(
    platform: LocalPlatform, tenant_id: str, queue_id: str, start_ms: int, end_ms: int
) -> list[dict[str, Any]]:
    """The queue's one-minute tumbling windows starting in [start, end), final ones and any
    still open, with the agents' time of the tenant's windows (the queue's have none; each
    case's tenant has this one queue)."""
    params = {"size": "1m", "from": _iso(start_ms), "to": _iso(end_ms)}
    tenant = f"{platform.metrics_url}/v1/tenants/{tenant_id}"
    async with httpx.AsyncClient(timeout=10) as http:
        queue = await http.get(f"{tenant}/queues/{queue_id}/intervals", params=params)
        whole = await http.get(f"{tenant}/intervals", params=params)
    queue.raise_for_status()
    whole.raise_for_status()
    agent_time = {w["start_ms"]: w["agent_time_s"] for w in whole.json()}
    return [{**w, "agent_time_s": agent_time.get(w["start_ms"], {})} for w in queue.json()]


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()
