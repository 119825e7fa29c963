"""The screen pop: an offer carries who is calling when crm-lookup has said so, and when the
lookup ends after the offer went out, the desktop gets the pop as an update of that offer."""

from __future__ import annotations

import time

from google.protobuf.message import Message

from agent_state.roster import Roster
from agent_state.screen_pop import preferred
from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_IDENTIFIED,
    IDENTIFICATION_RESULT_UNKNOWN,
    CallOffered,
    CallReceived,
    CustomerIdentified,
)
from callcenter.v1.customer_pb2 import CustomerSummary
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from chassis.tenants import parse_tenants
from chassis.times import to_timestamp

TENANTS = parse_tenants({"tenants": {"acme": {"queues": {"support": {}}}}})
ADA = CustomerIdentified(
    result=IDENTIFICATION_RESULT_IDENTIFIED,
    customer_id="c-1",
    looked_up_by="caller_number",
    customer=CustomerSummary(customer_id="c-1", name="Ada Lovelace", vip_tier="gold"),
)
NOBODY = CustomerIdentified(result=IDENTIFICATION_RESULT_UNKNOWN, looked_up_by="account_number")


class Log:
    async def __call__(self, agent_events: list[Event], call_events: list[Event]) -> None:
        return None


def on_call(sequence: int, payload: Message) -> Event:
    return new_event(
        payload,
        tenant_id="acme",
        aggregate_type=AGGREGATE_TYPE_CALL,
        aggregate_id="call-1",
        sequence=sequence,
        producer="test",
        correlation_id="call-1",
    )


async def offered_to_ada(roster: Roster) -> None:
    """Ada is available and the router's offer of call-1 reaches her desktop."""
    await roster.execute("acme", "ada", lambda a: a.log_in({}, ["support"], True, time.time()))
    await roster.apply(on_call(1, CallReceived(caller_number="+33612345678")))
    expires = to_timestamp(time.time() + 30)
    offer = CallOffered(offer_id="o-1", agent_id="ada", queue_id="support", expires_at=expires)
    await roster.apply(on_call(3, offer))
    await roster.act(time.time())


async def test_a_customer_known_before_the_offer_comes_with_it() -> None:
    roster = Roster(TENANTS, Log())
    desktop = roster.streams.subscribe(("acme", "ada"))
    await roster.apply(on_call(2, ADA))

    await offered_to_ada(roster)

    offer = desktop.get_nowait()
    assert (offer.offer_id, offer.updates_offer) == ("o-1", False)
    assert offer.screen_pop.customer.name == "Ada Lovelace"


async def test_a_customer_known_after_the_offer_follows_as_an_update() -> None:
    roster = Roster(TENANTS, Log())
    desktop = roster.streams.subscribe(("acme", "ada"))
    await offered_to_ada(roster)
    assert not desktop.get_nowait().HasField("screen_pop")

    await roster.apply(on_call(4, ADA))

    update = desktop.get_nowait()
    assert (update.offer_id, update.call_id, update.updates_offer) == ("o-1", "call-1", True)
    assert update.screen_pop.customer.vip_tier == "gold"


async def test_a_lookup_that_knows_less_changes_nothing_on_the_desktop() -> None:
    roster = Roster(TENANTS, Log())
    desktop = roster.streams.subscribe(("acme", "ada"))
    await roster.apply(on_call(2, ADA))
    await offered_to_ada(roster)
    desktop.get_nowait()

    await roster.apply(on_call(4, NOBODY))  # the account number typed matched nobody

    assert desktop.empty()
    assert roster.calls.get("call-1").screen_pop == ADA


def test_the_later_lookup_wins_unless_it_knows_less() -> None:
    by_account = CustomerIdentified(
        result=IDENTIFICATION_RESULT_IDENTIFIED, customer_id="c-2", looked_up_by="account_number"
    )
    assert preferred(None, NOBODY) == NOBODY
    assert preferred(NOBODY, ADA) == ADA
    assert preferred(ADA, by_account) == by_account
    assert preferred(ADA, NOBODY) == ADA
