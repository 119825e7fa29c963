"""Lookup by phone number with a million customers on PostgreSQL: latency through gRPC, against
the same lookup as raw asyncpg queries.

    python services/crm-lookup/benchmarks/bench_lookup.py [--customers N] [--lookups L]
        [--concurrency C] [--postgres DSN] [--quick]

A fresh database is created on the server at --postgres (dropped at the end) and loaded with
N customers through the service's COPY import path, 1.2 numbers each (2 % of the numbers
shared by two customers: ambiguous), and 3 past calls each for one customer in five. The
service's gRPC server (CustomerLookupServicer on the PostgreSQL store) runs in its own process;
this process asks LookUpByPhone for random known numbers: first one at a time, then C in
flight. The comparison, in the same run: the service's one query (the customers with their
numbers and latest interactions) sent by raw asyncpg, one at a time and C in flight. The last
column is the CPU time per lookup of the process doing the work (the gRPC server; this process
for raw asyncpg), which a busy machine does not inflate as it does latencies.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import time
from collections.abc import Awaitable, Callable
from multiprocessing.synchronize import Event as ProcessEvent

import asyncpg
import grpc
from bench_support import DEFAULT_POSTGRES, cpu_seconds, fresh_database, latency_line

from callcenter.v1 import crm_pb2, crm_pb2_grpc
from chassis.broker import free_port
from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.imports import ImportRow
from crm_lookup.service.ids import new_customer_id

TENANT = "acme"
LOAD_BATCH = 100_000
# The service's lookup (adapters/lookup_queries.py), written out for asyncpg alone.
RAW_LOOKUP = """
SELECT c.customer_id, c.name, c.language, c.segment, c.vip_tier, c.notes,
  (SELECT string_agg(p.number, ',') FROM customer_phones p
    WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.customer_id) AS phone_numbers,
  (SELECT string_agg(a.account_number, ',') FROM customer_accounts a
    WHERE a.tenant_id = c.tenant_id AND a.customer_id = c.customer_id) AS account_numbers,
  (SELECT json_agg(json_build_array(r.call_id, r.started_at, r.queue_id, r.agent_id,
      r.outcome, r.disposition, r.wait_s, r.talk_s, r.hold_s, r.wrap_up_s))
    FROM (SELECT * FROM interactions i
      WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.customer_id AND i.call_id <> ''
      ORDER BY i.started_at DESC LIMIT 5) r) AS recent
FROM customers c
WHERE c.tenant_id = $1 AND c.customer_id IN
  (SELECT customer_id FROM customer_phones WHERE tenant_id = $1 AND number = $2)
ORDER BY c.customer_id LIMIT 10
"""


# outcome, disposition, queued, connected, ended at; wait, talk, hold; held since, ...; wrap-up
ANSWERED = ("answered", "resolved", None, None, None, 30.0, 180.0, 0.0, None, 0.0, 20.0)


def number(n: int) -> str:
    return f"+336{n:08d}"


def customers(start: int, count: int, total: int) -> list[ImportRow]:
    """Customer n has number n; one in five has a second number, and one in 50 shares its
    number with the customer after it (a household: the AMBIGUOUS case)."""
    rows = []
    for n in range(start, start + count):
        phones = [number(n)]
        if n % 5 == 0:
            phones.append(number(total + n))
        if n % 50 == 1:
            phones.append(number(n - 1))
        customer = Customer(
            new_customer_id(), f"Customer {n}", tuple(phones), (f"A{n:09d}",), "fr", "retail"
        )
        rows.append(ImportRow.of(n, customer))
    return rows


async def load(url: str, total: int) -> list[str]:
    """N customers through the import path; the ids of those with a history."""
    database = Database(url)
    await database.start()
    store, with_history = SqlCustomers(database), []
    async with store.importing(TENANT) as session:
        for start in range(0, total, LOAD_BATCH):
            rows = customers(start, min(LOAD_BATCH, total - start), total)
            await session.load(rows, check_only=False)
            with_history += [r.customer_id for r in rows if r.row % 5 == 2]
    await database.stop()
    return with_history


async def add_history(dsn: str, customer_ids: list[str]) -> None:
    records = [
        (TENANT, f"call-{c}-{k}", c, "caller_number", 1.7e9 + k * 86400, "billing", "a1", *ANSWERED)
        for c in customer_ids
        for k in range(3)
    ]
    connection = await asyncpg.connect(dsn)
    await connection.copy_records_to_table(
        "interactions",
        records=records,
        columns=[
            "tenant_id", "call_id", "customer_id", "identified_by", "started_at", "queue_id",
            "agent_id", "outcome", "disposition", "queued_at", "connected_at", "ended_at",
            "wait_s", "talk_s", "hold_s", "held_since", "hold_changed_at", "wrap_up_s",
        ],
    )  # fmt: skip
    await connection.execute("ANALYZE")
    await connection.close()


def serve(url: str, port: int, ready: ProcessEvent) -> None:
    """The service's gRPC server on the PostgreSQL store, in a process of its own."""
    from chassis.grpc_server import GrpcServer
    from crm_lookup.adapters.interactions_sql import SqlInteractions
    from crm_lookup.entrypoints.grpc_api import CustomerLookupServicer
    from crm_lookup.main import LOOKUP_SERVICE
    from crm_lookup.service.lookup import CustomerLookup

    async def run() -> None:
        database = Database(url)
        await database.start()
        store = SqlCustomers(database)
        servicer = CustomerLookupServicer(CustomerLookup(store, SqlInteractions(database.engine)))
        server = GrpcServer(
            port,
            [lambda s: crm_pb2_grpc.add_CustomerLookupServiceServicer_to_server(servicer, s)],
            [LOOKUP_SERVICE],
        )
        await server.start()
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(run())


async def timed(
    lookups: int,
    concurrency: int,
    one: Callable[[str], Awaitable[None]],
    numbers: list[str],
    worker_pid: int,
) -> tuple[float, list[float], float]:
    """Wall time, each lookup's latency, and the CPU time of the process doing the work."""
    latencies: list[float] = []
    cpu_before = cpu_seconds(worker_pid)

    async def worker(offset: int) -> None:
        for n in range(offset, lookups, concurrency):
            started = time.perf_counter()
            await one(numbers[n % len(numbers)])
            latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    await asyncio.gather(*(worker(w) for w in range(concurrency)))
    return time.perf_counter() - began, latencies, cpu_seconds(worker_pid) - cpu_before


async def through_grpc(
    port: int, server_pid: int, numbers: list[str], lookups: int, concurrency: int
) -> list[str]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = crm_pb2_grpc.CustomerLookupServiceStub(channel)

        async def one(phone_number: str) -> None:
            request = crm_pb2.LookUpByPhoneRequest(tenant_id=TENANT, phone_number=phone_number)
            await stub.LookUpByPhone(request)

        await timed(min(lookups, 2_000), concurrency, one, numbers, server_pid)  # warm-up
        return [
            latency_line(
                f"gRPC LookUpByPhone, {in_flight} in flight",
                *await timed(lookups, in_flight, one, numbers, server_pid),
            )
            for in_flight in (1, concurrency)
        ]


async def raw_asyncpg(dsn: str, numbers: list[str], lookups: int, concurrency: int) -> list[str]:
    pool = await asyncpg.create_pool(dsn, min_size=concurrency, max_size=concurrency)

    async def one(phone_number: str) -> None:
        await pool.fetch(RAW_LOOKUP, TENANT, phone_number)

    await timed(min(lookups, 2_000), concurrency, one, numbers, os.getpid())
    lines = [
        latency_line(
            f"raw asyncpg, {in_flight} in flight",
            *await timed(lookups, in_flight, one, numbers, os.getpid()),
        )
        for in_flight in (1, concurrency)
    ]
    await pool.close()
    return lines


async def measure(args: argparse.Namespace) -> None:
    async with fresh_database(args.postgres) as (url, dsn):
        began = time.perf_counter()
        with_history = await load(url, args.customers)
        await add_history(dsn, with_history)
        print(f"loaded {args.customers:,} customers in {time.perf_counter() - began:.1f} s")
        numbers = [
            number(n)
            for n in random.Random(1).sample(range(args.customers), k=min(args.customers, 100_000))
        ]
        port, ready = free_port(), multiprocessing.get_context("spawn").Event()
        server = multiprocessing.get_context("spawn").Process(target=serve, args=(url, port, ready))
        server.start()
        try:
            if not ready.wait(60):
                raise TimeoutError("the gRPC server did not start within 60 s")
            assert server.pid is not None
            lines = await through_grpc(port, server.pid, numbers, args.lookups, args.concurrency)
        finally:
            server.terminate()
            server.join()
        lines += await raw_asyncpg(dsn, numbers, args.lookups, args.concurrency)
    print(f"{args.lookups:,} lookups per row, random known numbers, {args.customers:,} customers")
    print("| path | lookups/s | p50 (ms) | p99 (ms) | max (ms) | CPU µs/lookup |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(lines))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="admin DSN of the server")
    parser.add_argument("--quick", action="store_true", help="1,000 customers, 200 lookups")
    args = parser.parse_args(argv)
    if args.quick:
        args.customers, args.lookups = 1_000, 200
    return args


def main() -> None:
    asyncio.run(measure(parse_args()))


if __name__ == "__main__":
    main()
