"""Administering a tenant's customers: records, search by pages, bulk import from CSV."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable
from dataclasses import dataclass, field

from crm_lookup.domain.csv_import import HEADER_ROW, read_customers
from crm_lookup.domain.customers import (
    Customer,
    CustomerDraft,
    CustomerPatch,
    new_customer,
    patched,
)
from crm_lookup.domain.errors import Invalid, NotFound
from crm_lookup.domain.imports import ImportPolicy, RowError
from crm_lookup.domain.pages import cursor_after, customer_after
from crm_lookup.domain.phones import normalise_phone
from crm_lookup.service.body_stream import BodyBytes, text_lines
from crm_lookup.service.collector import collector_paused
from crm_lookup.service.ids import new_customer_id, new_customer_ids
from crm_lookup.service.instruments import IMPORTED_ROWS
from crm_lookup.service.ports import CustomerQuery, CustomerStore


@dataclass(frozen=True)
class Page:
    customers: list[Customer]
    next_cursor: str | None  # None: the last page


@dataclass(frozen=True)
class SearchFilters:
    name: str | None = None
    phone_number: str | None = None
    account_number: str | None = None
    vip_tier: str | None = None


@dataclass(frozen=True)
class ImportReport:
    policy: ImportPolicy
    rows: int  # data rows in the file
    imported: int
    rejected: int  # data rows refused, each with its errors below (a bad header: row 1)
    errors: list[RowError] = field(default_factory=list)


class CustomerAdmin:
    def __init__(
        self,
        store: CustomerStore,
        default_region: str | None = None,
        import_chunk_rows: int = 10_000,  # rows checked, then loaded, at a time
    ) -> None:
        self._store = store
        self._default_region = default_region
        self._import_chunk_rows = import_chunk_rows

    async def create(self, tenant_id: str, draft: CustomerDraft) -> Customer:
        customer = new_customer(new_customer_id(), draft, self._default_region)
        await self._store.create(tenant_id, customer)
        return customer

    async def get(self, tenant_id: str, customer_id: str) -> Customer:
        found = await self._store.get(tenant_id, customer_id)
        if found is None:
            raise NotFound(tenant_id, customer_id)
        return found

    async def update(self, tenant_id: str, customer_id: str, patch: CustomerPatch) -> Customer:
        customer = patched(await self.get(tenant_id, customer_id), patch, self._default_region)
        await self._store.replace(tenant_id, customer)
        return customer

    async def delete(self, tenant_id: str, customer_id: str) -> None:
        if not await self._store.delete(tenant_id, customer_id):
            raise NotFound(tenant_id, customer_id)

    async def search(
        self, tenant_id: str, filters: SearchFilters, limit: int, cursor: str | None = None
    ) -> Page:
        number = None
        if filters.phone_number:
            try:
                number = normalise_phone(filters.phone_number, self._default_region)
            except ValueError as exc:
                raise Invalid("phone_number", str(exc)) from None
        query = CustomerQuery(
            name=filters.name,
            phone_number=number,
            account_number=filters.account_number,
            vip_tier=filters.vip_tier,
            after=customer_after(cursor) if cursor else None,
            limit=limit + 1,  # one more tells whether a next page exists
        )
        found = await self._store.search(tenant_id, query)
        page = found[:limit]
        more = len(found) > limit
        return Page(page, cursor_after(page[-1].customer_id) if more else None)

    async def import_csv(
        self, tenant_id: str, body: AsyncIterable[bytes], policy: ImportPolicy
    ) -> ImportReport:
        """Nothing is imported under REJECT when a row is refused, yet every refusal is
        reported; under SKIP the other rows are imported. `body`: the file's bytes, read as
        they come."""
        with collector_paused():
            rows, errors = await self._import(tenant_id, BodyBytes(body), policy)
        errors.sort(key=lambda error: error.row)
        rejected = len({error.row for error in errors if error.row != HEADER_ROW})
        imported = 0 if rejected and policy is ImportPolicy.REJECT else rows - rejected
        IMPORTED_ROWS.labels("imported").inc(imported)
        IMPORTED_ROWS.labels("rejected").inc(rejected)
        return ImportReport(policy, rows, imported, rejected, errors)

    async def _import(
        self, tenant_id: str, body: BodyBytes, policy: ImportPolicy
    ) -> tuple[int, list[RowError]]:
        """The rows read and the refusals. The file is read a chunk ahead, in a thread, while
        the store loads the chunk before (and lookups go on meanwhile)."""
        chunks = read_customers(
            text_lines(body), self._default_region, new_customer_ids, self._import_chunk_rows
        )
        rows, errors = 0, list[RowError]()
        async with self._store.importing(tenant_id) as session:
            reading = asyncio.create_task(asyncio.to_thread(next, chunks, None))
            try:
                while (chunk := await reading) is not None:
                    reading = asyncio.create_task(asyncio.to_thread(next, chunks, None))
                    rows += chunk.row_count
                    errors += chunk.errors
                    refusing = policy is ImportPolicy.REJECT and bool(errors)
                    errors += await session.load(chunk.rows, check_only=refusing)
            except UnicodeDecodeError as exc:  # decoded in blocks: which line is not known
                bad = f"byte {exc.object[exc.start]:#04x}, {exc.reason}"
                raise Invalid("", f"the body is not UTF-8 text: {bad}") from None
            finally:  # on a failure, stop the reading thread too
                reading.cancel()
                body.stop()
            if policy is ImportPolicy.REJECT and errors:
                session.discard()
        return rows, errors
