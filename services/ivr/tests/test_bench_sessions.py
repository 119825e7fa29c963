"""The session benchmark walks every call to the queue (no timing assertions)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_sessions.py"


def test_every_benchmarked_call_reaches_the_queue() -> None:
    spec = importlib.util.spec_from_file_location("bench_sessions", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    flow = bench.load_flow(bench.FLOW)

    sessions, timings = bench.walk(flow, 50)

    assert all(s.state.status.value == "queued" for s in sessions)
    assert [name for name, _, _ in timings][-1] == "2 -> support queue"
    assert bench.bytes_per_call_in_menu(flow, 50) > 0
