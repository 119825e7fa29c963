"""Who is calling, from the customers a number matched: the CustomerIdentified payload, which is
both the event on the call and the answer of the gRPC lookups (the screen pop)."""

from __future__ import annotations

from collections.abc import Sequence

from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_AMBIGUOUS,
    IDENTIFICATION_RESULT_IDENTIFIED,
    IDENTIFICATION_RESULT_UNKNOWN,
    CustomerIdentified,
)
from callcenter.v1.customer_pb2 import CustomerSummary
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.interactions import Interaction

BY_CALLER_NUMBER = "caller_number"
BY_ACCOUNT_NUMBER = "account_number"
# What the IVR's conditions and the router read from `attributes`.
ATTRIBUTE_FIELDS = ("language", "vip_tier", "segment")
# More candidates than this help no agent: the pop lists the first ones (in id order).
MAX_CANDIDATES = 10


def summary(customer: Customer) -> CustomerSummary:
    return CustomerSummary(
        customer_id=customer.customer_id,
        name=customer.name,
        language=customer.language,
        segment=customer.segment,
        vip_tier=customer.vip_tier,
        notes=customer.notes,
        phone_numbers=customer.phone_numbers,
        account_numbers=customer.account_numbers,
    )


def shared_attributes(customers: Sequence[Customer]) -> dict[str, str]:
    """The attributes every customer has alike (and not empty): what is known of the caller
    even when the number is shared, such as a household's language."""
    attributes = {}
    for name in ATTRIBUTE_FIELDS:
        values = {getattr(customer, name) for customer in customers}
        if len(values) == 1 and (value := values.pop()):
            attributes[name] = value
    return attributes


def identification(
    matches: Sequence[Customer],
    looked_up_by: str,
    looked_up_value: str,
    recent: Sequence[Interaction] = (),
) -> CustomerIdentified:
    """IDENTIFIED for one match (with its recent interactions, newest first), AMBIGUOUS for
    several (with the candidates), UNKNOWN for none."""
    identified = CustomerIdentified(looked_up_by=looked_up_by, looked_up_value=looked_up_value)
    if not matches:
        identified.result = IDENTIFICATION_RESULT_UNKNOWN
        return identified
    identified.attributes.update(shared_attributes(matches))
    if len(matches) == 1:
        [customer] = matches
        identified.result = IDENTIFICATION_RESULT_IDENTIFIED
        identified.customer_id = customer.customer_id
        identified.attributes["customer_id"] = customer.customer_id
        identified.customer.CopyFrom(summary(customer))
        identified.recent_interactions.extend(i.summary() for i in recent)
        return identified
    candidates = matches[:MAX_CANDIDATES]
    identified.result = IDENTIFICATION_RESULT_AMBIGUOUS
    identified.candidate_customer_ids.extend(c.customer_id for c in candidates)
    identified.candidates.extend(summary(c) for c in candidates)
    return identified
