"""`make run` as a newcomer uses it: the README's request creates a call `callcenter tail` shows."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx
import pytest
from e2e_support import OutputLines

from chassis.broker import free_port
from chassis.testing.waiting import eventually_sync

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[1]


def test_up_then_readme_request_then_tail_shows_the_call() -> None:
    ports = {
        name: str(free_port())
        for name in (
            "KAFKA_HOST_PORT",
            "INGEST_HTTP_HOST_PORT",
            "INGEST_GRPC_HOST_PORT",
            "METRICS_HTTP_HOST_PORT",
        )
    }
    env = {k: v for k, v in os.environ.items() if k != "KAFKA_BOOTSTRAP_SERVERS"} | ports
    up = subprocess.Popen(
        ["callcenter", "up"],
        cwd=REPO,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    up_output = OutputLines(up)
    tail: subprocess.Popen[str] | None = None
    try:
        eventually_sync(
            lambda: up_output.containing("The platform is up") or up.poll() is not None,
            timeout=180,
            what="callcenter up ready",
        )
        assert up.poll() is None, "\n".join(up_output.lines)
        response = httpx.post(
            f"http://127.0.0.1:{ports['INGEST_HTTP_HOST_PORT']}/v1/calls",
            json={
                "tenant_id": "acme",
                "caller_number": "+33612345678",
                "dialed_number": "+33970000000",
                "provider_call_id": "demo-1",
            },
        )
        assert response.status_code == 202
        call_id = response.json()["call_id"]
        tail = subprocess.Popen(
            ["callcenter", "tail", "calls", "--from-beginning"],
            cwd=REPO,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
        )
        tail_output = OutputLines(tail)
        lines = eventually_sync(
            lambda: [line for line in tail_output.containing(call_id) if "IvrStarted" in line],
            timeout=60,
            what="the call in callcenter tail, picked up by the IVR",
        )
        [received] = [line for line in tail_output.containing(call_id) if "CallReceived" in line]
        assert "tenant=acme" in received and "+33612345678" in received
        assert "acme-main" in lines[0]
    finally:
        if tail:
            tail.send_signal(signal.SIGINT)
            tail.wait(timeout=10)
        up.send_signal(signal.SIGINT)
        assert up.wait(timeout=60) == 0, "\n".join(up_output.lines[-30:])
    assert up_output.containing("service stopped"), "services stopped gracefully"
