"""The REST admin API on a real store (SQLite and PostgreSQL): status codes, refusals naming
the field and changing nothing, pages, the import report, and tenants kept apart."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from crm_lookup.adapters.customers_sql import SqlCustomers
from crm_lookup.adapters.database import Database
from crm_lookup.entrypoints.http_api import build_http_app
from crm_lookup.service.admin import CustomerAdmin

pytestmark = pytest.mark.integration
JEANNE = {
    "name": "Jeanne Martin",
    "phone_numbers": ["06 12 34 56 78"],
    "account_numbers": ["4242001"],
    "language": "fr",
    "vip_tier": "gold",
}
ACME = "/v1/tenants/acme/customers"
GLOBEX = "/v1/tenants/globex/customers"
CSV_HEADER = "name,phone_numbers,account_numbers,vip_tier\n"


@pytest.fixture
async def http(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    admin = CustomerAdmin(SqlCustomers(database), default_region="FR")
    app = build_http_app(admin, lambda: True)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://crm") as client:
        yield client


async def test_create_read_update_delete(http: httpx.AsyncClient) -> None:
    created = await http.post(ACME, json=JEANNE)
    assert created.status_code == 201
    customer = created.json()
    url = f"{ACME}/{customer['customer_id']}"
    assert customer["phone_numbers"] == ["+33612345678"]
    assert (await http.get(url)).json() == customer
    patched = await http.patch(url, json={"vip_tier": "platinum", "phone_numbers": []})
    assert patched.status_code == 200
    assert patched.json() == {**customer, "vip_tier": "platinum", "phone_numbers": []}
    assert (await http.get(url)).json() == patched.json()
    assert (await http.delete(url)).status_code == 204
    assert (await http.get(url)).status_code == 404
    assert (await http.delete(url)).status_code == 404


async def test_refusals_name_the_field_and_change_nothing(http: httpx.AsyncClient) -> None:
    first = (await http.post(ACME, json=JEANNE)).json()
    bad_number = await http.post(ACME, json={**JEANNE, "phone_numbers": ["+33 6", "x"]})
    assert bad_number.status_code == 422
    assert bad_number.json()["detail"][0]["loc"] == ["body", "phone_numbers", 0]
    unknown_field = await http.post(ACME, json={**JEANNE, "email": "j@example.com"})
    assert unknown_field.status_code == 422
    assert unknown_field.json()["detail"][0]["loc"] == ["body", "email"]
    taken = await http.post(ACME, json={**JEANNE, "account_numbers": ["4242001"]})
    assert taken.status_code == 409
    assert taken.json()["detail"] == (
        f"account_numbers: '4242001' already belongs to customer '{first['customer_id']}'"
    )
    other = (await http.post(ACME, json={"name": "Paul"})).json()
    steal = await http.patch(
        f"{ACME}/{other['customer_id']}", json={"account_numbers": ["4242001"]}
    )
    assert steal.status_code == 409
    assert (await http.get(f"{ACME}/{other['customer_id']}")).json() == other
    assert (await http.get(ACME)).json()["customers"] == [first, other]
    bad_tenant = await http.post("/v1/tenants/Not A Tenant/customers", json=JEANNE)
    assert bad_tenant.status_code == 422


async def test_search_in_pages(http: httpx.AsyncClient) -> None:
    for n in range(5):
        await http.post(ACME, json={"name": f"Customer {n}", "vip_tier": "gold" if n % 2 else ""})
    names, cursor = [], None
    while True:
        page = (
            await http.get(ACME, params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        ).json()
        names.append([c["name"] for c in page["customers"]])
        if not (cursor := page["next_cursor"]):
            break
    assert names == [["Customer 0", "Customer 1"], ["Customer 2", "Customer 3"], ["Customer 4"]]
    gold = (await http.get(ACME, params={"vip_tier": "gold"})).json()["customers"]
    assert [c["name"] for c in gold] == ["Customer 1", "Customer 3"]
    assert (await http.get(ACME, params={"cursor": "!!"})).json()["detail"][0]["loc"] == [
        "query",
        "cursor",
    ]
    assert (await http.get(ACME, params={"phone_number": "x"})).status_code == 422
    assert (await http.get(ACME, params={"limit": 0})).status_code == 422


async def test_a_csv_import_is_all_or_nothing_unless_told_to_skip(http: httpx.AsyncClient) -> None:
    await http.post(ACME, json=JEANNE)
    csv = (
        CSV_HEADER
        + "Ada,+44 20 7946 0000,B1,gold\n"
        + "Thief,,4242001,\n"  # Jeanne's account
        + ",06 12 34 56 79,,\n"  # no name
    )
    refused = await http.post(f"{ACME}/import", content=csv, headers={"content-type": "text/csv"})
    assert refused.status_code == 422
    report = refused.json()
    assert (report["rows"], report["imported"], report["rejected"]) == (3, 0, 2)
    assert [(e["row"], e["field"]) for e in report["errors"]] == [
        (3, "account_numbers"),
        (4, "name"),
    ]
    assert len((await http.get(ACME)).json()["customers"]) == 1  # nothing imported
    skipped = await http.post(f"{ACME}/import", params={"on_error": "skip"}, content=csv)
    assert skipped.status_code == 200
    assert (skipped.json()["imported"], skipped.json()["rejected"]) == (1, 2)
    [ada] = (await http.get(ACME, params={"account_number": "B1"})).json()["customers"]
    assert (ada["name"], ada["phone_numbers"], ada["vip_tier"]) == (
        "Ada",
        ["+442079460000"],
        "gold",
    )
    not_utf8 = await http.post(f"{ACME}/import", content=CSV_HEADER.encode() + b"\xff\xfe")
    assert not_utf8.status_code == 422
    assert not_utf8.json()["detail"][0]["msg"].startswith("the body is not UTF-8 text: byte 0xff")


async def test_tenants_never_see_each_others_customers(http: httpx.AsyncClient) -> None:
    jeanne = (await http.post(ACME, json=JEANNE)).json()
    other = f"{GLOBEX}/{jeanne['customer_id']}"
    assert (await http.get(other)).status_code == 404
    assert (await http.patch(other, json={"name": "Mine"})).status_code == 404
    assert (await http.delete(other)).status_code == 404
    assert (await http.get(GLOBEX)).json() == {"customers": [], "next_cursor": None}
    assert (await http.get(GLOBEX, params={"phone_number": "+33612345678"})).json()[
        "customers"
    ] == []
    imported = await http.post(
        f"{GLOBEX}/import", content=CSV_HEADER + "Twin,+33612345678,4242001,\n"
    )
    assert imported.json()["imported"] == 1  # the account number is free in globex
    [twin] = (await http.get(GLOBEX)).json()["customers"]
    assert twin["name"] == "Twin"
    assert (await http.get(f"{ACME}/{jeanne['customer_id']}")).json() == jeanne
