"""Which agent takes which call: strategies, service order, profiles, transfers."""

from __future__ import annotations

from collections.abc import Sequence

from chassis.tenants import Strategy
from router.domain import Decision, Offer, RoutingDomain, UnknownQueue
from router.testing import domain, offers, queue


def offers_in(decisions: Sequence[Decision]) -> list[Offer]:
    return [decision for decision in decisions if isinstance(decision, Offer)]


def available(
    d: RoutingDomain,
    agent_id: str,
    at: float,
    skills: dict[str, int] | None = None,
    queues: tuple[str, ...] = ("q",),
) -> None:
    d.agent_logged_in(agent_id, skills or {}, queues)
    d.agent_presence(agent_id, True, at)


def test_a_call_goes_to_the_longest_idle_agent_and_the_offer_says_so() -> None:
    d = domain(queue("q", offer_timeout_s=15))
    available(d, "late", at=20)
    available(d, "early", at=10)
    d.call_queued("c", "q", 0, 30, 30)
    assert d.decide(30) == [Offer("c", "early", "q", "c/1", 45.0)]
    assert d.decide(31) == []


def test_an_agent_is_not_available_until_its_presence_says_so() -> None:
    d = domain(queue("q"))
    d.agent_logged_in("a", {}, ["q"])
    d.call_queued("c", "q", 0, 1, 1)
    assert d.decide(1) == []
    d.agent_presence("a", True, 2)
    assert offers(d.decide(2)) == [("c", "a")]


def test_highest_proficiency_takes_the_highest_sum_of_required_levels() -> None:
    d = domain(queue("q", ("fr", 1), ("billing", 1), strategy=Strategy.HIGHEST_PROFICIENCY))
    available(d, "idle-longest", 1, {"fr": 5, "billing": 1})
    available(d, "best", 5, {"fr": 4, "billing": 4, "unrelated": 10})
    available(d, "tie-late", 6, {"fr": 4, "billing": 4})
    d.call_queued("c1", "q", 0, 10, 10)
    d.call_queued("c2", "q", 0, 11, 11)
    d.call_queued("c3", "q", 0, 12, 12)
    assert offers(d.decide(12)) == [("c1", "best"), ("c2", "tie-late"), ("c3", "idle-longest")]


def test_least_occupied_takes_the_agent_with_fewest_calls_answered_today() -> None:
    day = 86_400.0
    d = domain(queue("q", strategy=Strategy.LEAST_OCCUPIED))
    available(d, "busy", day)
    for n in range(2):
        d.call_queued(f"x{n}", "q", 0, day + n, day + n)
        (offer,) = offers_in(d.decide(day + n))
        d.offer_accepted(offer.call_id, offer.offer_id, day + n)
        d.agent_presence("busy", False, day + n, offer_id=offer.offer_id)
        d.agent_presence("busy", True, day + n + 0.5)
    available(d, "quiet", day + 5)  # idle for less time than busy, but answered nothing
    d.call_queued("c", "q", 0, day + 6, day + 6)
    assert offers(d.decide(day + 6)) == [("c", "quiet")]


def test_least_occupied_forgets_yesterdays_calls() -> None:
    day = 86_400.0
    d = domain(queue("q", strategy=Strategy.LEAST_OCCUPIED))
    available(d, "yesterday", 1)
    d.call_queued("x", "q", 0, 2, 2)
    (offer,) = offers_in(d.decide(2))
    d.offer_accepted("x", offer.offer_id, 3)
    d.agent_presence("yesterday", False, 3, offer_id=offer.offer_id)
    available(d, "today", day + 1)
    d.call_queued("y", "q", 0, day + 1.5, day + 1.5)
    (offer,) = offers_in(d.decide(day + 1.5))
    d.offer_accepted("y", offer.offer_id, day + 1.5)
    d.agent_presence("today", False, day + 2, offer_id=offer.offer_id)
    d.agent_presence("today", True, day + 3)
    d.agent_presence("yesterday", True, day + 4)  # idle for less time, but no call today
    d.call_queued("c", "q", 0, day + 5, day + 5)
    assert offers(d.decide(day + 5)) == [("c", "yesterday")]


def test_round_robin_takes_the_agent_offered_a_call_least_recently() -> None:
    d = domain(queue("q", strategy=Strategy.ROUND_ROBIN))
    available(d, "a", 1)
    available(d, "b", 2)
    for n, expected in enumerate(["a", "b", "a"]):
        d.call_queued(f"c{n}", "q", 0, 10 + n, 10 + n)
        (offer,) = offers_in(d.decide(10 + n))
        assert offer.agent_id == expected
        d.offer_failed(offer.call_id, offer.offer_id, taken_in=False)  # both stay available
        d.call_abandoned(offer.call_id, 10 + n)
        assert d.decide(10 + n) == []


def test_higher_priority_first_then_first_queued_at_then_arrival() -> None:
    d = domain(queue("q"))
    d.call_queued("late", "q", 0, 5, 5)
    d.call_queued("early", "q", 0, 1, 6)  # requeued elsewhere before: oldest arrival
    d.call_queued("vip", "q", 9, 7, 7)
    d.call_queued("same-time-2", "q", 0, 5, 8)
    assert d.decide(8) == []
    assert d.waiting_calls("q") == ["vip", "early", "late", "same-time-2"]
    for n in range(4):
        available(d, f"a{n}", 10 + n)
        d.decide(10 + n)
    assert d.waiting_calls("q") == []
    assert [(d.call_offer(c) or ("", ""))[1] for c in ["vip", "early", "late", "same-time-2"]] == [
        "a0",
        "a1",
        "a2",
        "a3",
    ]


def test_a_priority_change_moves_a_waiting_call_at_once() -> None:
    d = domain(queue("q"))
    d.call_queued("first", "q", 0, 1, 1)
    d.call_queued("second", "q", 0, 2, 2)
    d.call_priority_changed("second", 5)
    assert d.waiting_calls("q") == ["second", "first"]
    available(d, "a", 3)
    assert offers(d.decide(3)) == [("second", "a")]


def test_an_agent_freeing_up_serves_its_profile_in_order_of_preference() -> None:
    d = domain(queue("sales"), queue("support"))
    d.call_queued("older-support", "support", 0, 1, 1)
    d.call_queued("sales", "sales", 0, 2, 2)
    available(d, "a", 3, queues=("sales", "support"))
    available(d, "b", 4, queues=("sales", "support"))
    assert offers(d.decide(4)) == [("sales", "a"), ("older-support", "b")]


def test_an_agent_takes_only_queues_it_has_the_skills_for() -> None:
    d = domain(queue("q", ("fr", 5)))
    available(d, "weak", 1, {"fr": 4})
    d.call_queued("c", "q", 0, 2, 2)
    assert d.decide(2) == []
    d.agent_skills_changed("weak", {"fr": 5})
    assert offers(d.decide(3)) == [("c", "weak")]


def test_calls_and_agents_of_one_batch_meet_by_the_queues_strategy() -> None:
    d = domain(queue("q", ("fr", 1), strategy=Strategy.HIGHEST_PROFICIENCY))
    available(d, "longest-idle", 1, {"fr": 1})
    available(d, "expert", 2, {"fr": 9})
    d.call_queued("c", "q", 0, 3, 3)
    assert offers(d.decide(3)) == [("c", "expert")]


def test_a_transfer_goes_to_the_named_agent_only_whatever_its_skills() -> None:
    d = domain(queue("q", ("fr", 9)))
    available(d, "other", 1, {"fr": 9})
    d.call_queued("t", "q", 0, 2, 2, target_agent_id="named")
    assert d.decide(2) == []
    assert d.waiting_calls("q") == ["t"]
    available(d, "named", 3, {}, queues=())
    assert offers(d.decide(3)) == [("t", "named")]


def test_an_agent_serves_its_profile_before_transfers_to_it() -> None:
    d = domain(queue("q"))
    d.call_queued("t", "q", 0, 1, 1, target_agent_id="a")
    d.call_queued("c", "q", 0, 2, 2)
    available(d, "a", 3)
    assert offers(d.decide(3)) == [("c", "a")]


def test_queueing_into_an_unknown_queue_is_refused() -> None:
    d = domain(queue("q"))
    try:
        d.call_queued("c", "nope", 0, 1, 1)
    except UnknownQueue as error:
        assert error.queue_id == "nope"
    else:
        raise AssertionError("UnknownQueue expected")


def test_requeueing_into_another_queue_moves_the_call() -> None:
    d = domain(queue("a"), queue("b"))
    d.call_queued("c", "a", 0, 1, 1)
    d.call_queued("c", "a", 0, 1, 1)
    d.call_queued("c", "b", 0, 1, 2)
    assert (d.waiting_calls("a"), d.waiting_calls("b")) == ([], ["c"])
    assert [q for q, _ in d.visits("c")] == ["a", "b"]
