"""The queries of the customer store: a customer read in one query, its row with its phone
and account numbers aggregated by subqueries, building no ORM object; and the sets of
customers a number names. The tenant is always the parameter `tenant_id`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, bindparam, func, literal_column, select

from crm_lookup.adapters.tables import customer_accounts, customer_phones, customers
from crm_lookup.domain.customers import Customer

SEPARATOR = ","  # in no E.164 number nor account number
# Written into the SQL: SQLAlchemy would render a bound separator into the statement again on
# every execution.
_SEPARATOR_SQL = literal_column(f"'{SEPARATOR}'")


def _numbers(table: Any, column: Any) -> Any:
    return (
        select(func.aggregate_strings(column, _SEPARATOR_SQL))
        .where(table.c.tenant_id == customers.c.tenant_id)
        .where(table.c.customer_id == customers.c.customer_id)
        .scalar_subquery()
    )


def summaries() -> Select[Any]:
    """Customers with their numbers; the tenant is the parameter `tenant_id`."""
    return select(
        customers.c.customer_id,
        customers.c.name,
        customers.c.language,
        customers.c.segment,
        customers.c.vip_tier,
        customers.c.notes,
        _numbers(customer_phones, customer_phones.c.number).label("phone_numbers"),
        _numbers(customer_accounts, customer_accounts.c.account_number).label("account_numbers"),
    ).where(customers.c.tenant_id == bindparam("tenant_id"))


def customer(row: Mapping[str, Any]) -> Customer:
    """From a row of `summaries()` (SQLAlchemy's row._mapping, or an asyncpg record)."""
    phones, accounts = row["phone_numbers"], row["account_numbers"]
    return Customer(
        customer_id=row["customer_id"],
        name=row["name"],
        phone_numbers=tuple(sorted(phones.split(SEPARATOR))) if phones else (),
        account_numbers=tuple(sorted(accounts.split(SEPARATOR))) if accounts else (),
        language=row["language"],
        segment=row["segment"],
        vip_tier=row["vip_tier"],
        notes=row["notes"],
    )


def customer_row(tenant_id: str, customer: Customer) -> dict[str, str]:
    return {
        "tenant_id": tenant_id,
        "customer_id": customer.customer_id,
        "name": customer.name,
        "name_folded": customer.name.casefold(),
        "language": customer.language,
        "segment": customer.segment,
        "vip_tier": customer.vip_tier,
        "notes": customer.notes,
    }


def of_customer(statement: Any, table: Any, tenant_id: str, customer_id: str) -> Any:
    return statement.where(table.c.tenant_id == tenant_id).where(table.c.customer_id == customer_id)


def with_phone(number: Any) -> Select[Any]:
    return (
        select(customer_phones.c.customer_id)
        .where(customer_phones.c.tenant_id == bindparam("tenant_id"))
        .where(customer_phones.c.number == number)
    )


def with_account(account_number: Any) -> Select[Any]:
    return (
        select(customer_accounts.c.customer_id)
        .where(customer_accounts.c.tenant_id == bindparam("tenant_id"))
        .where(customer_accounts.c.account_number == account_number)
    )


BY_ID = summaries().where(customers.c.customer_id == bindparam("customer_id"))
