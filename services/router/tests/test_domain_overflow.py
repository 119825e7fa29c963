"""Overflow steps widen who may take a call; full or slow queues send calls on."""

from __future__ import annotations

from collections.abc import Sequence

from chassis.tenants import OverflowStep
from router.domain import Callback, Decision, Offer, Overflow, Reason, RoutingDomain
from router.testing import domain, queue


def offers_in(decisions: Sequence[Decision]) -> list[Offer]:
    return [decision for decision in decisions if isinstance(decision, Offer)]


def available(d: RoutingDomain, agent_id: str, skills: dict[str, int], queues: list[str]) -> None:
    d.agent_logged_in(agent_id, skills, queues)
    d.agent_presence(agent_id, True, 0)


STEPS = (
    OverflowStep(after_s=30, lower_levels_by=2),
    OverflowStep(after_s=60, backup_skill="generalist"),
)


def test_a_step_falls_due_after_its_wait_in_this_queue_not_since_first_queued() -> None:
    d = domain(queue("q", ("fr", 5), overflow_steps=STEPS))
    d.call_queued("c", "q", 0, first_queued_at=-500, at=100)
    assert d.decide(100) == []
    assert d.next_wakeup() == 130
    d.decide(130)
    assert d.next_wakeup() == 160
    d.decide(160)
    assert d.next_wakeup() is None


def test_a_step_falls_due_whatever_the_rounding_of_its_time() -> None:
    """3.3 + 30 - 3.3 is 29.999999999999996: a step counted from the time waited would never
    fall due at 33.3, and its timer would fire again and again."""
    d = domain(queue("q", overflow_steps=(OverflowStep(after_s=30),), max_wait_s=60))
    d.call_queued("c", "q", 0, 3.3, 3.3)
    assert d.next_wakeup() == 3.3 + 30
    assert d.decide(3.3 + 30) == []
    assert d.next_wakeup() == 3.3 + 60
    [callback] = d.decide(3.3 + 60)
    assert callback.reason == Reason.MAX_WAIT


def test_lowered_levels_let_a_weaker_agent_take_the_call() -> None:
    d = domain(queue("q", ("fr", 5), overflow_steps=STEPS))
    available(d, "level-3", {"fr": 3}, ["q"])
    d.call_queued("c", "q", 0, 0, 100)
    assert d.decide(129) == []
    assert [o.agent_id for o in offers_in(d.decide(130))] == ["level-3"]


def test_the_backup_group_joins_whatever_its_profile() -> None:
    d = domain(queue("q", ("fr", 5), overflow_steps=STEPS), queue("other"))
    available(d, "backup", {"generalist": 1}, ["other"])
    available(d, "too-weak", {"fr": 2}, ["q"])
    d.call_queued("c", "q", 0, 0, 100)
    assert d.decide(130) == []
    assert d.next_wakeup() == 160
    assert [o.agent_id for o in offers_in(d.decide(160))] == ["backup"]


def test_an_agent_freeing_up_takes_a_call_only_once_its_step_allows() -> None:
    d = domain(queue("q", ("fr", 5), overflow_steps=STEPS))
    d.call_queued("c", "q", 0, 0, 0)
    d.decide(40)  # step 1 reached
    available(d, "level-4", {"fr": 4}, ["q"])
    available(d, "level-2", {"fr": 2}, ["q"])
    assert [o.agent_id for o in offers_in(d.decide(41))] == ["level-4"]


def test_a_full_queue_overflows_keeping_priority_and_first_queued_at() -> None:
    d = domain(queue("q", max_size=1, overflow_queue_id="spill"), queue("spill"))
    d.call_queued("first", "q", 0, 1, 1)
    d.call_queued("second", "q", 7, 0.5, 2)
    assert d.decide(2) == [Overflow("second", "q", "spill", Reason.QUEUE_FULL, 7, 0.5)]
    assert d.waiting_calls("spill") == ["second"]
    d.call_queued("second", "spill", 7, 0.5, 2)  # the overflow read back: a no-op
    assert d.waiting_calls("spill") == ["second"]
    assert d.visits("second") == [("q", "overflowed"), ("spill", None)]
    available(d, "a", {}, ["spill"])
    assert [o.call_id for o in d.decide(3) if isinstance(o, Offer)] == ["second"]


def test_a_full_queue_without_overflow_queue_offers_a_callback() -> None:
    d = domain(queue("q", max_size=1))
    d.call_queued("first", "q", 0, 1, 1)
    d.call_queued("second", "q", 3, 0.5, 2, callback_number="+3312")
    assert d.decide(2) == [Callback("second", "q", Reason.QUEUE_FULL, 3, 0.5, "+3312")]
    assert d.outcomes() == {"second": "callback"}
    assert d.waiting_calls("q") == ["first"]


def test_max_wait_sends_the_call_on_counting_from_entering_the_queue() -> None:
    d = domain(queue("q", max_wait_s=60, overflow_queue_id="spill"), queue("spill", max_wait_s=5))
    d.call_queued("c", "q", 2, first_queued_at=-100, at=10)
    assert d.next_wakeup() == 70
    assert d.decide(69) == []
    assert d.decide(70) == [Overflow("c", "q", "spill", Reason.MAX_WAIT, 2, -100)]
    assert d.next_wakeup() == 75
    assert d.decide(75) == [Callback("c", "spill", Reason.MAX_WAIT, 2, -100, "")]
    assert d.next_wakeup() is None
    assert d.visits("c") == [("q", "overflowed"), ("spill", "callback")]


def test_an_offered_call_does_not_time_out_but_does_when_it_comes_back() -> None:
    d = domain(queue("q", max_wait_s=60))
    available(d, "a", {}, ["q"])
    d.call_queued("c", "q", 0, 0, 0)
    (offer,) = offers_in(d.decide(0))
    assert d.decide(100) == []
    d.offer_failed("c", offer.offer_id)
    d.agent_presence("a", False, 100)
    assert d.decide(100) == [Callback("c", "q", Reason.MAX_WAIT, 0, 0, "")]


def test_queues_overflowing_into_each_other_do_not_loop() -> None:
    d = domain(
        queue("a", max_size=1, overflow_queue_id="b"), queue("b", max_size=1, overflow_queue_id="a")
    )
    d.call_queued("in-a", "a", 0, 1, 1)
    d.call_queued("in-b", "b", 0, 1, 1)
    d.call_queued("c", "a", 0, 2, 2)
    assert d.decide(2) == [Overflow("c", "a", "b", Reason.QUEUE_FULL, 0, 2)]
    assert d.waiting_calls("b") == ["in-b", "c"]


def test_a_caller_who_asks_for_a_callback_leaves_with_the_place_even_with_an_overflow_queue() -> (
    None
):
    d = domain(queue("q", overflow_queue_id="spill"), queue("spill"))
    d.call_queued("first", "q", 0, 1, 1)
    d.call_queued("asks", "q", 4, 0.5, 2, callback_number="+3312")
    d.decide(2)

    d.callback_requested("asks", "q", "+3312", 2.5)

    assert d.decide(3) == [Callback("asks", "q", Reason.CALLER_REQUESTED, 4, 0.5, "+3312")]
    assert d.visits("asks") == [("q", "callback")]
    assert d.waiting_calls("q") == ["first"]


def test_a_callback_request_for_a_call_being_offered_is_left_to_the_offer() -> None:
    d = domain(queue("q"))
    available(d, "a", {}, ["q"])
    d.call_queued("c", "q", 0, 1, 1)
    [offer] = offers_in(d.decide(1))
    d.offer_made("c", "a", offer.offer_id, 1)

    d.callback_requested("c", "q", "", 2)

    assert d.decide(2) == []


def test_a_callback_asked_in_the_menu_is_scheduled_once_from_the_time_asked() -> None:
    d = domain(queue("billing"))

    d.callback_requested("menu-call", "billing", "+3312", 7.0)

    assert d.decide(8) == [
        Callback("menu-call", "billing", Reason.CALLER_REQUESTED, 0, 7.0, "+3312")
    ]
    assert d.decide(9) == []


def test_a_menu_callback_already_scheduled_is_not_scheduled_again_after_a_replay() -> None:
    d = domain(queue("billing"))
    d.callback_requested("menu-call", "billing", "+3312", 7.0)
    d.call_ended("menu-call")  # its CallbackScheduled, read back from the log

    assert d.decide(8) == []
