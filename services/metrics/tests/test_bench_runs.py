"""The metrics benchmarks run and count right in their quick mode (no timing asserted)."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
pytestmark = pytest.mark.integration


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


async def test_throughput_counts_every_event_in_each_variant(kafka_bootstrap: str) -> None:
    bench = load("bench_throughput")
    args = bench.parse_args(["--quick", "--events", "3000", "--bootstrap", kafka_bootstrap])

    report = await bench.amain(args)

    events = report["events"]
    assert events == 3000
    assert report["raw"]["events"] == report["domain"]["events"] == events
    assert report["worker"]["events"] == events
    assert report["worker"]["events_per_s"] > 0


async def test_freshness_sees_every_connected_call(kafka_bootstrap: str) -> None:
    bench = load("bench_freshness")
    args = bench.parse_args(["--quick", "--seconds", "3", "--bootstrap", kafka_bootstrap])

    report = await bench.amain(args)

    assert report["calls_connected"] >= 100  # 50 calls/s for 3 s, the first before
    assert report["markers"] > 0 and math.isfinite(report["p99_s"])
