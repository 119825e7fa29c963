"""Offers and holds: failures, abandons, replays, late presence facts, idempotent facts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chassis.tenants import QueueConfig
from router.domain import Decision, Offer, QueueStatus, RoutingDomain, WaitEstimate


def offers_in(decisions: Sequence[Decision]) -> list[Offer]:
    return [decision for decision in decisions if isinstance(decision, Offer)]


def domain(**options: object) -> RoutingDomain:
    return RoutingDomain({"q": QueueConfig.model_validate({"queue_id": "q", **options})})


def available(d: RoutingDomain, agent_id: str, at: float = 0) -> None:
    d.agent_logged_in(agent_id, {}, ["q"])
    d.agent_presence(agent_id, True, at)


def offer_to(d: RoutingDomain, call_id: str, agent_id: str, at: float) -> Offer:
    d.call_queued(call_id, "q", 0, at, at)
    (offer,) = offers_in(d.decide(at))
    assert (offer.call_id, offer.agent_id) == (call_id, agent_id)
    return offer


def test_a_failed_offer_puts_the_call_back_ahead_of_later_calls() -> None:
    d = domain()
    available(d, "a")
    offer = offer_to(d, "first", "a", 1)
    d.call_queued("later", "q", 0, 2, 2)
    d.offer_failed("first", offer.offer_id, taken_in=False)  # the agent was not available
    assert d.waiting_calls("q") == ["first", "later"]
    (again,) = offers_in(d.decide(3))
    assert (again.call_id, again.offer_id) == ("first", "first/2")


def test_the_offered_agent_is_held_whatever_presence_says_until_the_offer_settles() -> None:
    d = domain()
    available(d, "a")
    offer = offer_to(d, "c1", "a", 1)
    d.agent_presence("a", True, 2)  # late news from before the offer
    d.call_queued("c2", "q", 0, 2, 2)
    assert d.decide(2) == []
    assert d.agent_hold("a") == offer.offer_id
    d.agent_presence("a", False, 3, offer_id=offer.offer_id)  # agent-state took it in
    assert d.agent_hold("a") is None
    d.agent_presence("a", True, 4)
    assert [o.call_id for o in offers_in(d.decide(4))] == ["c2"]


def test_after_a_hold_ends_the_last_presence_decides() -> None:
    d = domain()
    available(d, "a")
    offer = offer_to(d, "c1", "a", 1)
    d.agent_presence("a", False, 1.5)
    d.offer_failed("c1", offer.offer_id)
    assert not d.agent_is_idle("a")
    assert d.decide(2) == []
    assert d.waiting_calls("q") == ["c1"]


def test_abandoning_while_waiting_leaves_the_queue_at_once() -> None:
    d = domain()
    d.call_queued("c", "q", 0, 1, 1)
    d.call_abandoned("c", 5)
    assert d.waiting_calls("q") == []
    assert d.outcomes() == {"c": "abandoned"}
    available(d, "a", 6)
    assert d.decide(6) == []


def test_abandoning_during_an_offer_releases_the_agent() -> None:
    d = domain()
    available(d, "a")
    offer_to(d, "c1", "a", 1)
    d.call_abandoned("c1", 2)
    assert d.agent_is_idle("a")
    d.call_queued("c2", "q", 0, 3, 3)
    assert [o.agent_id for o in offers_in(d.decide(3))] == ["a"]
    assert d.outcomes() == {"c1": "abandoned"}


def test_an_accepted_offer_answers_the_call_and_feeds_the_estimates() -> None:
    d = domain(wrap_up_max_s=60)
    available(d, "a")
    assert d.estimate_wait("q", 2, 0) == WaitEstimate(240.0, 2, 1)  # default 180 s + wrap-up
    offer = offer_to(d, "c", "a", 10)
    d.offer_accepted("c", offer.offer_id, 12)
    d.agent_presence("a", False, 12, offer_id=offer.offer_id)
    d.agent_presence("a", True, 112)  # 100 s of talk and wrap-up
    assert d.outcomes() == {"c": "answered"}
    assert d.estimate_wait("q", 1, 112) == WaitEstimate(0.0, 1, 1)  # a is idle
    assert d.estimate_wait("q", 3, 112) == WaitEstimate(200.0, 3, 1)
    available(d, "b")
    d.agent_presence("a", False, 113)
    d.agent_presence("b", False, 113)
    assert d.estimate_wait("q", None, 113) == WaitEstimate(50.0, 1, 2)


def test_a_queue_nobody_serves_estimates_from_the_waits_answered_calls_had() -> None:
    d = domain()
    available(d, "a")
    offer = offer_to(d, "c", "a", 10)
    d.offer_accepted("c", offer.offer_id, 40)
    d.agent_logged_out("a")
    assert d.estimate_wait("q", None, 50) == WaitEstimate(30.0, 1, 0)


def test_queue_status_counts_calls_and_agents() -> None:
    d = domain()
    available(d, "a")
    offer_to(d, "offered", "a", 1)
    d.call_queued("waiting", "q", 0, 2, 5)
    d.agent_logged_in("b", {}, ["q"])
    available(d, "c", 6)
    d.agent_presence("c", False, 7)
    status = d.queue_status("q", now=8)
    assert status == QueueStatus(
        calls_waiting=1,
        calls_offered=1,
        agents_available=0,
        agents_serving=3,
        oldest_wait_s=3.0,
        estimated_wait_s=status.estimated_wait_s,
    )
    assert status.estimated_wait_s > 0


def test_a_replayed_offer_holds_the_agent_and_counts_towards_the_next_offer_id() -> None:
    d = domain()
    available(d, "a")
    available(d, "b", 1)
    d.call_queued("c", "q", 0, 1, 1)
    d.offer_made("c", "a", "c/1", 1)  # read back from the log before deciding anything
    d.offer_made("c", "a", "c/1", 1)
    assert d.call_offer("c") == ("c/1", "a")
    assert d.agent_hold("a") == "c/1"
    assert d.decide(2) == []
    d.offer_failed("c", "c/1")
    d.agent_presence("a", False, 3, offer_id="c/1")
    assert [(o.agent_id, o.offer_id) for o in offers_in(d.decide(3))] == [("b", "c/2")]


def test_a_replayed_offer_already_settled_by_agent_state_does_not_hold() -> None:
    d = domain()
    available(d, "a")
    d.call_queued("c", "q", 0, 1, 1)
    d.agent_presence("a", False, 2, offer_id="c/1")  # the agents topic came first
    d.offer_made("c", "a", "c/1", 1)
    assert d.agent_hold("a") is None


def test_every_fact_applied_twice_is_applied_once() -> None:
    once, twice = domain(), domain()
    facts: list[Callable[[RoutingDomain], None]] = [
        lambda d: d.agent_logged_in("a", {"x": 1}, ["q"]),
        lambda d: d.agent_skills_changed("a", {"x": 2}),
        lambda d: d.agent_presence("a", True, 1),
        lambda d: d.agent_logged_in("b", {}, ["q"]),
        lambda d: d.agent_presence("b", True, 2),
        lambda d: d.call_queued("c1", "q", 0, 3, 3),
        lambda d: d.call_queued("c2", "q", 0, 4, 4),
        lambda d: d.call_queued("c3", "q", 0, 4.5, 4.5),
        lambda d: d.call_priority_changed("c3", 4),
        lambda d: d.offer_made("c1", "a", "c1/1", 5),
        lambda d: d.offer_made("c2", "b", "c2/1", 5),
        lambda d: d.offer_failed("c1", "c1/1"),
        lambda d: d.offer_accepted("c2", "c2/1", 6),
        lambda d: d.agent_presence("b", False, 6, offer_id="c2/1"),
        lambda d: d.call_abandoned("c1", 7),
        lambda d: d.agent_logged_out("a"),
        lambda d: d.call_ended("c2"),
        lambda d: d.call_queued("c2", "q", 0, 4, 4),  # a replay older than the stay: ignored
    ]
    for fact in facts:
        fact(once)
        fact(twice)
        fact(twice)
        assert state(once) == state(twice)
    assert once.decide(8) == twice.decide(8)


def state(d: RoutingDomain) -> object:
    return (
        d.waiting_calls("q"),
        d.outcomes(),
        [(a, d.agent_is_idle(a), d.agent_hold(a)) for a in ("a", "b")],
        [d.call_offer(c) for c in ("c1", "c2", "c3")],
        d.queue_status("q", 10),
    )


def test_facts_about_unknown_calls_and_agents_are_ignored() -> None:
    d = domain()
    d.agent_skills_changed("ghost", {"x": 1})
    d.agent_presence("ghost", True, 1)
    d.agent_logged_out("ghost")
    d.call_priority_changed("ghost", 1)
    d.offer_made("ghost", "a", "ghost/1", 1)
    d.offer_failed("ghost", "ghost/1")
    d.offer_accepted("ghost", "ghost/1", 1)
    d.call_abandoned("ghost", 1)
    d.call_ended("ghost")
    assert (d.decide(1), d.outcomes(), d.next_wakeup()) == ([], {}, None)


def test_an_answered_offer_holds_the_agent_until_agent_state_settles_it() -> None:
    """The calls topic may run ahead of the agents topic: the agent's last presence, from
    before the offer, says available, but it is on the call now."""
    d = domain()
    available(d, "a")
    offer = offer_to(d, "c1", "a", 1)
    d.offer_accepted("c1", offer.offer_id, 2)
    d.call_queued("c2", "q", 0, 2, 2)
    assert d.decide(2) == []
    d.agent_presence("a", False, 3, offer_id=offer.offer_id)  # RESERVED, read late
    d.agent_presence("a", True, 4)  # wrap-up done
    (next_offer,) = offers_in(d.decide(4))
    assert (next_offer.call_id, next_offer.agent_id) == ("c2", "a")


def test_a_replay_where_agent_state_settled_several_offers_first_holds_no_agent() -> None:
    """Rebuilding after a crash, the agents topic may be read ahead of the calls topic:
    the agent's presences for two offers arrive before either offer is read back."""
    d = domain()
    available(d, "a")
    d.call_queued("c1", "q", 0, 1, 1)
    d.call_queued("c2", "q", 0, 2, 2)
    d.agent_presence("a", False, 3, offer_id="c1/1")
    d.agent_presence("a", False, 4, offer_id="c2/1")
    d.agent_presence("a", True, 5)
    for call_id in ("c1", "c2"):
        d.offer_made(call_id, "a", f"{call_id}/1", 6)
        d.offer_accepted(call_id, f"{call_id}/1", 6)
    assert d.agent_hold("a") is None
    assert d.agent_is_idle("a")
