"""Live state (calls waiting, in the menu, agents by state) and agents' time in states."""

from __future__ import annotations

import json

from callcenter.v1.envelope_pb2 import Event
from metrics.domain import MetricsConfig, MetricsEngine, Tables
from metrics.domain.times import ms_of
from metrics.reference.replay import Replay
from metrics.reference.scenarios import by_time, through_menu
from metrics.reference.script import MONDAY_9, AgentScript, CallScript

MINUTE = 60_000
T0 = MONDAY_9


def agents_at_nine() -> list[Event]:
    a1 = AgentScript("acme", "a1", T0)
    a1.logged_in("sales", "care")
    a1.state("AVAILABLE")
    a1.after(2 * MINUTE).state("RESERVED")
    a1.after(10_000).state("ON_CALL")
    a1.after(170_000).state("WRAP_UP", "caller_hung_up")  # 09:05
    a1.after(MINUTE).state("AVAILABLE")  # 09:06
    a1.after(4 * MINUTE).state("BREAK", "lunch")  # 09:10, still on break
    a2 = AgentScript("acme", "a2", T0)
    a2.logged_in("care")
    a2.state("BREAK", "coffee")
    a3 = AgentScript("acme", "a3", T0)
    a3.logged_in("sales")
    a3.state("AVAILABLE")
    a3.after(MINUTE).state("LOGGED_OUT")
    return by_time(a1.events, a2.events, a3.events)


def test_time_in_states_and_occupancy_of_a_final_window(replay: Replay) -> None:
    replay(agents_at_nine()).advance(T0 + 15 * MINUTE + 30_000)

    a1 = replay.final("agent:a1", T0, 15)
    assert a1.agent_time_s == {
        "AVAILABLE": 6 * 60,
        "BREAK/lunch": 5 * 60,
        "ON_CALL": 170,
        "RESERVED": 10,
        "WRAP_UP": 60,
    }
    assert a1.measures["occupancy"] == 240 / (240 + 360)
    tenant = replay.final("tenant", T0, 15)
    assert tenant.agent_time_s["BREAK/coffee"] == 15 * 60  # a2 all along
    assert tenant.agent_time_s["AVAILABLE"] == 6 * 60 + 60  # a3 logged out after a minute


def test_the_state_agents_are_still_in_counts_up_to_now(replay: Replay) -> None:
    replay(agents_at_nine())
    now = T0 + 12 * MINUTE
    current = replay.engine.tumbling("acme", "agent:a1", 900, now)
    assert current.agent_time_s["BREAK/lunch"] == 2 * 60
    assert replay.engine.rolling("acme", "agent:a2", 300, now).agent_time_s == {
        "BREAK/coffee": 4 * 60  # 09:08 to now, in the buckets 09:08-09:13
    }


def test_live_calls_waiting_in_the_menu_and_agents_by_state(replay: Replay) -> None:
    waiting = through_menu(CallScript("acme", "waiting", T0 + 5 * MINUTE), "sales")
    answered = through_menu(CallScript("acme", "answered", T0 + 5 * MINUTE), "sales")
    answered.connected(answered.after(5_000).offered("a1", "sales"), "a1", "sales")
    in_menu = CallScript("acme", "in-menu", T0 + 6 * MINUTE)
    in_menu.received()
    in_menu.ivr_started()
    agents = [e for e in agents_at_nine() if ms_of(e.occurred_at) < T0 + 7 * MINUTE]
    replay(by_time(agents, waiting.events, answered.events, in_menu.events))

    live = replay.engine.live("acme", T0 + 7 * MINUTE)
    assert (live.calls_in_ivr, live.longest_in_ivr_s) == (1, 60)
    assert (live.total.calls_waiting, live.total.longest_wait_s) == (1, 110)
    assert live.total.agents_by_state == {"AVAILABLE": 1, "BREAK": 1}
    assert live.total.breaks_by_reason == {"coffee": 1}
    assert live.queues["sales"].calls_waiting == 1
    assert live.queues["sales"].agents_by_state == {"AVAILABLE": 1}  # a3 logged out
    assert live.queues["care"].agents_by_state == {"AVAILABLE": 1, "BREAK": 1}


def test_after_a_transfer_the_caller_waits_again_from_the_transfer(replay: Replay) -> None:
    call = through_menu(CallScript("acme", "c", T0), "sales")
    first_queued = call.at
    call.connected(call.after(10_000).offered("a1", "sales"), "a1", "sales")
    call.after(MINUTE).transferred("a1", queue_id="care")
    replay([*call.events, call.after(1_000).queued("care", first_queued)])
    live = replay.engine.live("acme", call.at + 4_000)
    assert live.queues["care"].longest_wait_s == 5


def test_a_restored_engine_rebuilds_the_live_state(replay: Replay, config: MetricsConfig) -> None:
    waiting = through_menu(CallScript("acme", "waiting", T0), "sales")
    replay(by_time(agents_at_nine(), waiting.events))
    stored = replay.engine.tables
    restored = Tables(
        **{name: json.loads(json.dumps(getattr(stored, name))) for name in vars(stored)}
    )
    engine = MetricsEngine(config, restored)
    now = T0 + 11 * MINUTE
    assert engine.live("acme", now) == replay.engine.live("acme", now)
    assert engine.rolling("acme", "tenant", 900, now) == replay.engine.rolling(
        "acme", "tenant", 900, now
    )
