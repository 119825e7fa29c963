"""Lookups on PostgreSQL straight through asyncpg: the lookup queries, compiled once from
LookupQueries, run as prepared statements on a pool of plain asyncpg connections. SQLAlchemy's
execution layer (connection proxy, greenlet hops, result rows) costs more CPU per lookup than
asyncpg's whole round trip (docs/benchmarks.md); the SQL stays SQLAlchemy's."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

import asyncpg
from sqlalchemy import Select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import make_url

from crm_lookup.service.ports import StoreUnavailable

# What a server that is down or unreachable raises (a query error is a bug: not caught here).
UNAVAILABLE = (OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError, TimeoutError)


@functools.cache
def _compiled(statement: Select[Any]) -> tuple[str, tuple[str, ...]]:
    """The statement's SQL for asyncpg ($1, $2...) and its parameters' names in that order."""
    compiled = statement.compile(dialect=asyncpg_dialect())
    return compiled.string, tuple(compiled.positiontup or ())


async def _decode_json(connection: asyncpg.Connection) -> None:
    await connection.set_type_codec(
        "json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
    )


class PgLookups:
    def __init__(self, url: str, pool_size: int) -> None:
        self._dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
        self._pool_size = pool_size
        self._pool: asyncpg.Pool | None = None

    async def start(self) -> None:
        self._pool = await asyncpg.create_pool(
            self._dsn, min_size=1, max_size=self._pool_size, init=_decode_json
        )

    async def stop(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    async def fetch(
        self, statement: Select[Any], parameters: Mapping[str, str]
    ) -> list[Mapping[str, Any]]:
        assert self._pool is not None, "started with the store"
        sql, names = _compiled(statement)
        try:
            return await self._pool.fetch(sql, *(parameters[name] for name in names))
        except UNAVAILABLE as exc:
            raise StoreUnavailable(f"customer store unavailable: {type(exc).__name__}") from exc
