"""Each call metric and its variants on small scenarios written by hand (no I/O)."""

from __future__ import annotations

import pytest

from callcenter.v1 import call_events_pb2 as ce
from metrics.domain import MetricsConfig, MetricsEngine, Outcome, QueueTargets, ServiceLevel, Tables
from metrics.reference.replay import Replay
from metrics.reference.scenarios import abandoned_call, answered_call, by_time, through_menu
from metrics.reference.script import MONDAY_9, CallScript

T0 = MONDAY_9  # 09:00 UTC: every scenario fits the 09:00-09:15 window


def test_service_level_variants_abandon_rate_and_waits(replay: Replay) -> None:
    answered = [answered_call(f"a{s}", s * 1_000) for s in (5, 20, 30)]
    abandoned = [abandoned_call(f"x{s}", s * 1_000) for s in (10, 40, 3)]
    replay(by_time(*answered, *abandoned))

    for scope in ("queue:sales", "tenant"):
        window = replay.window(scope, T0, 15)
        counts = window.counts
        assert (counts["offered"], counts["answered"], counts["answered_within_t"]) == (6, 3, 2)
        assert (counts["abandoned"], counts["abandoned_within_t"], counts["short_abandoned"]) == (
            2,
            1,
            1,
        )
        assert window.service_level == {
            ServiceLevel.STANDARD: 2 / 5,  # answered within 20 s / (offered - short abandons)
            ServiceLevel.OF_ANSWERED: 2 / 3,
            ServiceLevel.ABANDONS_WITHIN_T_MET: 3 / 5,
        }
        assert window.measures["abandon_rate"] == 2 / 5
        assert window.measures["asa_s"] == pytest.approx(55 / 3)
        assert window.measures["avg_wait_s"] == 108 / 6  # every stay, short abandons too
        assert window.measures["longest_wait_s"] == 40
        assert window.measures["avg_abandon_wait_s"] == 25


def test_each_queue_has_its_own_threshold() -> None:
    config = MetricsConfig(
        queue_targets={("acme", "care"): QueueTargets(service_level_threshold_s=10)}
    )
    replay = Replay(config)(
        by_time(answered_call("s", 15_000), answered_call("c", 15_000, queue_id="care"))
    )
    assert replay.window("queue:sales", T0, 15).counts["answered_within_t"] == 1
    assert replay.window("queue:care", T0, 15).counts["answered_within_t"] == 0
    assert replay.window("tenant", T0, 15).service_level[ServiceLevel.STANDARD] == 1 / 2


def test_abandons_in_the_menu_are_counted_apart_from_queue_abandons(replay: Replay) -> None:
    for call_id, waited in (("menu", 30_000), ("misdial", 2_000)):
        call = CallScript("acme", call_id, T0)
        call.received("+33600000001")
        call.ivr_started()
        call.after(waited).abandoned("ivr", waited)
        replay(call.events)

    window = replay.window("tenant", T0, 15)
    assert (window.counts["ivr_abandoned"], window.counts["ivr_short_abandoned"]) == (1, 1)
    assert (window.counts["offered"], window.counts["abandoned"]) == (0, 0)
    assert window.measures["abandon_rate"] is None  # no call reached a queue
    assert [(a["call_id"], a["stage"], a["queue_id"]) for a in window.abandons] == [
        ("menu", "ivr", "")
    ]


def test_time_in_the_menu_against_its_guideline(replay: Replay) -> None:
    for call_id, spent in (("quick", 100_000), ("slow", 130_000)):
        replay(through_menu(CallScript("acme", call_id, T0), "sales", menu_ms=spent).events)
    gave_up = CallScript("acme", "gave-up", T0)
    gave_up.ivr_started()
    replay([gave_up.events[0], gave_up.after(150_000).abandoned("ivr", 150_000)])

    window = replay.window("tenant", T0, 15)
    assert window.counts["ivr_calls"] == 3
    assert window.measures["avg_ivr_time_s"] == (100 + 130 + 150) / 3
    assert window.measures["ivr_over_guideline_rate"] == 2 / 3  # over 120 s


def test_the_abandon_list_says_who_to_call_back(replay: Replay) -> None:
    replay(abandoned_call("first", 30_000, caller="+33611111111"))
    during_offer = through_menu(CallScript("acme", "second", T0 + 60_000), "sales")
    during_offer.after(12_000).offered("a1", "sales")
    replay([*during_offer.events, during_offer.abandoned("offer", 12_000, "sales")])

    abandons = replay.window("queue:sales", T0, 15).abandons
    assert [(a["call_id"], a["caller_number"], a["stage"], a["waited_ms"]) for a in abandons] == [
        ("first", "+33611111111", "queue", 30_000),
        ("second", "+33612345678", "offer", 12_000),
    ]
    assert abandons[0]["at"] == T0 + 40_000 and abandons[0]["queue_id"] == "sales"


def test_the_abandon_list_is_bounded_and_says_how_many_it_left_out() -> None:
    replay = Replay(MetricsConfig(abandon_list_max=2))
    for n in range(3):
        replay(abandoned_call(f"x{n}", 20_000, at=T0 + n * 1_000))
    window = replay.window("queue:sales", T0, 15)
    assert window.counts["abandoned"] == 3
    assert [a["call_id"] for a in window.abandons] == ["x0", "x1"]
    assert window.abandons_unlisted == 1


def test_an_overflow_ends_the_first_stay_and_the_wait_goes_on(replay: Replay) -> None:
    call = through_menu(CallScript("acme", "c", T0), "sales")
    first_queued = call.at
    call.after(30_000).overflowed("sales", "spill", first_queued)
    offer = call.after(10_000).offered("a1", "spill")
    replay([*call.events, call.connected(offer, "a1", "spill")])

    sales, spill, tenant = (
        replay.window(s, T0, 15) for s in ("queue:sales", "queue:spill", "tenant")
    )
    assert (sales.counts["offered"], sales.counts["overflowed"], sales.counts["answered"]) == (
        1,
        1,
        0,
    )
    assert sales.measures["longest_wait_s"] == 30
    assert (spill.counts["offered"], spill.counts["answered"]) == (1, 1)
    assert spill.measures["asa_s"] == 40  # from the first entry into a queue
    assert (tenant.counts["offered"], tenant.counts["overflowed"], tenant.counts["answered"]) == (
        1,
        1,
        1,
    )


def test_callbacks_from_the_queue_are_offers_and_from_the_menu_are_not(replay: Replay) -> None:
    waited = through_menu(CallScript("acme", "waited", T0), "sales")
    replay([*waited.events, waited.after(50_000).callback("sales", waited.at)])
    menu = CallScript("acme", "menu", T0)
    menu.received()
    menu.after(20_000).ivr_completed(20_000, ce.IVR_OUTCOME_CALLBACK, "sales")
    replay([*menu.events, menu.after(1_000).callback("sales", menu.at)])

    window = replay.window("queue:sales", T0, 15)
    assert (window.counts["offered"], window.counts["callbacks"]) == (1, 1)
    assert window.service_level[ServiceLevel.STANDARD] == 0
    assert replay.window("tenant", T0, 15).counts["offered"] == 1


def test_a_transfer_counts_for_the_agent_and_the_wait_restarts(replay: Replay) -> None:
    call = through_menu(CallScript("acme", "c", T0), "sales")
    first_queued = call.at
    offer = call.after(10_000).offered("a1", "sales")
    call.connected(offer, "a1", "sales")
    call.after(120_000).transferred("a1", queue_id="care")
    call.after(5_000).wrapped_up("a1", 5_000)
    call.queued("care", first_queued)  # the router requeues, keeping the first arrival
    offer = call.after(10_000).offered("a2", "care")
    replay([*call.events, call.connected(offer, "a2", "care")])

    sales, care = replay.window("queue:sales", T0, 15), replay.window("queue:care", T0, 15)
    assert (sales.counts["transfers"], sales.counts["handled"]) == (1, 1)
    assert sales.measures["aht_s"] == 125  # talked until the transfer, then wrapped up
    assert care.measures["asa_s"] == 15  # since the transfer, not since the first arrival
    assert care.counts["answered_within_t"] == 1
    assert replay.window("agent:a1", T0, 15).counts["transfers"] == 1
    assert replay.window("tenant", T0, 15).counts["offered"] == 2


def test_handle_time_is_talk_hold_and_wrap_up(replay: Replay) -> None:
    call = through_menu(CallScript("acme", "c", T0), "sales")
    offer = call.after(5_000).offered("a1", "sales")
    call.connected(offer, "a1", "sales")
    call.after(20_000).held("a1")
    call.after(30_000).resumed("a1")
    call.after(10_000).ended("a1")
    on_hold = through_menu(CallScript("acme", "held-to-the-end", T0), "sales")
    offer = on_hold.after(5_000).offered("a2", "sales")
    on_hold.connected(offer, "a2", "sales")
    on_hold.after(10_000).held("a2")
    on_hold.after(20_000).ended("a2")
    call.after(15_000).wrapped_up("a1", 15_000)
    replay(by_time(call.events, [*on_hold.events, on_hold.after(5_000).wrapped_up("a2", 5_000)]))

    window = replay.window("queue:sales", T0, 15)
    assert window.counts["handled"] == 2
    assert (window.counts["talk_ms"], window.counts["hold_ms"]) == (
        30_000 + 10_000,
        30_000 + 20_000,
    )
    assert window.measures["aht_s"] == (75 + 35) / 2
    assert window.measures["avg_wrap_up_s"] == 10
    assert replay.window("agent:a2", T0, 15).measures["avg_hold_s"] == 20


def test_offers_not_answered_by_queue_and_agent(replay: Replay) -> None:
    call = through_menu(CallScript("acme", "c", T0), "sales")
    call.rejected(call.after(1_000).offered("a1", "sales"), "a1")
    call.timed_out(call.after(1_000).offered("a2", "sales"), "a2")
    call.rejected(call.after(1_000).offered("a3", "sales"), "a3", unavailable=True)
    offer = call.after(1_000).offered("a1", "sales")
    replay([*call.events, call.connected(offer, "a1", "sales")])

    window = replay.window("queue:sales", T0, 15)
    assert (window.counts["offers_rejected"], window.counts["offers_timed_out"]) == (1, 1)
    assert window.counts["offers_not_answered"] == 2  # never reached a3: not a3's to answer
    assert replay.window("agent:a1", T0, 15).counts["offers_rejected"] == 1
    assert "agent:a3" not in replay.engine.scopes("acme")


def test_redelivered_events_count_once(replay: Replay) -> None:
    events = by_time(answered_call("c", 12_000), abandoned_call("x", 30_000))
    once = Replay(MetricsConfig())(events).window("tenant", T0, 15)
    replay(events)
    assert {replay.engine.apply(e).outcome for e in events} == {
        Outcome.DUPLICATE,
        Outcome.IGNORED,  # OfferAccepted: no metric reads it
    }
    assert replay.window("tenant", T0, 15) == once


def test_a_call_keeps_the_threshold_it_was_first_judged_by() -> None:
    strict = MetricsConfig(default_targets=QueueTargets(service_level_threshold_s=10))
    call = through_menu(CallScript("acme", "c", T0), "sales")
    queued = call.events[-1]
    call.connected(call.after(15_000).offered("a1", "sales"), "a1", "sales")
    replay = Replay(strict)([e for e in call.events if e is not queued])
    tables = replay.engine.tables
    restored = MetricsEngine(
        MetricsConfig(), Tables(**{k: dict(getattr(tables, k)) for k in vars(tables)})
    )

    restored.apply(queued)  # arrives last: the wait was 15 s, judged against 10 s

    window = restored.window("acme", "queue:sales", T0, T0 + 15 * 60_000, T0)
    assert (window.counts["answered"], window.counts["answered_within_t"]) == (1, 0)


def test_events_out_of_order_within_the_grace_period_count_the_same(replay: Replay) -> None:
    call = through_menu(CallScript("acme", "c", T0), "sales", menu_ms=1_000)
    offer = call.after(4_000).offered("a1", "sales")
    call.connected(offer, "a1", "sales")
    call.after(10_000).ended("a1")
    events = [*call.events, call.after(5_000).wrapped_up("a1", 5_000)]  # 20 s in all
    in_order = Replay(MetricsConfig())(events)
    replay(reversed(events))
    assert replay.window("tenant", T0, 15) == in_order.window("tenant", T0, 15)
    assert replay.engine.live("acme", T0) == in_order.engine.live("acme", T0)
