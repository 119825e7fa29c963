"""What the service needs from the customer store, and how the store says "not now"."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from callcenter.v1.envelope_pb2 import Event
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.imports import ImportRow, RowError
from crm_lookup.domain.interactions import Interaction


class StoreUnavailable(Exception):
    """The database did not answer (down, unreachable, locked): nothing was changed; retry."""


@dataclass(frozen=True)
class Match:
    """A customer a lookup found, with their latest interactions, newest first."""

    customer: Customer
    recent: list[Interaction]


@dataclass(frozen=True)
class CustomerQuery:
    """Filters of a search, all optional; a page is the `limit` customers after `after`, in
    id order (creation order)."""

    name: str | None = None  # substring, case-insensitive
    phone_number: str | None = None  # E.164
    account_number: str | None = None
    vip_tier: str | None = None
    after: str | None = None
    limit: int = 50


class ImportSession(Protocol):
    async def load(self, rows: Sequence[ImportRow], check_only: bool) -> list[RowError]:
        """Insert the rows but those with an account number another customer has: those are
        returned. `check_only`: find them, insert nothing."""

    def discard(self) -> None:
        """Roll the whole import back at the end instead of committing it."""


class CustomerStore(Protocol):
    async def create(self, tenant_id: str, customer: Customer) -> None:
        """Raise AccountTaken when an account number names another customer."""

    async def get(self, tenant_id: str, customer_id: str) -> Customer | None: ...

    async def replace(self, tenant_id: str, customer: Customer) -> None:
        """Raise NotFound, or AccountTaken."""

    async def delete(self, tenant_id: str, customer_id: str) -> bool:
        """False when there was no such customer; their interactions go with them."""

    async def search(self, tenant_id: str, query: CustomerQuery) -> list[Customer]: ...

    async def by_phone(
        self, tenant_id: str, number: str, recent: int, excluding_call: str = ""
    ) -> list[Match]:
        """The customers with this number (E.164), in id order, at most a pop's worth, each
        with its `recent` latest interactions but the call `excluding_call`."""

    async def by_account(
        self, tenant_id: str, account_number: str, recent: int, excluding_call: str = ""
    ) -> list[Match]: ...

    def importing(self, tenant_id: str) -> AbstractAsyncContextManager[ImportSession]:
        """An import: one transaction, committed when the block ends unless discarded."""


class InteractionStore(Protocol):
    async def record(self, event: Event) -> None:
        """Apply a call event to the call's interaction (domain.call_history.applied)."""

    async def recent(
        self, tenant_id: str, customer_id: str, limit: int, excluding_call: str = ""
    ) -> list[Interaction]:
        """Newest first."""
