"""The router's end-to-end and EWT benchmarks run and count right (no timing assertions)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


def test_ewt_simulation_scores_every_scenario() -> None:
    bench = load("bench_ewt_accuracy")
    for scenario in bench.SCENARIOS:
        result = bench.Simulation(scenario, 1_000, bench.random.Random(3)).run()
        assert result.calls_scored > 0
        assert result.ewt_mae_s >= 0 and result.recent_mean_mae_s >= 0
        if scenario.patience_s is None:
            assert result.abandoned_share == 0  # every call is answered when nobody hangs up


@pytest.mark.integration
async def test_every_queued_call_reaches_a_desktop_stream(kafka_bootstrap: str) -> None:
    bench = load("bench_offer_latency")
    args = bench.parse_args(["--agents", "40", "--rate", "10", "--seconds", "3", "--warmup", "0"])

    result = await bench.measure(kafka_bootstrap, args)

    assert result.calls >= 20  # 10 calls/s for 3 s, give or take a starved tick
    assert (result.offered, result.accepts_refused, result.streams_lost) == (result.calls, 0, 0)
