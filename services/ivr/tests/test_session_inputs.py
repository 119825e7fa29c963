"""Keys, silence, timers and hang-ups; and the commands a session refuses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from ivr.domain import (
    AbandonedInIvr,
    AttributesLearned,
    CallbackRequested,
    FireTimer,
    ForeignFlow,
    HungUp,
    InputFailure,
    InputRejected,
    IvrSession,
    NodeEntered,
    ReceiveDigits,
    RequiredSkill,
    RoutedToQueue,
    SessionAlreadyStarted,
    SessionClosed,
    SessionFinished,
    SessionNotStarted,
    StartSession,
    Status,
    UnknownFlowVersion,
)
from ivr.flows import Flow, QueueStatus

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
Driver = Callable[..., Any]


def no_router(queue_id: str) -> QueueStatus:
    raise AssertionError(f"asked about {queue_id}")


@pytest.fixture
def strict_menu(flow_of: Callable[..., Flow]) -> Flow:
    """A menu whose ways out tell silence from wrong keys."""
    menu = {"type": "menu", "prompt": "ask", "options": {"1": "q"}, "max_attempts": 3}
    return flow_of(
        {
            "ask": menu | {"no_input": "silent", "invalid": "confused"},
            "q": {"type": "queue", "queue": "q"},
            "silent": {"type": "hangup", "prompt": "bye-silent"},
            "confused": {"type": "hangup", "prompt": "bye-confused"},
        }
    )


def test_a_wrong_key_asks_again(call: Driver, strict_menu: Flow) -> None:
    driver = call(strict_menu)
    driver.start()
    events = driver.press("5")
    at = driver.now
    assert events == [
        InputRejected("ask", 1, InputFailure.INVALID, "5", at),
        NodeEntered("ask", 2, "ask", True, driver.state.timer.deadline, at),
    ]
    assert driver.press("1")[0].attempt == 2
    assert driver.state.status is Status.QUEUED


def test_silence_runs_out_of_attempts_to_the_no_input_branch(
    call: Driver, strict_menu: Flow
) -> None:
    driver = call(strict_menu)
    driver.start()
    driver.time_out()
    driver.time_out()
    events = driver.time_out()
    assert events == [
        InputRejected("ask", 3, InputFailure.NO_INPUT, "", driver.now),
        NodeEntered("silent", 1, None, False, None, driver.now),
        HungUp("bye-silent", driver.now),
    ]


def test_wrong_keys_run_out_of_attempts_to_the_invalid_branch(
    call: Driver, strict_menu: Flow
) -> None:
    driver = call(strict_menu)
    driver.start()
    driver.press("12")  # one key is asked for: two are wrong
    driver.press("#")
    assert driver.press("7")[-1] == HungUp("bye-confused", driver.now)


def test_the_last_failure_picks_the_branch(call: Driver, strict_menu: Flow) -> None:
    driver = call(strict_menu)
    driver.start()
    driver.press("8")
    driver.press("8")
    assert driver.time_out()[-1] == HungUp("bye-silent", driver.now)


def to_account(call: Driver, flow: Flow) -> Any:
    driver = call(flow)
    driver.start()
    driver.time_out()
    driver.press("2")
    return driver


@pytest.mark.parametrize("digits", ["12345#", "12345678901", "1234a678", "123#456#", ""])
def test_collect_digits_rejects_what_does_not_fit(
    call: Driver, sample_flow: Flow, digits: str
) -> None:
    driver = to_account(call, sample_flow)
    events = driver.press(digits)
    assert events[0] == InputRejected("account", 1, InputFailure.INVALID, digits, driver.now)
    assert events[1].node_id == "account"
    assert events[1].attempt == 2


def test_collect_digits_without_terminator(call: Driver, sample_flow: Flow) -> None:
    driver = to_account(call, sample_flow)
    driver.press("1234567890")
    assert driver.state.attributes == {"account_number": "1234567890"}


def test_collect_digits_failure_branch(call: Driver, sample_flow: Flow) -> None:
    driver = to_account(call, sample_flow)
    driver.press("1")
    driver.time_out()
    events = driver.press("2#")
    assert events[0] == InputRejected("account", 3, InputFailure.INVALID, "2#", driver.now)
    time_in_ivr = (driver.now - T0).total_seconds()
    assert events[-1] == RoutedToQueue("general", 0, (), {}, time_in_ivr, None, driver.now)


def test_keys_are_ignored_when_nothing_is_asked(call: Driver, sample_flow: Flow) -> None:
    driver = call(sample_flow)
    driver.start()
    assert driver.press("1") == []  # during the welcome prompt
    driver.time_out()
    driver.press("1")  # the sales queue: no callback key there
    assert driver.press("1") == []


def test_the_callback_key_while_queued_keeps_priority_and_skills(
    call: Driver, sample_flow: Flow
) -> None:
    driver = to_account(call, sample_flow)
    driver.press("12345678")
    assert driver.press("2") == []
    assert driver.press("1") == [
        CallbackRequested(
            "support",
            "+33600000001",
            0,
            (RequiredSkill("support", 5),),
            {"account_number": "12345678"},
            True,
            driver.now,
        )
    ]
    assert driver.state.status is Status.FINISHED


def test_a_timer_acts_once_and_never_early(call: Driver, sample_flow: Flow) -> None:
    driver = call(sample_flow)
    driver.start()
    deadline = driver.state.timer.deadline
    assert len(driver.do_timer_at(deadline)) == 3
    assert driver.do_timer_at(deadline) == []  # the same timer again: the menu's is not due
    driver.press("2")
    assert driver.do_timer_at(driver.now) == []


def test_hanging_up_in_the_menu_is_an_abandon(call: Driver, sample_flow: Flow) -> None:
    driver = call(sample_flow)
    driver.start()
    driver.time_out()
    assert driver.hang_up(after=2) == [AbandonedInIvr("main_menu", 6.0, driver.now)]
    with pytest.raises(SessionFinished):
        driver.press("1")


def test_hanging_up_while_queued_closes_the_session(call: Driver, sample_flow: Flow) -> None:
    driver = to_account(call, sample_flow)
    driver.press("12345678")
    assert driver.learn(language="fr") == []  # too late to change the routing
    assert driver.hang_up() == [SessionClosed(driver.now)]
    assert driver.state.status is Status.FINISHED
    assert driver.state.timer is None
    with pytest.raises(SessionFinished):
        driver.do(FireTimer(driver.now))


def test_learned_attributes_while_in_the_menu(call: Driver, sample_flow: Flow) -> None:
    driver = call(sample_flow)
    driver.start()
    assert driver.learn(vip_tier="gold") == [AttributesLearned({"vip_tier": "gold"}, T0)]
    assert driver.state.attributes == {"vip_tier": "gold"}


def test_decide_changes_nothing(call: Driver, sample_flow: Flow) -> None:
    driver = call(sample_flow)
    driver.start()
    before = driver.state
    driver.session.decide(FireTimer(driver.state.timer.deadline), driver.status)
    assert driver.session.state is before


def start(flow: Flow, tenant_id: str = "acme") -> StartSession:
    return StartSession("call-1", tenant_id, flow, "+33600000001", T0)


def test_commands_before_the_start_are_refused(sample_flow: Flow) -> None:
    with pytest.raises(SessionNotStarted):
        IvrSession({sample_flow.ref: sample_flow}).decide(ReceiveDigits("1", T0), no_router)


def test_a_session_starts_once(sample_flow: Flow) -> None:
    session = IvrSession({sample_flow.ref: sample_flow})
    for event in session.decide(start(sample_flow), no_router):
        session.apply(event)
    with pytest.raises(SessionAlreadyStarted):
        session.decide(start(sample_flow), no_router)


def test_a_session_runs_on_a_kept_version(sample_flow: Flow) -> None:
    started = IvrSession({sample_flow.ref: sample_flow}).decide(start(sample_flow), no_router)
    with pytest.raises(UnknownFlowVersion, match="no flow 'acme-main' of version"):
        IvrSession({}).decide(start(sample_flow), no_router)
    with pytest.raises(UnknownFlowVersion):
        IvrSession.replay({}, started)


def test_a_tenant_runs_its_own_flows(sample_flow: Flow) -> None:
    session = IvrSession({sample_flow.ref: sample_flow})
    with pytest.raises(ForeignFlow):
        session.decide(start(sample_flow, tenant_id="globex"), no_router)
