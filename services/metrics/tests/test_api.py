"""The HTTP API on a core fed in process (no Kafka): figures, history, abandons, alerts,
errors that name what is wrong, the event stream, Prometheus and the dashboard."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client import generate_latest

from chassis.tenants import parse_tenants
from metrics.api.stream import snapshot_events
from metrics.api.web import create_web_app
from metrics.core import MetricsCore, Produced
from metrics.domain import AlertSettings, config_from_tenants
from metrics.domain.times import floor_to
from metrics.reference.scenarios import abandoned_call, answered_call, by_time

HOUR, MINUTE = 3_600_000, 60_000


class Worker:
    core: MetricsCore | None = None


@pytest.fixture
def worker() -> Worker:
    tenants = parse_tenants({"tenants": {"acme": {"queues": {"sales": {}, "care": {}}}}})
    core = MetricsCore(config_from_tenants(tenants), AlertSettings(min_calls=2), 900, 12 * HOUR)
    now = int(time.time() * 1000)
    earlier = floor_to(now, 15 * MINUTE) - 30 * MINUTE  # a window final by now
    calls = [
        answered_call("early", 5_000, at=earlier),
        answered_call("slow", 40_000, at=now - 3 * MINUTE, talk_ms=1_000, wrap_up_ms=1_000),
        abandoned_call("gone", 30_000, at=now - 2 * MINUTE, caller="+33611111111"),
    ]
    for event in by_time(*calls):
        core.apply(event, 0, Produced())
    core.tick(now)
    handle = Worker()
    handle.core = core
    return handle


@pytest.fixture
def client(worker: Worker) -> Iterator[TestClient]:
    config = worker.core.config  # type: ignore[union-attr]
    app = create_web_app(worker, lambda: worker.core is not None, config, 12 * HOUR)  # type: ignore[arg-type]
    with TestClient(app) as test_client:
        yield test_client


def test_snapshot_per_queue(client: TestClient) -> None:
    snapshot = client.get("/v1/tenants/acme/snapshot").json()
    sales = {q["queue_id"]: q for q in snapshot["queues"]}["sales"]
    assert [q["queue_id"] for q in snapshot["queues"]] == ["care", "sales"]
    assert sales["targets"]["service_level_target"] == 0.8
    last_15 = sales["windows"]["15m"]
    assert (last_15["counts"]["offered"], last_15["counts"]["answered"]) == (2, 1)
    assert last_15["service_level"]["standard"] == 0.0
    assert sales["alerts"] == ["abandon_rate_above_target", "service_level_below_target"]
    assert len(sales["series"]) == 60 and sum(p["offered"] for p in sales["series"]) >= 2
    assert snapshot["late_events"] == 0


def test_history_and_open_windows(client: TestClient) -> None:
    windows = client.get("/v1/tenants/acme/queues/sales/intervals?size=15m").json()
    assert windows[0]["final"] and windows[0]["counts"]["answered"] == 1  # the early call
    assert not windows[-1]["final"]  # the current window, still open
    assert sum(w["counts"]["offered"] for w in windows) == 3
    agent = client.get("/v1/tenants/acme/agents/a1/intervals?size=30m").json()
    assert sum(w["counts"]["answered"] for w in agent) == 2


def test_abandons_and_alerts(client: TestClient) -> None:
    abandons = client.get("/v1/tenants/acme/queues/sales/abandons?window=15m").json()
    [gone] = abandons["abandons"]
    assert (gone["call_id"], gone["caller_number"], gone["waited_ms"]) == (
        "gone",
        "+33611111111",
        30_000,
    )
    raised = client.get("/v1/tenants/acme/alerts").json()["raised"]
    assert {(a["queue_id"], a["kind"]) for a in raised} == {
        ("sales", "service_level_below_target"),
        ("sales", "abandon_rate_above_target"),
    }


@pytest.mark.parametrize(
    ("path", "status", "named"),
    [
        ("/v1/tenants/nobody/snapshot", 404, "nobody"),
        ("/v1/tenants/acme/queues/nope/intervals", 404, "nope"),
        ("/v1/tenants/acme/agents/ghost/intervals", 404, "ghost"),
        ("/v1/tenants/acme/queues/sales/intervals?size=7m", 422, "size"),
        ("/v1/tenants/acme/queues/sales/abandons?window=2m", 422, "window"),
        (
            "/v1/tenants/acme/intervals?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z",
            422,
            "from",
        ),
        ("/v1/tenants/acme/intervals?to=yesterday", 422, "to"),
    ],
)
def test_errors_name_what_is_wrong(client: TestClient, path: str, status: int, named: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert named in json.dumps(response.json()["detail"])


def test_unavailable_while_the_state_is_restored(client: TestClient, worker: Worker) -> None:
    worker.core = None
    response = client.get("/v1/tenants/acme/snapshot")
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert client.get("/readyz").status_code == 503


def test_prometheus_figures_have_bounded_labels(client: TestClient) -> None:
    exposition = generate_latest().decode()
    labels = 'queue="sales",tenant="acme",window="15m"'
    assert f"callcenter_queue_service_level_ratio{{{labels}}} 0.0" in exposition
    assert f"callcenter_queue_abandon_rate_ratio{{{labels}}} 0.5" in exposition
    assert 'callcenter_queue_alert_active{kind="service_level_below_target"' in exposition
    assert "gone" not in exposition and "+336" not in exposition


def test_dashboard_page_and_assets_are_served(client: TestClient) -> None:
    page = client.get("/dashboard?tenant=acme")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for asset in ("dashboard.js", "dashboard.css"):
        assert client.get(f"/dashboard/static/{asset}").status_code == 200
    assert "/v1/tenants/{tenant_id}/stream" in client.get("/openapi.json").json()["paths"]


async def test_the_stream_sends_a_snapshot_then_ends_with_the_client(worker: Worker) -> None:
    class Request:
        polls = 0

        async def is_disconnected(self) -> bool:
            self.polls += 1
            return self.polls > 2

    events = [
        event
        async for event in snapshot_events(
            Request(),  # type: ignore[arg-type]
            lambda: worker.core,
            "acme",
            asyncio.Event(),
        )
    ]
    assert events[0] == "retry: 1000\n\n"
    [snapshot] = events[1:]
    assert snapshot.startswith("event: snapshot\ndata: ")
    assert json.loads(snapshot.split("data: ", 1)[1])["tenant_id"] == "acme"
