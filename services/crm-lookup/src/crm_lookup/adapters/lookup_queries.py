"""The lookups of a caller, each one round trip: the customers a number or an account number
names, their numbers, and each one's latest interactions (a JSON array per customer, built by
the database). Built once per dialect: a lookup only binds its parameters, and the driver
reuses its prepared statement."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Select, bindparam, func, literal_column, select

from crm_lookup.adapters.customer_queries import customer, summaries, with_account, with_phone
from crm_lookup.adapters.tables import customers, interactions
from crm_lookup.domain.identification import MAX_CANDIDATES
from crm_lookup.domain.interactions import Interaction
from crm_lookup.service.ports import Match

RECENT_FIELDS = (
    "call_id",
    "started_at",
    "queue_id",
    "agent_id",
    "outcome",
    "disposition",
    "wait_s",
    "talk_s",
    "hold_s",
    "wrap_up_s",
)
# (aggregate, array) of JSON functions: the only SQL that differs between the two databases.
JSON_FUNCTIONS = {
    "postgresql": (func.json_agg, func.json_build_array),
    "sqlite": (func.json_group_array, func.json_array),
}


def _limit(count: int) -> Any:
    """A LIMIT written into the SQL once, instead of a parameter SQLAlchemy renders into the
    statement again on every execution."""
    return literal_column(str(int(count)))


def _recent(dialect: str, count: int) -> Any:
    aggregate, array = JSON_FUNCTIONS[dialect]
    latest = (
        select(*(interactions.c[name] for name in RECENT_FIELDS))
        .where(interactions.c.tenant_id == customers.c.tenant_id)
        .where(interactions.c.customer_id == customers.c.customer_id)
        .where(interactions.c.call_id != bindparam("excluding_call"))
        .order_by(interactions.c.started_at.desc())
        .limit(_limit(count))
        .correlate(customers)
        .subquery()
    )
    recent = aggregate(array(*latest.c), type_=JSON)  # decoded by SQLAlchemy on both databases
    return select(recent).scalar_subquery().label("recent")


@dataclass(frozen=True)
class LookupQueries:
    by_phone: Select[Any]  # parameters: tenant_id, number, excluding_call
    by_account: Select[Any]  # parameters: tenant_id, account_number, excluding_call

    @classmethod
    @functools.cache
    def build(cls, dialect: str, recent: int) -> LookupQueries:
        """With each customer's `recent` latest interactions."""
        with_recent = summaries().add_columns(_recent(dialect, recent))
        with_recent = with_recent.order_by(customers.c.customer_id)
        return cls(
            by_phone=with_recent.where(
                customers.c.customer_id.in_(with_phone(bindparam("number")))
            ).limit(_limit(MAX_CANDIDATES)),
            by_account=with_recent.where(
                customers.c.customer_id.in_(with_account(bindparam("account_number")))
            ),
        )


def match(tenant_id: str, row: Mapping[str, Any]) -> Match:
    recent = [
        Interaction(tenant_id, **dict(zip(RECENT_FIELDS, fields, strict=True)))
        for fields in row["recent"] or ()  # NULL on PostgreSQL for none
    ]
    recent.sort(key=lambda interaction: interaction.started_at, reverse=True)
    return Match(customer(row), recent)
