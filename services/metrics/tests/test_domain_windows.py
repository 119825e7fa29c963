"""Windows on the clock, rolling windows, finality after the grace period, late events."""

from __future__ import annotations

import pytest

from chassis.tenants import parse_tenants
from metrics.domain import MetricsConfig, Outcome, config_from_tenants
from metrics.reference.replay import Replay
from metrics.reference.scenarios import abandoned_call, answered_call, by_time, through_menu
from metrics.reference.script import MONDAY_9, CallScript

MINUTE = 60_000
T0 = MONDAY_9  # 09:00 UTC


def test_tumbling_windows_start_on_the_clock(replay: Replay) -> None:
    before = answered_call("before", 10_000, at=T0 + 15 * MINUTE - 20_000 - 1)  # 09:14:59.999
    after = answered_call("after", 10_000, at=T0 + 15 * MINUTE - 20_000)  # 09:15:00.000
    replay(by_time(before, after)).advance(T0 + 60 * MINUTE)

    assert replay.final("queue:sales", T0, 15).counts["answered"] == 1
    assert replay.final("queue:sales", T0 + 15 * MINUTE, 15).counts["answered"] == 1
    assert replay.final("queue:sales", T0, 30).counts["answered"] == 2
    sizes = {w.end_ms - w.start_ms for w in replay.published}
    assert sizes == {15 * MINUTE, 30 * MINUTE}
    assert all(w.start_ms % (w.end_ms - w.start_ms) == 0 for w in replay.published)


def test_a_call_counts_where_its_wait_ended(replay: Replay) -> None:
    # Queued at 09:14:50, answered at 09:15:10: offered and answered in 09:15-09:30.
    replay(answered_call("c", 20_000, at=T0 + 14 * MINUTE + 40_000)).advance(T0 + MINUTE * 60)
    first = {w.scope for w in replay.published if (w.start_ms, w.end_ms) == (T0, T0 + 15 * MINUTE)}
    assert first == {"tenant"}  # the menu was left then: IVR figures only
    second = replay.final("queue:sales", T0 + 15 * MINUTE, 15)
    assert (second.counts["offered"], second.counts["answered"]) == (1, 1)
    assert second.measures["asa_s"] == 20
    assert replay.final("tenant", T0, 15).counts["ivr_calls"] == 1  # it left the menu then


def test_a_window_is_published_once_when_the_grace_period_is_over(config: MetricsConfig) -> None:
    replay = Replay(config)(answered_call("c", 5_000, at=T0 + 5 * MINUTE))
    end = T0 + 15 * MINUTE
    assert not replay.advance(end + config.grace_ms - 1).published
    replay.advance(end + config.grace_ms)
    assert {(w.scope, w.start_ms, w.final) for w in replay.published if w.end_ms == end} == {
        ("queue:sales", T0, True),
        ("agent:a1", T0, True),
        ("tenant", T0, True),
    }
    published = len(replay.published)
    replay.advance(end + config.grace_ms + 1)
    assert len(replay.published) == published


def test_an_event_within_the_grace_period_lands_in_its_window(config: MetricsConfig) -> None:
    replay = Replay(config)(abandoned_call("on-time", 5_000, at=T0 + 15 * MINUTE - 10_000))
    assert replay.watermark == T0 + 15 * MINUTE + 5_000
    replay(abandoned_call("behind", 20_000, at=T0 + 14 * MINUTE + 20_000))  # ends 09:14:50
    replay.advance(T0 + 16 * MINUTE)
    assert replay.final("queue:sales", T0, 15).counts["abandoned"] == 1


def test_a_late_event_is_counted_and_final_windows_do_not_change(replay: Replay) -> None:
    replay(answered_call("c", 5_000, at=T0 + 10 * MINUTE)).advance(T0 + 16 * MINUTE)
    published = replay.final("queue:sales", T0, 15)

    applied = [replay.engine.apply(e) for e in abandoned_call("late", 20_000, at=T0 + 12 * MINUTE)]

    assert all(a.late and a.outcome is Outcome.APPLIED for a in applied)  # recent: recorded
    assert replay.engine.clock("acme").late_events == len(applied)  # type: ignore[union-attr]
    assert replay.window("queue:sales", T0, 15) == published
    assert replay.engine.live("acme", T0).queues == {}  # gone as far as the live state goes


def test_a_late_event_of_a_call_long_forgotten_is_dropped(replay: Replay) -> None:
    replay(answered_call("c", 5_000, at=T0 + 10 * MINUTE)).advance(T0 + 16 * MINUTE)
    received = abandoned_call("ancient", 20_000, at=T0 - 20 * MINUTE)[0]
    assert replay.engine.apply(received).outcome is Outcome.DROPPED_LATE
    assert "ancient" not in replay.engine.tables.calls


def test_a_late_event_still_corrects_windows_not_final_yet(replay: Replay) -> None:
    call = through_menu(CallScript("acme", "c", T0 + 10 * MINUTE), "sales")
    first_queued = call.at
    call.connected(call.after(10_000).offered("a1", "sales"), "a1", "sales")
    transfer = call.after(4 * MINUTE).transferred("a1", queue_id="care")  # 09:14:20
    call.after(90_000).queued("care", first_queued)  # 09:15:50
    call.connected(call.after(30_000).offered("a2", "care"), "a2", "care")  # 09:16:20
    replay([e for e in call.events if e is not transfer])
    assert replay.window("queue:care", T0 + 15 * MINUTE, 15).measures["asa_s"] == 370

    applied = replay.engine.apply(transfer)  # 2 minutes late

    assert applied.late and applied.outcome is Outcome.APPLIED
    assert replay.window("queue:care", T0 + 15 * MINUTE, 15).measures["asa_s"] == 120
    assert replay.window("queue:sales", T0, 15).counts["transfers"] == 0  # final already


def test_the_longest_wait_is_recomputed_when_the_longest_one_is_corrected(replay: Replay) -> None:
    call = through_menu(CallScript("acme", "c", T0), "sales", menu_ms=1_000)
    first_queued = call.at
    call.connected(call.offered("a1", "sales"), "a1", "sales")
    transfer = call.after(10_000).transferred("a1", queue_id="care")
    call.queued("care", first_queued)
    call.connected(call.after(3_000).offered("a2", "care"), "a2", "care")
    other = answered_call("other", 8_000, at=T0, queue_id="care")
    replay(by_time([e for e in call.events if e is not transfer], other))
    assert replay.window("queue:care", T0, 15).measures["longest_wait_s"] == 13
    replay([transfer])  # within the grace period: care answered 3 s after it, not 13 s
    assert replay.window("queue:care", T0, 15).measures["longest_wait_s"] == 8
    replay.advance(T0 + 16 * MINUTE)
    assert replay.final("queue:care", T0, 15).measures["longest_wait_s"] == 8


def test_rolling_windows_are_the_last_whole_minutes(replay: Replay) -> None:
    # Abandoned at 09:15:59.999, 09:16:00 and 09:20:30.
    calls = [
        abandoned_call(f"c{n}", 10_000, at=T0 + at - 20_000)
        for n, at in enumerate((15 * MINUTE + 59_999, 16 * MINUTE, 20 * MINUTE + 30_000))
    ]
    replay(by_time(*calls))
    now = T0 + 20 * MINUTE + 30_000
    assert replay.watermark == now
    last_5 = replay.engine.rolling("acme", "queue:sales", 300, now)
    assert (last_5.start_ms, last_5.end_ms) == (T0 + 16 * MINUTE, T0 + 21 * MINUTE)
    assert last_5.counts["abandoned"] == 2 and not last_5.final
    assert replay.engine.rolling("acme", "queue:sales", 900, now).counts["abandoned"] == 3
    current = replay.engine.tumbling("acme", "queue:sales", 900, now)
    assert (current.start_ms, current.counts["abandoned"]) == (T0 + 15 * MINUTE, 3)


def test_thresholds_and_targets_come_from_the_tenants_file() -> None:
    tenants = parse_tenants(
        {"tenants": {"acme": {"queues": {"vip": {"service_level_threshold_s": 10}, "sales": {}}}}}
    )
    config = config_from_tenants(tenants, grace_s=10)
    assert config.grace_s == 10
    assert config.targets("acme", "vip").threshold_ms == 10_000
    assert config.targets("acme", "sales").service_level_target == 0.8
    assert config.targets("other", "vip") == config.default_targets


def test_windows_must_be_whole_buckets_on_the_clock() -> None:
    with pytest.raises(ValueError, match="whole number"):
        MetricsConfig(bucket_s=60, rolling_s=(90,))
    with pytest.raises(ValueError, match="divide a day"):
        MetricsConfig(tumbling_s=(7 * 60,))
