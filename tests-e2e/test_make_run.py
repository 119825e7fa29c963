"""`make run` as a newcomer uses it: the README's request creates a call `callcenter tail`
shows, and the dashboard's data (the metrics API) shows the default scenario's simulated calls
offered and answered within a minute of the platform being up."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from e2e_support import OutputLines

from callcenter_cli.services import local_config
from chassis.broker import free_port
from chassis.testing.waiting import eventually_sync

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[1]
SIMULATED_TENANT = "smallco"  # deploy/scenarios/small-center.yaml, the default scenario


@contextmanager
def output_on_failure(output: OutputLines) -> Iterator[None]:
    """A failure shows what `callcenter up` printed: which service failed, and why."""
    try:
        yield
    except BaseException as exc:
        exc.add_note("callcenter up printed:\n" + "\n".join(output.lines[-200:]))
        raise


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """Every port free and every file private: no clash with another platform on this machine
    (a port taken makes a service exit during start-up)."""
    ports = {name: str(free_port()) for name in local_config(REPO) if name.endswith("_HOST_PORT")}
    env = {k: v for k, v in os.environ.items() if k != "KAFKA_BOOTSTRAP_SERVERS"} | ports
    env["CRM_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'crm.sqlite3'}"
    env["METRICS_DATA_DIR"] = str(tmp_path / "metrics")
    return env


def simulated_counts(metrics_port: str) -> dict[str, Any]:
    """The tenant's shortest rolling window, as the dashboard reads it."""
    try:
        response = httpx.get(
            f"http://127.0.0.1:{metrics_port}/v1/tenants/{SIMULATED_TENANT}/snapshot", timeout=5
        )
    except httpx.HTTPError:
        return {}
    if response.status_code != 200:
        return {}
    windows = response.json()["tenant"]["windows"]
    return dict(next(iter(windows.values()))["counts"])


def test_up_then_readme_request_then_tail_shows_the_call_and_the_simulated_calls(
    tmp_path: Path,
) -> None:
    env = isolated_env(tmp_path)
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
        with output_on_failure(up_output):
            eventually_sync(
                lambda: up_output.containing("The platform is up") or up.poll() is not None,
                timeout=360,  # callcenter up's own limit is 300 s per service
                what="callcenter up ready",
            )
            assert up.poll() is None, "callcenter up exited during start-up"
            assert up_output.containing(f"dashboard?tenant={SIMULATED_TENANT}")
            counts = eventually_sync(
                lambda: (
                    (c := simulated_counts(env["METRICS_HTTP_HOST_PORT"])).get("answered") and c
                ),
                timeout=60,
                interval=1,
                what="simulated calls offered and answered on the dashboard's data",
            )
            assert counts["offered"] > 0
            response = httpx.post(
                f"http://127.0.0.1:{env['INGEST_HTTP_HOST_PORT']}/v1/calls",
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
                lambda: [x for x in tail_output.containing(call_id) if "IvrStarted" in x],
                timeout=60,
                what="the call in callcenter tail, picked up by the IVR",
            )
            [received] = [x for x in tail_output.containing(call_id) if "CallReceived" in x]
            assert "tenant=acme" in received and "+33612345678" in received
            assert "acme-main" in lines[0]
    finally:
        try:
            if tail:
                tail.send_signal(signal.SIGINT)
                tail.wait(timeout=30)  # Ctrl-C stops it; slow only on a starved machine
        finally:  # whatever happened to the tail, the platform must not outlive the test
            up.send_signal(signal.SIGINT)
            status = up.wait(timeout=90)
    with output_on_failure(up_output):
        assert status == 0
        assert up_output.containing("service stopped"), "services stopped gracefully"
        assert up_output.containing("scenario small-center: time scale 20"), "the run's summary"
