"""Fixtures: the customer store on SQLite and on PostgreSQL (a database of its own per test,
on the server at CRM_TEST_POSTGRES, skipped with the reason when it cannot be reached), and
events as their producers write them."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from google.protobuf.message import Message
from sqlalchemy.ext.asyncio import AsyncEngine

from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.adapters.interactions_sql import SqlInteractions

T0 = 1_800_000_000.0  # a moment, epoch seconds
ADMIN_DSN = os.environ.get("CRM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


async def _admin() -> asyncpg.Connection:
    try:
        return await asyncpg.connect(ADMIN_DSN, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.skip(f"PostgreSQL not reachable at {ADMIN_DSN}: {exc!r}")


@pytest.fixture
async def postgres_admin() -> str:
    """The server's admin DSN, once it is known to answer (else the test is skipped)."""
    await (await _admin()).close()
    return ADMIN_DSN


@pytest.fixture
async def postgresql_url() -> AsyncIterator[str]:
    """A fresh database, dropped afterwards."""
    name = f"crm_test_{uuid.uuid4().hex[:12]}"
    admin = await _admin()
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        base = ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/crm.sqlite3"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each store test runs on both databases."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    store = Database(database_url, pool_size=4)
    await store.start()
    yield store
    await store.stop()


@pytest.fixture
def engine(database: Database) -> AsyncEngine:
    return database.engine


@pytest.fixture
def customers(database: Database) -> SqlCustomers:
    return SqlCustomers(database)


@pytest.fixture
def interactions(engine: AsyncEngine) -> SqlInteractions:
    return SqlInteractions(engine)


class CallEvents:
    """Call events as their producers record them, at given times (epoch seconds)."""

    def __call__(
        self,
        payload: Message,
        call_id: str = "call-1",
        at: float = T0,
        tenant_id: str = "acme",
        sequence: int = 1,
        causation_id: str = "",
    ) -> Event:
        return new_event(
            payload,
            tenant_id=tenant_id,
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id=call_id,
            sequence=sequence,
            producer="test",
            correlation_id=call_id,
            occurred_at=datetime.fromtimestamp(at, UTC),
            causation_id=causation_id,
        )


@pytest.fixture
def call_event() -> CallEvents:
    return CallEvents()
