"""Alerts raised when a queue crosses a threshold, cleared with hysteresis."""

from __future__ import annotations

import json

from metrics.domain import (
    AlertCleared,
    AlertEvaluator,
    AlertKind,
    AlertRaised,
    AlertRule,
    AlertSettings,
    QueueTargets,
    readings,
    rules_for,
)
from metrics.domain.live import Presence
from metrics.reference.replay import Replay
from metrics.reference.scenarios import abandoned_call, answered_call, by_time
from metrics.reference.script import MONDAY_9

SL = AlertRule(AlertKind.SERVICE_LEVEL_BELOW_TARGET, 0.8, clear_margin=0.05, clear_after_ms=60_000)
WAIT = AlertRule(AlertKind.LONGEST_WAIT_ABOVE_LIMIT, 120, clear_margin=15, clear_after_ms=0)


def judge(rule: AlertRule, values: list[float | None], every_ms: int = 10_000) -> list[object]:
    evaluator = AlertEvaluator()
    facts = [
        evaluator.observe("acme", "sales", rule, v, n * every_ms) for n, v in enumerate(values)
    ]
    return [fact for fact in facts if fact is not None]


def test_raised_when_the_service_level_falls_under_target() -> None:
    assert judge(SL, [0.9, 0.85, 0.79]) == [
        AlertRaised("acme", "sales", AlertKind.SERVICE_LEVEL_BELOW_TARGET, 0.79, 0.8, 20_000)
    ]


def test_values_around_the_threshold_do_not_flap() -> None:
    facts = judge(SL, [0.79, 0.81, 0.79, 0.82, 0.78, 0.84, 0.79])
    assert [type(fact) for fact in facts] == [AlertRaised]


def test_cleared_only_after_staying_past_the_margin() -> None:
    # Raised at 0; back over 85 % at 10 s; a dip at 40 s restarts the wait; clear at 110 s.
    values = [0.7, 0.86, 0.9, 0.9, 0.84, 0.86, *[0.9] * 6]
    facts = judge(SL, values)
    assert facts[1:] == [
        AlertCleared("acme", "sales", AlertKind.SERVICE_LEVEL_BELOW_TARGET, 0.9, 0.8, 0, 110_000)
    ]


def test_raising_may_wait_for_a_breach_to_last() -> None:
    patient = AlertRule(AlertKind.ABANDON_RATE_ABOVE_TARGET, 0.05, 0.01, raise_after_ms=30_000)
    assert judge(patient, [0.06, 0.07, 0.03, 0.06, 0.06, 0.06]) == []
    (raised,) = judge(patient, [0.06, 0.07, 0.06, 0.06])
    assert isinstance(raised, AlertRaised) and raised.at_ms == 30_000


def test_higher_is_worse_for_waits_and_no_reading_changes_nothing() -> None:
    facts = judge(WAIT, [100, 130, None, 110, None, 104])
    assert [(type(f), f.value) for f in facts] == [(AlertRaised, 130), (AlertCleared, 104)]  # type: ignore[attr-defined]


def test_alert_state_is_plain_json() -> None:
    store: dict[str, object] = {}
    assert isinstance(AlertEvaluator(store).observe("acme", "sales", WAIT, 200, 0), AlertRaised)
    restored = AlertEvaluator(json.loads(json.dumps(store)))
    assert restored.observe("acme", "sales", WAIT, 200, 10_000) is None  # raised already
    assert isinstance(restored.observe("acme", "sales", WAIT, 10, 20_000), AlertCleared)


def test_readings_from_a_rolling_window_and_the_live_queue(replay: Replay) -> None:
    settings = AlertSettings(min_calls=4)
    calls = [answered_call(f"a{n}", 30_000, at=MONDAY_9 + n * 1_000) for n in range(3)]
    replay(by_time(*calls, abandoned_call("x", 60_000)))
    window = replay.engine.rolling("acme", "queue:sales", 900, replay.watermark)
    waiting = Presence(calls_waiting=2, longest_wait_s=150.0)
    values = readings(window, waiting, settings)
    assert values == {
        AlertKind.SERVICE_LEVEL_BELOW_TARGET: 0.0,
        AlertKind.ABANDON_RATE_ABOVE_TARGET: 0.25,
        AlertKind.LONGEST_WAIT_ABOVE_LIMIT: 150.0,
    }
    assert readings(window, None, AlertSettings(min_calls=5)) == {
        AlertKind.SERVICE_LEVEL_BELOW_TARGET: None,
        AlertKind.ABANDON_RATE_ABOVE_TARGET: None,
        AlertKind.LONGEST_WAIT_ABOVE_LIMIT: 0.0,
    }
    rules = rules_for(QueueTargets(service_level_target=0.9), settings)
    assert [(r.kind, r.threshold) for r in rules] == [
        (AlertKind.SERVICE_LEVEL_BELOW_TARGET, 0.9),
        (AlertKind.ABANDON_RATE_ABOVE_TARGET, 0.05),
        (AlertKind.LONGEST_WAIT_ABOVE_LIMIT, 120.0),
    ]
