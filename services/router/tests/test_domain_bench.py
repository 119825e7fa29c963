"""The matching benchmark runs end to end on its smallest size (no timing assertions)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_matching.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_matching", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_quick_runs_the_smallest_size_and_reports_both_scenarios(
    bench: ModuleType, tmp_path: Path
) -> None:
    report = bench.main(["--quick", "--samples", "50", "--json", str(tmp_path / "r.json")])
    (result,) = report["results"]
    assert (result["agents"], result["queues"], result["samples"]) == (1_000, 10, 50)
    assert set(result) >= {"call_arrives", "agent_frees_up"}
    assert json.loads((tmp_path / "r.json").read_text())["config"]["samples"] == 50
    assert "| 1,000 | 10 | call arrives |" in bench.markdown(report)
