"""Peak memory of a CSV import through the REST API, the body generated as it is sent (the
client never holds the file), into PostgreSQL.

    python services/crm-lookup/benchmarks/bench_import_memory.py [--rows N] [--postgres DSN]
        [--quick]

Prints how much the process's peak resident memory (ru_maxrss) grew during the import, after a
small import has warmed everything up. A fresh database is created at --postgres and dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import time
from collections.abc import AsyncIterator

import httpx
from bench_support import fresh_database, rows_arguments

from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.domain.csv_import import COLUMNS
from crm_lookup.entrypoints.http_api import build_http_app
from crm_lookup.service.admin import CustomerAdmin

IMPORT = "/v1/tenants/acme/customers/import"


async def csv_body(rows: int) -> AsyncIterator[bytes]:
    yield (",".join(COLUMNS) + "\n").encode()
    for start in range(0, rows, 1000):
        lines = (
            f"Customer {n},+336{n:08d},A{n:09d},fr,retail,,\n"
            for n in range(start, min(rows, start + 1000))
        )
        yield "".join(lines).encode()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def measure(args: argparse.Namespace) -> None:
    async with fresh_database(args.postgres) as (url, _):
        database = Database(url)
        await database.start()
        app = build_http_app(CustomerAdmin(SqlCustomers(database)), lambda: True)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://crm") as http:
            await http.post(IMPORT, content=b"name\nWarm-up\n")
            before, began = peak_mb(), time.perf_counter()
            answer = await http.post(IMPORT, content=csv_body(args.rows), timeout=None)
            seconds = time.perf_counter() - began
        await database.stop()
    assert answer.json()["imported"] == args.rows, answer.text[:300]
    print(
        f"{args.rows:,} rows imported in {seconds:.1f} s: peak memory {before:.0f} MB before, "
        f"{peak_mb():.0f} MB after (+{peak_mb() - before:.0f} MB)"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return rows_arguments(__doc__, 500_000, argv)


def main() -> None:
    asyncio.run(measure(parse_args()))


if __name__ == "__main__":
    main()
