"""Bulk import of a CSV of customers into PostgreSQL: rows per second through the service's
import path, against raw asyncpg COPY of the same rows.

    python services/crm-lookup/benchmarks/bench_import.py [--rows N] [--postgres DSN] [--quick]

A fresh database is created on the server at --postgres (dropped at the end). The file has N
rows of every column (1.2 phone numbers and one account number a row, numbers in E.164 as an
export from another CRM writes them). Service: `CustomerAdmin.import_csv`, what the REST API's
import runs once it has the body: parse and check every row, then COPY into staging and the
tables in one transaction. Comparison: the same customers, already parsed, loaded by asyncpg's
`copy_records_to_table` straight into the three tables of a second fresh database: the ceiling,
with no parsing, no checks and no staging. The last column divides by this process's CPU time,
which a busy machine does not inflate as it does wall-clock time (PostgreSQL's own work is in
its processes, not counted).
"""

from __future__ import annotations

import argparse
import asyncio
import time

import asyncpg
from bench_support import DEFAULT_POSTGRES, fresh_database

from crm_lookup.adapters.bulk_load import customer_record
from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.domain.csv_import import COLUMNS, read_customers
from crm_lookup.domain.imports import ImportPolicy
from crm_lookup.service.admin import CustomerAdmin
from crm_lookup.service.ids import new_customer_id

TENANT = "acme"


def csv_file(rows: int) -> str:
    lines = [",".join(COLUMNS)]
    for n in range(rows):
        phones = f"+336{n:08d}" + (f";+337{n:08d}" if n % 5 == 0 else "")
        lines.append(f"Customer {n},{phones},A{n:09d},fr,retail,{'gold' if n % 10 == 0 else ''},")
    return "\n".join(lines) + "\n"


async def through_the_service(url: str, text: str) -> tuple[float, float]:
    """Wall and CPU seconds (this process: the service's side, its reading thread included)."""
    database = Database(url)
    await database.start()
    admin = CustomerAdmin(SqlCustomers(database))
    began, cpu = time.perf_counter(), time.process_time()
    report = await admin.import_csv(TENANT, text, ImportPolicy.REJECT)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    await database.stop()
    assert report.errors == [], report.errors[:3]
    return seconds, cpu


async def raw_copy(url: str, dsn: str, text: str) -> tuple[float, float]:
    database = Database(url)
    await database.start()  # the same schema, migrated
    await database.stop()
    chunks = read_customers(text, None, new_customer_id)
    customers = [row.customer for chunk in chunks for row in chunk.rows]
    connection = await asyncpg.connect(dsn)
    began, cpu = time.perf_counter(), time.process_time()
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
    await connection.close()
    return seconds, cpu


async def measure(args: argparse.Namespace) -> None:
    text = csv_file(args.rows)
    async with fresh_database(args.postgres) as (url, _):
        service = await through_the_service(url, text)
    async with fresh_database(args.postgres) as (url, dsn):
        raw = await raw_copy(url, dsn, text)
    print(f"{args.rows:,} rows, {len(text) / 1e6:.1f} MB of CSV")
    print("| path | seconds | rows/s | rows per CPU-second of this process |")
    print("|---|---:|---:|---:|")
    for name, (seconds, cpu) in [
        ("service import (read, check, COPY)", service),
        ("raw asyncpg COPY of parsed rows (ceiling)", raw),
    ]:
        print(f"| {name} | {seconds:.2f} | {args.rows / seconds:,.0f} | {args.rows / cpu:,.0f} |")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="admin DSN of the server")
    parser.add_argument("--quick", action="store_true", help="2,000 rows")
    args = parser.parse_args(argv)
    if args.quick:
        args.rows = 2_000
    return args


def main() -> None:
    asyncio.run(measure(parse_args()))


if __name__ == "__main__":
    main()
