"""A call through the sample flow: what entering each type of node decides."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ivr.domain import (
    AttributesSet,
    BranchTaken,
    CallbackRequested,
    HungUp,
    InputAccepted,
    InputFailure,
    InputRejected,
    NodeEntered,
    RequiredSkill,
    RoutedToQueue,
    SessionStarted,
    Status,
    TimerPurpose,
    TransferredOut,
    WaitAnnounced,
)
from ivr.flows import Flow, QueueStatus

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # Monday, 10:00 in Paris
CALLER = "+33600000001"
Driver = Callable[..., Any]


def seconds(count: float) -> timedelta:
    return timedelta(seconds=count)


def at_main_menu(call: Driver, flow: Flow, **options: Any) -> Any:
    driver = call(flow, **options)
    driver.start()
    driver.time_out()
    return driver


def at_vip_check(call: Driver, flow: Flow, **options: Any) -> Any:
    driver = at_main_menu(call, flow, **options)
    driver.press("2")
    return driver


def test_the_session_starts_at_the_entry(call: Driver, sample_flow: Flow) -> None:
    driver = call(sample_flow)
    assert driver.start() == [
        SessionStarted("call-1", "acme", "acme-main", sample_flow.version, CALLER, T0),
        NodeEntered("welcome", 1, "acme/welcome", False, T0 + seconds(4), T0),
    ]
    assert driver.state.status is Status.IN_MENU
    assert driver.state.timer.purpose is TimerPurpose.PROMPT_END


def test_a_play_node_moves_on_when_its_prompt_is_over(call: Driver, sample_flow: Flow) -> None:
    driver = call(sample_flow)
    driver.start()
    assert driver.do_timer_at(T0 + seconds(3.9)) == []
    at = T0 + seconds(4)
    assert driver.do_timer_at(at) == [
        NodeEntered("hours", 1, None, False, None, at),
        BranchTaken("hours", "open", "main_menu", (), at),
        NodeEntered("main_menu", 1, "acme/main-menu", True, at + seconds(6 + 5), at),
    ]
    assert driver.state.timer.purpose is TimerPurpose.INPUT_TIMEOUT


def test_closed_hours_play_the_closed_message(call: Driver, sample_flow: Flow) -> None:
    sunday = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    driver = call(sample_flow, start=sunday)
    driver.start()
    at = sunday + seconds(4)
    assert driver.time_out() == [
        NodeEntered("hours", 1, None, False, None, at),
        BranchTaken("hours", "closed", "closed_message", (), at),
        NodeEntered("closed_message", 1, None, False, None, at),
        HungUp("acme/closed", at),
    ]
    assert driver.state.status is Status.FINISHED
    assert driver.state.timer is None


def test_holidays_close_too(call: Driver, sample_flow: Flow) -> None:
    christmas_eve = datetime(2026, 12, 24, 9, 0, tzinfo=UTC)  # a Thursday
    driver = call(sample_flow, start=christmas_eve)
    driver.start()
    assert isinstance(driver.time_out()[-1], HungUp)


def test_a_menu_option_leads_to_a_queue(call: Driver, sample_flow: Flow) -> None:
    driver = at_main_menu(call, sample_flow)
    at = T0 + seconds(5)
    assert driver.press("1") == [
        InputAccepted("main_menu", 1, "1", None, at),
        NodeEntered("sales", 1, None, False, None, at),
        RoutedToQueue("sales", 10, (), {}, 5.0, None, at),
    ]
    assert driver.state.status is Status.QUEUED


def test_a_transfer_node(call: Driver, sample_flow: Flow) -> None:
    driver = at_main_menu(call, sample_flow)
    assert driver.press("0")[-1] == TransferredOut("+33123456789", T0 + seconds(5))
    assert driver.state.status is Status.FINISHED


def test_collected_digits_reach_the_queue(call: Driver, sample_flow: Flow) -> None:
    driver = at_vip_check(call, sample_flow)
    at = T0 + seconds(6)
    support = QueueStatus("support", 30.0, None, 1)
    assert driver.press("12345678#", after=1) == [
        InputAccepted("account", 1, "12345678", "account_number", at),
        NodeEntered("vip_check", 1, None, False, None, at),
        BranchTaken("vip_check", "otherwise", "support_queue", (support,), at),
        NodeEntered("support_queue", 1, None, False, None, at),
        RoutedToQueue(
            "support",
            0,
            (RequiredSkill("support", 5),),
            {"account_number": "12345678"},
            6.0,
            at + seconds(60),
            at,
        ),
    ]
    assert driver.asked == ["support"]  # two branches asked about one queue: asked once
    assert driver.state.timer.purpose is TimerPurpose.ANNOUNCEMENT


def test_crm_attributes_pick_a_branch(call: Driver, sample_flow: Flow) -> None:
    driver = at_vip_check(call, sample_flow)
    driver.learn(vip_tier="gold")
    events = driver.press("12345678")
    assert events[2] == BranchTaken("vip_check", "branches.0", "vip_queue", (), driver.now)
    assert events[-1].priority == 50
    assert driver.asked == []


def test_set_attributes_raises_priority_and_adds_skills(call: Driver, sample_flow: Flow) -> None:
    driver = at_vip_check(call, sample_flow)
    driver.learn(language="fr")
    events = driver.press("12345678")
    french = (RequiredSkill("french", 3),)
    assert events[3:5] == [
        NodeEntered("set_french", 1, None, False, None, driver.now),
        AttributesSet("set_french", {"language": "fr"}, 5, french, driver.now),
    ]
    routed = events[-1]
    assert isinstance(routed, RoutedToQueue)
    assert routed.priority == 5
    assert routed.skills == (RequiredSkill("french", 3), RequiredSkill("support", 5))
    assert routed.attributes == {"language": "fr", "account_number": "12345678"}


def test_a_long_wait_offers_a_callback(call: Driver, sample_flow: Flow) -> None:
    slow = QueueStatus("support", 400.0, None, 2)
    driver = at_vip_check(call, sample_flow, statuses={"support": slow})
    events = driver.press("12345678")
    assert events[2] == BranchTaken(
        "vip_check", "branches.2", "offer_callback", (slow,), driver.now
    )
    prompt = "acme/press-1-for-callback"
    assert events[3] == NodeEntered(
        "offer_callback", 1, prompt, True, driver.now + seconds(10), driver.now
    )
    accepted = driver.press("1")
    assert accepted == [
        InputAccepted("offer_callback", 1, "1", None, driver.now),
        CallbackRequested(
            "support", CALLER, 0, (), {"account_number": "12345678"}, False, driver.now
        ),
    ]
    assert driver.state.status is Status.FINISHED


def test_no_agent_offers_a_callback(call: Driver, sample_flow: Flow) -> None:
    nobody = QueueStatus("support", 10.0, None, 0)
    driver = at_vip_check(call, sample_flow, statuses={"support": nobody})
    assert driver.press("12345678")[2].branch == "branches.3"


def test_a_declined_callback_announces_the_wait_then_queues(
    call: Driver, sample_flow: Flow
) -> None:
    slow = QueueStatus("support", 400.0, None, 2)
    driver = at_vip_check(call, sample_flow, statuses={"support": slow})
    driver.press("12345678")
    at = driver.now + seconds(1)
    assert driver.press("7") == [
        InputAccepted("offer_callback", 1, "7", None, at),
        NodeEntered("announce", 1, None, False, at + seconds(5), at),
        WaitAnnounced("support", None, 400.0, False, True, None, at),
    ]
    routed = driver.time_out()[-1]
    assert isinstance(routed, RoutedToQueue)
    assert routed.queue_id == "support"


def test_silence_declines_a_callback(call: Driver, sample_flow: Flow) -> None:
    slow = QueueStatus("support", 400.0, None, 2)
    driver = at_vip_check(call, sample_flow, statuses={"support": slow})
    driver.press("12345678")
    events = driver.time_out()
    assert events[0] == InputRejected("offer_callback", 1, InputFailure.NO_INPUT, "", driver.now)
    assert events[1].node_id == "announce"


def test_the_queue_takes_the_highest_priority_and_level(
    call: Driver, flow_of: Callable[..., Flow]
) -> None:
    tag = {"type": "set_attributes", "priority": 70, "next": "q"}
    tag["skills"] = [{"name": "support", "min_level": 3}, {"name": "billing", "min_level": 2}]
    queue = {"type": "queue", "queue": "support", "priority": 20}
    queue["skills"] = [{"name": "support", "min_level": 5}]
    driver = call(flow_of({"tag": tag, "q": queue}))
    routed = driver.start()[-1]
    assert isinstance(routed, RoutedToQueue)
    assert routed.priority == 70
    assert routed.skills == (RequiredSkill("billing", 2), RequiredSkill("support", 5))
