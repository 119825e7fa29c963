"""The CRM benchmarks run end to end in their --quick mode (no timing assertions)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
pytestmark = pytest.mark.integration


def load(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))  # their shared module, and for the spawned server
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_bench_import(postgres_admin: str, capsys: pytest.CaptureFixture[str]) -> None:
    bench = load("bench_import")
    await bench.measure(bench.parse_args(["--quick", "--postgres", postgres_admin]))
    assert "| service import" in capsys.readouterr().out


async def test_bench_import_memory(postgres_admin: str, capsys: pytest.CaptureFixture[str]) -> None:
    bench = load("bench_import_memory")
    await bench.measure(bench.parse_args(["--quick", "--postgres", postgres_admin]))
    assert "2,000 rows imported" in capsys.readouterr().out


async def test_bench_lookup(postgres_admin: str, capsys: pytest.CaptureFixture[str]) -> None:
    bench = load("bench_lookup")
    await bench.measure(bench.parse_args(["--quick", "--postgres", postgres_admin]))
    out = capsys.readouterr().out
    assert "| gRPC LookUpByPhone, 1 in flight |" in out and "| raw asyncpg" in out
