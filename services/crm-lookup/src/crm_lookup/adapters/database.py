"""Connecting to the customer store and bringing its schema to the latest migration.

PostgreSQL (asyncpg) for deployments; SQLite (aiosqlite) as the embedded default. The
migrations run at every start, in one transaction: on PostgreSQL under an advisory lock, so
that replicas starting together migrate once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from crm_lookup.adapters.pg_lookups import PgLookups
from crm_lookup.service.ports import StoreUnavailable

MIGRATIONS = Path(__file__).parent / "migrations"
DRIVERS = {"postgresql+asyncpg", "sqlite+aiosqlite"}
_MIGRATION_LOCK = 0x63726D  # any constant shared by every replica
# What a database that is down, unreachable or busy raises (SQLite: "database is locked").
UNAVAILABLE = (OperationalError, InterfaceError, OSError)


@asynccontextmanager
async def transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """One transaction, committed on success; the database's unavailability, whatever the
    driver, as StoreUnavailable."""
    try:
        async with engine.begin() as connection:
            yield connection
    except UNAVAILABLE as exc:
        raise StoreUnavailable(f"customer store unavailable: {type(exc).__name__}") from exc


def reader(engine: AsyncEngine) -> AsyncEngine:
    """The engine for reads, sharing its pool: autocommit, so no BEGIN and COMMIT round trips
    around a lookup."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


@asynccontextmanager
async def reading(reader: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection of `reader`; the database's unavailability as StoreUnavailable."""
    try:
        async with reader.connect() as connection:
            yield connection
    except UNAVAILABLE as exc:
        raise StoreUnavailable(f"customer store unavailable: {type(exc).__name__}") from exc


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers (lookups) are not blocked by the writer (history, imports).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: str, pool_size: int = 10) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        return engine
    # No pre-ping: it would cost a round trip per lookup; a broken connection fails its
    # query, is discarded, and the caller's retry gets a fresh one.
    return create_async_engine(parsed, pool_size=pool_size, max_overflow=pool_size)


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def migrate(engine: AsyncEngine) -> None:
    """`alembic upgrade head`, programmatically."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)


class Database:
    """The store as a component of the service: migrated at start, its pools closed at stop.
    On PostgreSQL, lookups have a pool of their own (adapters/pg_lookups.py)."""

    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.engine = create_engine(url, pool_size)
        postgres = self.engine.dialect.name == "postgresql"
        self.lookups = PgLookups(url, pool_size) if postgres else None

    async def start(self) -> None:
        await migrate(self.engine)
        if self.lookups is not None:
            await self.lookups.start()

    async def stop(self) -> None:
        if self.lookups is not None:
            await self.lookups.stop()
        await self.engine.dispose()
