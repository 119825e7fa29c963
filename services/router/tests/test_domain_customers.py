"""What the CRM learns of the caller: VIP priorities and language skills, per queue."""

from __future__ import annotations

from collections.abc import Sequence

from router.domain import Customer, Decision, Offer, Overflow, PriorityRaise
from router.testing import available, domain, offers, queue

GOLD = Customer(vip_tier="gold")
FRENCH = Customer(language="fr")


def raises(decisions: Sequence[Decision]) -> list[PriorityRaise]:
    return [d for d in decisions if isinstance(d, PriorityRaise)]


SUPPORT = queue(
    "support",
    vip_priorities={"gold": 50, "platinum": 80},
    language_skills={"fr": {"name": "french", "min_level": 3}},
)


def test_a_vip_known_before_the_call_is_queued_is_raised_once_ahead_of_earlier_calls() -> None:
    d = domain(SUPPORT)
    d.call_queued("earlier", "support", 10, 0, 0)
    d.call_queued("vip", "support", 20, 1, 1, customer=GOLD)
    assert d.decide(1) == [PriorityRaise("vip", "support", 50, "vip_tier gold")]
    assert d.waiting_calls("support") == ["vip", "earlier"]
    d.call_priority_changed("vip", 50, by_router=True)  # read back from the log
    assert d.decide(2) == []
    assert d.call_priority("vip") == 50


def test_a_vip_identified_while_waiting_is_raised_then() -> None:
    d = domain(SUPPORT)
    d.call_queued("c", "support", 0, 0, 0)
    assert d.decide(0) == []
    d.customer_identified("c", Customer(vip_tier="platinum"))
    assert raises(d.decide(1)) == [PriorityRaise("c", "support", 80, "vip_tier platinum")]


def test_a_priority_already_higher_is_left_alone() -> None:
    d = domain(SUPPORT)
    d.call_queued("c", "support", 60, 0, 0, customer=GOLD)
    assert d.decide(0) == []


def test_a_tier_or_a_queue_without_a_vip_priority_raises_nothing() -> None:
    d = domain(SUPPORT, queue("general"))
    d.call_queued("silver", "support", 0, 0, 0, customer=Customer(vip_tier="silver"))
    d.call_queued("gold-elsewhere", "general", 0, 0, 0, customer=GOLD)
    assert d.decide(0) == []


def test_someone_elses_priority_after_the_raise_stands_on_replay() -> None:
    """The log: queued (gold), the router's raise, a supervisor's lower priority. A replay
    applies all three before deciding: it must not raise again."""
    d = domain(SUPPORT)
    d.call_queued("c", "support", 0, 0, 0, customer=GOLD)
    d.call_priority_changed("c", 50, by_router=True)
    d.call_priority_changed("c", 5)
    assert d.decide(1) == []
    assert d.call_priority("c") == 5


def test_a_raise_lost_in_a_crash_is_decided_after_the_replay() -> None:
    """The log: queued (gold), identified (platinum), the router's raise for gold (decided
    before it read the identification); the router stopped before deciding for platinum."""
    d = domain(SUPPORT)
    d.call_queued("c", "support", 0, 0, 0, customer=GOLD)
    d.customer_identified("c", Customer(vip_tier="platinum"))
    d.call_priority_changed("c", 50, by_router=True)
    assert raises(d.decide(1)) == [PriorityRaise("c", "support", 80, "vip_tier platinum")]


def test_a_call_entering_another_queue_gets_that_queues_vip_priority() -> None:
    d = domain(
        queue("first", max_wait_s=10, overflow_queue_id="second"),
        queue("second", vip_priorities={"gold": 30}),
    )
    d.call_queued("c", "first", 0, 0, 0, customer=GOLD)
    assert d.decide(0) == []
    decisions = d.decide(10)
    assert [type(x) for x in decisions] == [Overflow, PriorityRaise]
    assert decisions[1] == PriorityRaise("c", "second", 30, "vip_tier gold")


def test_a_french_speaker_needs_the_queues_french_skill() -> None:
    d = domain(SUPPORT)
    available(d, "english", 0, {}, ["support"])
    d.call_queued("c", "support", 0, 1, 1, customer=FRENCH)
    assert d.decide(1) == []
    available(d, "french", 2, {"french": 3}, ["support"])
    assert offers(d.decide(2)) == [("c", "french")]


def test_a_language_learned_while_waiting_applies_at_once() -> None:
    d = domain(SUPPORT)
    d.call_queued("c", "support", 0, 0, 0)
    d.customer_identified("c", FRENCH)
    available(d, "english", 1, {}, ["support"])
    assert d.decide(1) == []
    d.customer_identified("c", Customer(language="en"))  # a later lookup knows better
    assert offers(d.decide(2)) == [("c", "english")]


def test_a_language_without_a_skill_in_the_queue_adds_nothing() -> None:
    d = domain(SUPPORT)
    available(d, "a", 0, {}, ["support"])
    d.call_queued("c", "support", 0, 1, 1, customer=Customer(language="de"))
    assert offers(d.decide(1)) == [("c", "a")]


def test_the_language_skill_adds_to_the_calls_own_needs_at_the_higher_level() -> None:
    d = domain(SUPPORT)
    available(d, "french-3", 0, {"french": 3, "support": 7}, ["support"])
    d.call_queued("c", "support", 0, 1, 1, needs=[("french", 5)], customer=FRENCH)
    assert d.decide(1) == []
    d.agent_skills_changed("french-3", {"french": 5, "support": 7})
    assert offers(d.decide(2)) == [("c", "french-3")]


def test_an_identification_during_an_offer_applies_if_the_call_comes_back() -> None:
    d = domain(SUPPORT)
    available(d, "english", 0, {}, ["support"])
    d.call_queued("c", "support", 0, 1, 1)
    [offer] = [x for x in d.decide(1) if isinstance(x, Offer)]
    d.customer_identified("c", FRENCH)
    d.offer_failed("c", offer.offer_id, taken_in=False)
    assert d.decide(2) == []
    assert d.waiting_calls("support") == ["c"]
