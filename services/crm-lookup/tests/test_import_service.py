"""A CSV import on a real store (SQLite and PostgreSQL), read in small pieces and loaded in
chunks of two rows, so that every rule is tested across chunks: under reject a refusal in a
later chunk leaves nothing, not even the chunks already loaded; under skip only the refused
rows are left out; a file that turns out unreadable half-way imports nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.domain.errors import Invalid
from crm_lookup.domain.imports import ImportPolicy, RowError
from crm_lookup.service.admin import CustomerAdmin, SearchFilters

pytestmark = pytest.mark.integration
HEADER = "name,phone_numbers,account_numbers\n"
GOOD = "".join(f"Customer {n},+3361234567{n},A{n}\n" for n in range(6))  # rows 2 to 7


@pytest.fixture
def admin(customers: SqlCustomers) -> CustomerAdmin:
    return CustomerAdmin(customers, import_chunk_rows=2)


async def body(data: str | bytes) -> AsyncIterator[bytes]:
    data = data.encode() if isinstance(data, str) else data
    for start in range(0, len(data), 5):
        yield data[start : start + 5]


async def names(admin: CustomerAdmin, tenant_id: str = "acme") -> list[str]:
    return [c.name for c in (await admin.search(tenant_id, SearchFilters(), limit=100)).customers]


async def test_a_refusal_in_the_last_chunk(admin: CustomerAdmin) -> None:
    text = HEADER + GOOD + ",+33612345679,A9\n"  # row 8: no name
    refused = await admin.import_csv("acme", body(text), ImportPolicy.REJECT)
    error = RowError(8, "name", "String should have at least 1 character")
    assert (refused.rows, refused.imported, refused.errors) == (7, 0, [error])
    assert await names(admin) == []
    skipped = await admin.import_csv("acme", body(text), ImportPolicy.SKIP)
    assert (skipped.imported, skipped.rejected, skipped.errors) == (6, 1, [error])
    assert await names(admin) == [f"Customer {n}" for n in range(6)]
    assert await names(admin, "globex") == []


async def test_an_account_number_taken_before_the_import(admin: CustomerAdmin) -> None:
    owner = await admin.create("acme", {"name": "Owner", "account_numbers": ["A4"]})
    message = f"'A4' already belongs to customer {owner.customer_id!r}"
    taken = RowError(6, "account_numbers", message)
    refused = await admin.import_csv("acme", body(HEADER + GOOD), ImportPolicy.REJECT)
    assert (refused.imported, refused.errors) == (0, [taken])
    assert await names(admin) == ["Owner"]
    skipped = await admin.import_csv("acme", body(HEADER + GOOD), ImportPolicy.SKIP)
    assert (skipped.imported, skipped.errors) == (5, [taken])
    assert await names(admin) == ["Owner", *(f"Customer {n}" for n in (0, 1, 2, 3, 5))]


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (b"Bad \xff,,\n", "the body is not UTF-8 text: byte 0xff, invalid start byte"),
        (b"Long," + b"1" * 200_000 + b",\n", "line 8: field larger than field limit"),
    ],
)
async def test_a_file_unreadable_after_loaded_chunks_imports_nothing(
    admin: CustomerAdmin, tail: bytes, message: str
) -> None:
    for policy in ImportPolicy:
        with pytest.raises(Invalid, match=message):
            await admin.import_csv("acme", body((HEADER + GOOD).encode() + tail), policy)
    assert await names(admin) == []
