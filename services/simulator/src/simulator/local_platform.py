"""The services a scenario needs, as real processes on fresh topics: for the simulator's
integration test and for harnesses that compare a run with theory."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from chassis.testing.processes import RunningService, ServiceRunner
from chassis.topics import Topics, ensure_topics
from simulator.platform_api import Endpoints

REPO = Path(__file__).resolve().parents[4]
DEMO_TENANTS = REPO / "deploy" / "config" / "tenants.yaml"
DEMO_FLOWS = REPO / "deploy" / "config" / "flows"


@dataclass(frozen=True)
class LocalPlatform:
    endpoints: Endpoints
    metrics_url: str  # http://127.0.0.1:<port>: /v1/tenants/<t>/snapshot, /dashboard
    runner: ServiceRunner


@contextlib.asynccontextmanager
async def local_platform(
    bootstrap: str,
    data_dir: Path,
    tenants: Path = DEMO_TENANTS,
    flows: Path = DEMO_FLOWS,
    partitions: int = 2,
    extra_env: dict[str, str] | None = None,
) -> AsyncIterator[LocalPlatform]:
    """router, agent-state, ivr, ingest and metrics, each on free ports, stopped afterwards."""
    prefix = f"sim{uuid.uuid4().hex[:8]}."
    await ensure_topics(bootstrap, Topics(prefix).all_topics(), partitions)
    runner = ServiceRunner(
        {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "TOPIC_PREFIX": prefix,
            "KAFKA_PARTITIONS": str(partitions),
            "TENANTS_CONFIG": str(tenants),
            "IVR_FLOWS_DIR": str(flows),
            "METRICS_DATA_DIR": str(data_dir / "metrics"),
            **(extra_env or {}),
        }
    )
    try:
        router = await asyncio.to_thread(runner.start, "router", "callcenter-router", grpc=True)
        runner.env["ROUTER_GRPC_TARGET"] = _grpc(router)
        # The others need nothing of one another to start: their start-ups overlap.
        agent_state, _, ingest, metrics = await asyncio.gather(
            asyncio.to_thread(runner.start, "agent-state", "callcenter-agent-state", grpc=True),
            asyncio.to_thread(runner.start, "ivr", "callcenter-ivr", grpc=True),
            asyncio.to_thread(runner.start, "ingest", "callcenter-ingest", grpc=True),
            asyncio.to_thread(runner.start, "metrics", "callcenter-metrics"),
        )
        yield LocalPlatform(Endpoints(ingest.url, _grpc(agent_state)), metrics.url, runner)
    finally:
        runner.stop_all()


def _grpc(service: RunningService) -> str:
    return f"127.0.0.1:{service.grpc_port}"
