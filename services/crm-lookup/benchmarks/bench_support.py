"""What the CRM benchmarks share: a fresh PostgreSQL database for a run, their arguments, and
latency figures."""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextlib.asynccontextmanager
async def fresh_database(admin_dsn: str) -> AsyncIterator[tuple[str, str]]:
    """(SQLAlchemy URL, asyncpg DSN) of a new database, dropped afterwards."""
    name = f"crm_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(admin_dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = f"{admin_dsn.rsplit('/', 1)[0]}/{name}"
    try:
        yield dsn.replace("postgresql://", "postgresql+asyncpg://", 1), dsn
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


def rows_arguments(doc: str, rows: int, argv: list[str] | None) -> argparse.Namespace:
    """--rows (default `rows`), --postgres (the server's admin DSN), --quick (2,000 rows)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rows", type=int, default=rows)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="admin DSN of the server")
    parser.add_argument("--quick", action="store_true", help="2,000 rows")
    args = parser.parse_args(argv)
    if args.quick:
        args.rows = 2_000
    return args


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux): robust to a busy machine, where
    wall-clock figures are not."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def latency_line(name: str, seconds: float, latencies: list[float], cpu_s: float) -> str:
    """A table row: rate, p50, p99, max, and the CPU time per operation of the process that
    did the work."""
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return (
        f"| {name} | {len(ms) / seconds:,.0f} | {statistics.median(ms):.2f} | {p99:.2f} "
        f"| {ms[-1]:.2f} | {cpu_s / len(ms) * 1e6:,.0f} |"
    )
