"""A call's own needs (CallQueued.required_skills) add to its queue's rules."""

from __future__ import annotations

from chassis.tenants import OverflowStep, Strategy
from router.domain import Overflow, Reason
from router.testing import available, domain, offers, queue

OUTAGE = [("support", 7)]


def test_an_outage_call_skips_the_support_5_agent_and_waits_for_a_support_8_one() -> None:
    d = domain(queue("support", ("support", 5)))
    available(d, "level-5", 1, {"support": 5}, ["support"])
    d.call_queued("outage", "support", 20, 2, 2, needs=OUTAGE)
    assert d.decide(2) == []
    assert d.waiting_calls("support") == ["outage"]
    available(d, "level-8", 3, {"support": 8}, ["support"])
    assert offers(d.decide(3)) == [("outage", "level-8")]


def test_an_agent_freeing_up_takes_the_first_call_it_can_serve_the_others_keep_their_place() -> (
    None
):
    d = domain(queue("support", ("support", 5)))
    d.call_queued("outage", "support", 20, 1, 1, needs=OUTAGE)
    d.call_queued("plain-1", "support", 0, 2, 2)
    d.call_queued("plain-2", "support", 0, 3, 3)
    available(d, "level-5", 4, {"support": 5}, ["support"])
    assert offers(d.decide(4)) == [("plain-1", "level-5")]
    available(d, "level-9", 5, {"support": 9}, ["support"])
    assert offers(d.decide(5)) == [("outage", "level-9")]


def test_agents_freed_together_each_take_the_first_call_they_can_serve() -> None:
    """The weaker agent, idle longer, looks first and finds the later call; the stronger one
    would be better for it by the strategy, but has an earlier call of its own to take."""
    d = domain(queue("q", ("s", 1), strategy=Strategy.HIGHEST_PROFICIENCY))
    d.call_queued("earlier", "q", 0, 1, 1, needs=[("s", 5)])
    d.call_queued("later", "q", 0, 2, 2)
    assert d.decide(2) == []
    available(d, "weak", 3, {"s": 2}, ["q"])
    available(d, "strong", 4, {"s": 9}, ["q"])
    assert offers(d.decide(4)) == [("later", "weak"), ("earlier", "strong")]


def test_a_call_goes_to_the_best_agent_by_strategy_among_those_meeting_its_needs() -> None:
    d = domain(queue("q", ("support", 1), strategy=Strategy.HIGHEST_PROFICIENCY))
    available(d, "best-without-french", 1, {"support": 9}, ["q"])
    available(d, "french-weak", 2, {"support": 2, "french": 3}, ["q"])
    available(d, "french-strong", 3, {"support": 4, "french": 3}, ["q"])
    d.call_queued("c", "q", 0, 4, 4, needs=[("french", 3)])
    assert offers(d.decide(4)) == [("c", "french-strong")]


def test_the_same_skill_needed_twice_needs_the_higher_level() -> None:
    d = domain(queue("q"))
    available(d, "level-4", 1, {"fr": 4}, ["q"])
    d.call_queued("c", "q", 0, 2, 2, needs=[("fr", 3), ("fr", 5), ("", 9)])
    assert d.decide(2) == []
    d.agent_skills_changed("level-4", {"fr": 5})
    assert offers(d.decide(3)) == [("c", "level-4")]


def test_an_overflow_step_lowers_the_calls_needs_too() -> None:
    steps = (OverflowStep(after_s=30, lower_levels_by=3),)
    d = domain(queue("support", ("support", 5), overflow_steps=steps))
    available(d, "level-4", 1, {"support": 4}, ["support"])
    d.call_queued("outage", "support", 0, 0, 0, needs=OUTAGE)
    assert d.decide(29) == []
    # at step 1 the queue asks 2, the call 4
    assert offers(d.decide(30)) == [("outage", "level-4")]


def test_an_agent_freeing_up_meets_the_needs_lowered_by_the_calls_step() -> None:
    steps = (OverflowStep(after_s=30, lower_levels_by=3),)
    d = domain(queue("support", ("support", 5), overflow_steps=steps))
    d.call_queued("outage", "support", 0, 0, 0, needs=OUTAGE)
    d.call_queued("fresh-outage", "support", 0, 25, 25, needs=OUTAGE)
    d.decide(30)  # the first call is at step 1, the other still at step 0
    available(d, "level-5", 31, {"support": 5}, ["support"])
    available(d, "level-6", 32, {"support": 6}, ["support"])
    assert offers(d.decide(32)) == [("outage", "level-5")]
    assert d.waiting_calls("support") == ["fresh-outage"]


def test_a_backup_group_joining_at_a_step_must_meet_the_calls_needs() -> None:
    steps = (OverflowStep(after_s=60, backup_skill="generalist"),)
    d = domain(queue("support", ("support", 5), overflow_steps=steps), queue("other"))
    available(d, "backup", 1, {"generalist": 1}, ["other"])
    available(d, "backup-with-support", 2, {"generalist": 1, "support": 7}, ["other"])
    d.call_queued("outage", "support", 0, 0, 0, needs=OUTAGE)
    assert d.decide(59) == []
    assert offers(d.decide(60)) == [("outage", "backup-with-support")]


def test_a_transfer_to_a_named_agent_is_offered_whatever_the_needs() -> None:
    d = domain(queue("support", ("support", 5)))
    d.call_queued("t", "support", 0, 1, 1, target_agent_id="named", needs=OUTAGE)
    available(d, "named", 2, {}, [])
    assert offers(d.decide(2)) == [("t", "named")]


def test_an_overflow_carries_the_calls_needs_to_the_next_queue() -> None:
    d = domain(
        queue("support", ("support", 5), max_wait_s=60, overflow_queue_id="general"),
        queue("general"),
    )
    available(d, "generalist", 0, {}, ["general"])
    d.call_queued("outage", "support", 20, 0, 0, needs=OUTAGE)
    assert d.decide(60) == [
        Overflow("outage", "support", "general", Reason.MAX_WAIT, 20, 0, (("support", 7),))
    ]
    assert d.waiting_calls("general") == ["outage"]
    available(d, "expert", 61, {"support": 7}, ["general"])
    assert offers(d.decide(61)) == [("outage", "expert")]


def test_a_requeue_takes_the_needs_of_its_own_call_queued() -> None:
    d = domain(queue("a"), queue("b"))
    available(d, "plain", 0, {}, ["a", "b"])
    d.agent_presence("plain", False, 0)
    d.call_queued("c", "a", 0, 1, 1, needs=OUTAGE)
    d.call_queued("c", "b", 0, 1, 2)  # a transfer elsewhere, without needs this time
    d.agent_presence("plain", True, 3)
    assert offers(d.decide(3)) == [("c", "plain")]


def test_agents_and_lines_skipped_for_needs_leave_no_trace() -> None:
    d = domain(queue("q"))
    for n in range(3):
        d.call_queued(f"c{n}", "q", 0, n, n, needs=[("fr", n + 1)])
    d.call_abandoned("c0", 5)
    available(d, "fr-2", 6, {"fr": 2}, ["q"])
    assert offers(d.decide(6)) == [("c1", "fr-2")]
    d.call_abandoned("c2", 7)
    assert d.waiting_calls("q") == []
    assert d.queue_status("q", 7).calls_waiting == 0
