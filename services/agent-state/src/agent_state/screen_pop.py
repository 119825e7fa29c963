"""The screen pop: who is calling, from crm-lookup's CustomerIdentified events.

A call can be looked up twice (by caller number at arrival, by account number once the
IVR collects one). The later result is shown unless it knows less: an account number
that matches nobody does not hide the customer the caller's number found."""

from __future__ import annotations

from callcenter.v1.agent_desktop_pb2 import SubscribeOffersResponse
from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_AMBIGUOUS,
    IDENTIFICATION_RESULT_IDENTIFIED,
    CustomerIdentified,
)

_KNOWS = {IDENTIFICATION_RESULT_IDENTIFIED: 2, IDENTIFICATION_RESULT_AMBIGUOUS: 1}


def preferred(shown: CustomerIdentified | None, found: CustomerIdentified) -> CustomerIdentified:
    if shown is None or _KNOWS.get(found.result, 0) >= _KNOWS.get(shown.result, 0):
        return found
    return shown


def pop_update(offer_id: str, call_id: str, pop: CustomerIdentified) -> SubscribeOffersResponse:
    """What a desktop gets when the pop is known after the offer reached it."""
    return SubscribeOffersResponse(
        offer_id=offer_id, call_id=call_id, screen_pop=pop, updates_offer=True
    )
