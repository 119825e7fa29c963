"""The event I/O benchmark runs end to end and counts right (no timing assertions)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.integration

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_event_io.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_event_io", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


def test_quick_flag_means_a_small_single_round(bench: ModuleType) -> None:
    args = bench.parse_args(["--quick"])
    assert (args.events, args.rounds) == (bench.QUICK_EVENTS, 1)
    assert bench.parse_args([]).events == bench.DEFAULT_EVENTS


def test_events_are_real_envelopes_on_the_wire_as_the_chassis_sends_them(
    bench: ModuleType,
) -> None:
    events = bench.build_events(30)
    records = bench.wire_records(events)
    assert {e.event_type for e in events} == {"CallReceived", "CallQueued", "CallEnded"}
    for event, (key, value, headers) in zip(events, records, strict=True):
        assert key == event.tenant_id.encode()
        assert type(event).FromString(value) == event
        assert headers == [("event_type", event.event_type.encode())]


async def test_every_variant_produces_and_consumes_every_event(
    bench: ModuleType, kafka_bootstrap: str, tmp_path: Path
) -> None:
    args = bench.parse_args(
        [
            "--quick",
            "--events",
            "300",
            "--partitions",
            "2",
            "--bootstrap",
            kafka_bootstrap,
            "--json",
            str(tmp_path / "r.json"),
        ]
    )
    report = await bench.amain(args)

    assert [(r["variant"], r["consume"]["count"]) for r in report["rounds"]] == [
        ("raw", 300),
        ("raw+decode", 300),
        ("chassis", 300),
    ]
    assert set(report["summary"]["medians"]) == {"raw", "raw+decode", "chassis"}
    assert set(report["summary"]["chassis_over_raw"]) == {"produce", "consume"}
    assert json.loads((tmp_path / "r.json").read_text())["config"]["events"] == 300
    assert "| chassis |" in bench.markdown(report)
