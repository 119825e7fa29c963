"""Looking a caller up: by the number they call from or the account number they typed, the
answer being the screen pop (CustomerIdentified) with the customer's recent interactions."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from callcenter.v1.call_events_pb2 import CustomerIdentified, IdentificationResult
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.errors import Invalid, NotFound
from crm_lookup.domain.identification import BY_ACCOUNT_NUMBER, BY_CALLER_NUMBER, identification
from crm_lookup.domain.interactions import Interaction
from crm_lookup.domain.phones import normalise_phone
from crm_lookup.service.instruments import LOOKUP_SECONDS
from crm_lookup.service.ports import CustomerStore, InteractionStore, Match

RECENT_INTERACTIONS = 5


def result_name(identified: CustomerIdentified) -> str:
    """'identified', 'ambiguous' or 'unknown': for metrics and logs."""
    name = IdentificationResult.Name(identified.result)
    return name.removeprefix("IDENTIFICATION_RESULT_").lower()


class CustomerLookup:
    def __init__(
        self,
        customers: CustomerStore,
        interactions: InteractionStore,
        *,
        default_region: str | None = None,
        recent_count: int = RECENT_INTERACTIONS,
    ) -> None:
        self._customers = customers
        self._interactions = interactions
        self._default_region = default_region
        self._recent_count = recent_count

    async def by_phone(
        self, tenant_id: str, phone_number: str, current_call: str = ""
    ) -> CustomerIdentified:
        """Invalid when the number is not one; `current_call` stays out of the history."""
        try:
            number = normalise_phone(phone_number, self._default_region)
        except ValueError as exc:
            raise Invalid("phone_number", f"{phone_number!r}: {exc}") from None
        find = self._customers.by_phone
        return await self._look_up(tenant_id, BY_CALLER_NUMBER, number, current_call, find)

    async def by_account(
        self, tenant_id: str, account_number: str, current_call: str = ""
    ) -> CustomerIdentified:
        if not (account_number := account_number.strip()):
            raise Invalid("account_number", "empty")
        find = self._customers.by_account
        return await self._look_up(tenant_id, BY_ACCOUNT_NUMBER, account_number, current_call, find)

    async def customer(
        self, tenant_id: str, customer_id: str
    ) -> tuple[Customer, list[Interaction]]:
        """The customer and their recent interactions, newest first; NotFound."""
        found = await self._customers.get(tenant_id, customer_id)
        if found is None:
            raise NotFound(tenant_id, customer_id)
        recent = await self._interactions.recent(tenant_id, customer_id, self._recent_count)
        return found, recent

    async def _look_up(
        self,
        tenant_id: str,
        looked_up_by: str,
        value: str,
        current_call: str,
        find: Callable[[str, str, int, str], Awaitable[list[Match]]],
    ) -> CustomerIdentified:
        started = time.perf_counter()
        matches = await find(tenant_id, value, self._recent_count, current_call)
        LOOKUP_SECONDS.labels(looked_up_by).observe(time.perf_counter() - started)
        recent = matches[0].recent if len(matches) == 1 else []
        return identification([m.customer for m in matches], looked_up_by, value, recent)
