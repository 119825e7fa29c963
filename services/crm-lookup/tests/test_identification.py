"""Who a lookup found, as the screen pop shows it: identified, ambiguous or unknown."""

from __future__ import annotations

from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_AMBIGUOUS,
    IDENTIFICATION_RESULT_IDENTIFIED,
    IDENTIFICATION_RESULT_UNKNOWN,
)
from crm_lookup.domain.customers import Customer
from crm_lookup.domain.identification import MAX_CANDIDATES, identification
from crm_lookup.domain.interactions import Interaction

JEANNE = Customer("c1", "Jeanne", ("+33612345678",), ("A1",), "fr", "retail", "gold", "note")
PAUL = Customer("c2", "Paul", ("+33612345678",), (), "fr", "business", "")


def test_one_match_is_identified_with_its_attributes_and_history() -> None:
    recent = [Interaction("acme", "call-9", 100.0, queue_id="billing", outcome="answered")]
    pop = identification([JEANNE], "caller_number", "+33612345678", recent)
    assert pop.result == IDENTIFICATION_RESULT_IDENTIFIED
    assert pop.customer_id == "c1" and pop.customer.name == "Jeanne"
    assert list(pop.customer.phone_numbers) == ["+33612345678"]
    assert dict(pop.attributes) == {
        "customer_id": "c1",
        "language": "fr",
        "vip_tier": "gold",
        "segment": "retail",
    }
    assert [(i.call_id, i.queue_id) for i in pop.recent_interactions] == [("call-9", "billing")]
    assert (pop.looked_up_by, pop.looked_up_value) == ("caller_number", "+33612345678")
    assert not pop.candidates


def test_a_shared_number_is_ambiguous_and_keeps_what_the_candidates_share() -> None:
    pop = identification([JEANNE, PAUL], "caller_number", "+33612345678")
    assert pop.result == IDENTIFICATION_RESULT_AMBIGUOUS
    assert list(pop.candidate_customer_ids) == ["c1", "c2"]
    assert [c.name for c in pop.candidates] == ["Jeanne", "Paul"]
    assert dict(pop.attributes) == {"language": "fr"}  # tiers and segments differ
    assert not pop.customer_id and not pop.HasField("customer")


def test_candidates_are_capped() -> None:
    many = [Customer(f"c{n:02}", f"N{n}") for n in range(MAX_CANDIDATES + 3)]
    pop = identification(many, "caller_number", "+33612345678")
    assert len(pop.candidates) == len(pop.candidate_customer_ids) == MAX_CANDIDATES


def test_no_match_is_unknown() -> None:
    pop = identification([], "account_number", "999")
    assert pop.result == IDENTIFICATION_RESULT_UNKNOWN
    assert (pop.looked_up_by, pop.looked_up_value, dict(pop.attributes)) == (
        "account_number",
        "999",
        {},
    )
