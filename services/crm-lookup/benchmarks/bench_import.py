"""Bulk import of a CSV of customers into PostgreSQL: rows per second through the service's
import path, against raw asyncpg COPY of the same rows.

    python services/crm-lookup/benchmarks/bench_import.py [--rows N] [--postgres DSN] [--quick]

A fresh database is created on the server at --postgres (dropped at the end). The file has N
rows of every column (1.2 phone numbers and one account number a row, numbers in E.164 as an
export from another CRM writes them). Service: `CustomerAdmin.import_csv`, what the REST API's
import runs on the body as it arrives (64 KiB pieces): read, check and COPY chunk by chunk in
one transaction. Comparison: the same customers, already parsed, loaded by asyncpg's
`copy_records_to_table` straight into the three tables of a second fresh database: the ceiling,
with no parsing, no checks, no savepoints. CPU time is given per row for this process and for
the PostgreSQL backends of the database (from /proc: the server runs on this machine); a busy
machine inflates it far less than wall-clock time.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import math
import time
from collections.abc import AsyncIterator

import asyncpg
from bench_support import cpu_seconds, fresh_database, rows_arguments

from crm_lookup.adapters.bulk_load import customer_record
from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.domain.csv_import import COLUMNS, read_customers
from crm_lookup.domain.imports import ImportPolicy
from crm_lookup.service.admin import CustomerAdmin
from crm_lookup.service.body_stream import PIECE_BYTES
from crm_lookup.service.ids import new_customer_ids

TENANT = "acme"
Measured = tuple[float, float, float]  # wall seconds, CPU seconds here, in PostgreSQL


def csv_file(rows: int) -> str:
    lines = [",".join(COLUMNS)]
    for n in range(rows):
        phones = f"+336{n:08d}" + (f";+337{n:08d}" if n % 5 == 0 else "")
        lines.append(f"Customer {n},{phones},A{n:09d},fr,retail,{'gold' if n % 10 == 0 else ''},")
    return "\n".join(lines) + "\n"


async def body(data: bytes) -> AsyncIterator[bytes]:
    """The file as an HTTP server hands a request's body over: 64 KiB at a time."""
    for start in range(0, len(data), PIECE_BYTES):
        yield data[start : start + PIECE_BYTES]


def backend_cpu(pid: int) -> float:
    """CPU seconds of a PostgreSQL backend; NaN when the server runs on another machine."""
    try:
        return cpu_seconds(pid)
    except FileNotFoundError:
        return math.nan


async def backends_cpu(dsn: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend of the database but the asking one."""
    connection = await asyncpg.connect(dsn)
    pids = await connection.fetch(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid()"
    )
    await connection.close()
    return {row["pid"]: backend_cpu(row["pid"]) for row in pids}


async def through_the_service(url: str, dsn: str, text: str) -> Measured:
    """This process's side includes its reading thread."""
    database = Database(url)
    await database.start()
    admin = CustomerAdmin(SqlCustomers(database))
    data = text.encode()
    before = await backends_cpu(dsn)
    began, cpu = time.perf_counter(), time.process_time()
    report = await admin.import_csv(TENANT, body(data), ImportPolicy.REJECT)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    after = await backends_cpu(dsn)  # the import's connection is back in the pool, alive
    await database.stop()
    assert report.errors == [] and report.imported == report.rows, report.errors[:3]
    return seconds, cpu, sum(after[pid] - before.get(pid, 0.0) for pid in after)


async def raw_copy(url: str, dsn: str, text: str) -> Measured:
    database = Database(url)
    await database.start()  # the same schema, migrated
    await database.stop()
    chunks = read_customers(io.StringIO(text, newline=""), None, new_customer_ids)
    customers = [row for chunk in chunks for row in chunk.rows]
    assert len(customers) == text.count("\n") - 1
    connection = await asyncpg.connect(dsn)
    backend = await connection.fetchval("SELECT pg_backend_pid()")
    began, cpu, pg_cpu = time.perf_counter(), time.process_time(), backend_cpu(backend)
    async with connection.transaction():
        await connection.copy_records_to_table(
            "customers",
            records=[customer_record(TENANT, c) for c in customers],
        )
        await connection.copy_records_to_table(
            "customer_phones",
            records=[(TENANT, n, c.customer_id) for c in customers for n in c.phone_numbers],
        )
        await connection.copy_records_to_table(
            "customer_accounts",
            records=[(TENANT, a, c.customer_id) for c in customers for a in c.account_numbers],
        )
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    pg_cpu = backend_cpu(backend) - pg_cpu
    await connection.close()
    return seconds, cpu, pg_cpu


async def measure(args: argparse.Namespace) -> None:
    text = csv_file(args.rows)
    async with fresh_database(args.postgres) as (url, dsn):
        service = await through_the_service(url, dsn, text)
    async with fresh_database(args.postgres) as (url, dsn):
        raw = await raw_copy(url, dsn, text)
    print(f"{args.rows:,} rows, {len(text) / 1e6:.1f} MB of CSV")
    print("| path | seconds | rows/s | CPU µs/row, this process | CPU µs/row, PostgreSQL |")
    print("|---|---:|---:|---:|---:|")
    for name, (seconds, cpu, pg_cpu) in [
        ("service import (read, check, COPY)", service),
        ("raw asyncpg COPY of parsed rows (ceiling)", raw),
    ]:
        print(
            f"| {name} | {seconds:.2f} | {args.rows / seconds:,.0f} "
            f"| {cpu / args.rows * 1e6:.1f} | {pg_cpu / args.rows * 1e6:.1f} |"
        )
    print(f"service / raw COPY: {raw[0] / service[0]:.2f} of the ceiling's rows/s")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return rows_arguments(__doc__, 200_000, argv)


def main() -> None:
    asyncio.run(measure(parse_args()))


if __name__ == "__main__":
    main()
