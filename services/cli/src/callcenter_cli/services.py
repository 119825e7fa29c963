"""The services `callcenter up` runs, and the local ports they get (from .env)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values


@dataclass(frozen=True)
class LocalService:
    name: str
    command: str  # console script installed by the service's package
    http_port_var: str
    grpc_port_var: str | None = None


SERVICES = [
    LocalService("ingest", "callcenter-ingest", "INGEST_HTTP_HOST_PORT", "INGEST_GRPC_HOST_PORT"),
    LocalService("metrics", "callcenter-metrics", "METRICS_HTTP_HOST_PORT"),
    LocalService("router", "callcenter-router", "ROUTER_HTTP_HOST_PORT", "ROUTER_GRPC_HOST_PORT"),
    LocalService(
        "agent-state",
        "callcenter-agent-state",
        "AGENT_STATE_HTTP_HOST_PORT",
        "AGENT_STATE_GRPC_HOST_PORT",
    ),
    LocalService("ivr", "callcenter-ivr", "IVR_HTTP_HOST_PORT", "IVR_GRPC_HOST_PORT"),
    LocalService(
        "crm-lookup",
        "callcenter-crm-lookup",
        "CRM_LOOKUP_HTTP_HOST_PORT",
        "CRM_LOOKUP_GRPC_HOST_PORT",
    ),
]


def local_config(repo_root: Path) -> dict[str, str]:
    """.env holds every port and address; the environment may override each.
    Processes on this machine use the *_HOST_PORT values, as with docker compose."""
    values = {k: v for k, v in dotenv_values(repo_root / ".env").items() if v is not None}
    return {**values, **{k: v for k, v in os.environ.items() if k in values}}
