"""The service's decisions, with the log, the router and the telephony side in memory: a call
walks the demo flow; what a restart, a redelivery or a hang-up at each stage leads to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from callcenter.v1 import call_events_pb2 as pb
from callcenter.v1.common_pb2 import (
    CALL_STAGE_IVR,
    CALL_STAGE_OFFER,
    CALL_STAGE_QUEUE,
    PARTY_CALLER,
)
from ivr.adapters.flow_files import FlowLibrary
from ivr.flows import QueueStatus
from ivr.testing.memory import ACME_NUMBER, DEMO_CONFIG, Harness


async def walk_to_support(harness: Harness, call_id: str = "call-1") -> None:
    """Welcome, main menu 1 (support), support menu 1 (an outage): queued."""
    await harness.receive(call_id)
    await harness.until_due()
    await harness.press("1", call_id)
    await harness.press("1", call_id)


def prompts(harness: Harness) -> list[str]:
    return [
        c.play_prompt.prompt if c.HasField("play_prompt") else c.collect_digits.prompt
        for c in harness.outbox.commands
    ]


async def test_a_call_to_a_planned_number_starts_its_flow_and_plays_the_welcome(
    harness: Harness,
) -> None:
    await harness.receive()

    assert harness.kinds() == ["ivr_started", "ivr_node_entered"]
    assert harness.published("ivr_started")[0].flow_id == "acme-main"
    (command,) = harness.outbox.commands
    entered = harness.outbox.events[1]
    assert command.play_prompt.prompt == "acme/welcome"
    assert command.command_id == f"call-1/{entered.sequence}"
    assert (command.tenant_id, command.call_id) == ("acme", "call-1")


async def test_a_call_to_a_number_without_a_flow_is_left_alone(harness: Harness) -> None:
    await harness.receive(number="+33100000000")
    await harness.hang_up()
    assert harness.outbox.events == [] and harness.outbox.commands == []


async def test_menu_choices_queue_the_call_with_their_priority_and_skills(
    harness: Harness,
) -> None:
    await walk_to_support(harness)

    (queued,) = harness.published("call_queued")
    assert (queued.queue_id, queued.priority) == ("support", 20)
    assert [(s.name, s.min_level) for s in queued.required_skills] == [("support", 7)]
    (completed,) = harness.published("ivr_completed")
    assert completed.outcome == pb.IVR_OUTCOME_QUEUED
    assert dict(completed.collected) == {"reason": "outage"}
    assert prompts(harness) == ["acme/welcome", "acme/main-menu", "acme/support-menu"]
    menu = harness.outbox.commands[1].collect_digits
    assert (menu.min_digits, menu.max_digits) == (1, 1)


async def test_a_redelivered_keypress_is_answered_once(harness: Harness) -> None:
    await harness.receive()
    await harness.until_due()
    pressed = await harness.feed(pb.DigitsPressed(digits="1"))
    await harness.ivr.apply(pressed)
    await harness.act()

    assert len(harness.published("ivr_input_received")) == 1
    assert prompts(harness)[-1] == "acme/support-menu"


async def test_the_logs_copy_of_an_own_event_applies_once(harness: Harness) -> None:
    await harness.receive()
    await harness.until_due()
    for event in list(harness.outbox.events):
        await harness.ivr.apply(event)
    await harness.act()

    state = harness.ivr.calls["call-1"].state
    assert state is not None and (state.node_id, state.attempt) == ("main_menu", 1)
    assert len(harness.outbox.commands) == 2


async def test_a_restarted_ivr_resumes_at_the_node_and_sends_no_command_twice(
    harness: Harness, make_harness: Callable[[FlowLibrary], Harness]
) -> None:
    await harness.receive()
    await harness.until_due()  # in the main menu, waiting for a key
    log = [*harness.log, *harness.outbox.events]

    restarted = make_harness(FlowLibrary.load(DEMO_CONFIG / "flows", harness.ivr._tenants))
    restarted.now = harness.now + timedelta(seconds=2)
    restarted.ivr.live = lambda: False
    for event in log:
        await restarted.ivr.apply(event)
    restarted.ivr.live = lambda: True
    await restarted.act()
    assert restarted.outbox.events == []  # replayed: nothing decided again

    await restarted.until_due()  # the menu's no-input timeout
    assert restarted.kinds() == ["ivr_input_received", "ivr_node_entered"]
    (again,) = restarted.published("ivr_node_entered")
    assert (again.node_id, again.attempt) == ("main_menu", 2)
    (command,) = restarted.outbox.commands
    assert command.command_id not in {c.command_id for c in harness.outbox.commands}


async def test_hanging_up_in_the_menu_is_an_abandon_in_the_ivr(harness: Harness) -> None:
    await harness.receive()
    await harness.until_due()
    await harness.act(after=2)
    await harness.hang_up()

    (abandoned,) = harness.published("call_abandoned")
    assert (abandoned.stage, abandoned.ivr_node_id) == (CALL_STAGE_IVR, "main_menu")
    assert abandoned.waited.ToTimedelta() == timedelta(seconds=5)
    assert "call-1" not in harness.ivr.calls  # nothing more to follow


async def test_hanging_up_in_the_queue_is_an_abandon_in_the_queue(harness: Harness) -> None:
    await walk_to_support(harness)
    await harness.act(after=30)
    await harness.hang_up()

    assert harness.kinds()[-2:] == ["ivr_session_closed", "call_abandoned"]
    (abandoned,) = harness.published("call_abandoned")
    assert (abandoned.stage, abandoned.queue_id) == (CALL_STAGE_QUEUE, "support")
    assert abandoned.waited.ToTimedelta() == timedelta(seconds=30)


async def test_hanging_up_during_an_offer_is_an_abandon_during_the_offer(
    harness: Harness,
) -> None:
    await walk_to_support(harness)
    await harness.feed(pb.CallOffered(offer_id="o1", agent_id="a1", queue_id="support"))
    await harness.hang_up()

    (abandoned,) = harness.published("call_abandoned")
    assert (abandoned.stage, abandoned.queue_id) == (CALL_STAGE_OFFER, "support")


async def test_an_answered_call_leaves_the_ivr_and_its_hang_up_ends_the_conversation(
    harness: Harness,
) -> None:
    await walk_to_support(harness)
    await harness.feed(pb.CallConnected(agent_id="a1", queue_id="support"))
    await harness.act()
    (closed,) = harness.published("ivr_session_closed")
    assert closed.reason == "call_connected"

    assert await harness.act(after=120) is None  # no announcement any more
    await harness.hang_up()
    assert harness.published("call_ended") == [pb.CallEnded(ended_by=PARTY_CALLER, agent_id="a1")]
    assert harness.published("call_abandoned") == []


async def test_announcements_tell_the_place_in_line_and_the_routers_estimate(
    harness: Harness,
) -> None:
    await harness.feed(pb.CallQueued(queue_id="support", priority=50), "call-0")
    harness.figures.statuses["support"] = QueueStatus("support", 200.0, None, 0)
    await walk_to_support(harness)
    await harness.until_due()  # a minute later

    (told,) = harness.published("ivr_wait_announced")
    assert (told.status.position, told.announced_wait.seconds) == (2, 200)
    assert harness.figures.asked[-1] == ("support", 2)
    variables = harness.outbox.commands[-1].play_prompt.variables
    assert dict(variables) == {"queue": "support", "position": "2", "wait_minutes": "4"}


async def test_a_long_billing_wait_offers_a_callback(harness: Harness) -> None:
    harness.figures.statuses["billing"] = QueueStatus("billing", 600.0, None, 0)
    await harness.receive()
    await harness.until_due()
    await harness.press("2")
    await harness.press("123456#")
    await harness.press("1")

    (completed,) = harness.published("ivr_completed")
    assert (completed.outcome, completed.queue_id) == (pb.IVR_OUTCOME_CALLBACK, "billing")
    assert dict(completed.collected) == {"account_number": "123456"}
    (callback,) = harness.published("callback_requested")
    assert (callback.callback_number, callback.while_queued) == ("+33612345678", False)
    assert harness.outbox.commands[-1].HasField("hang_up")
    assert harness.published("call_queued") == []


async def test_without_the_routers_figures_the_call_goes_on_to_its_queue(
    harness: Harness,
) -> None:
    await harness.receive()
    await harness.until_due()
    await harness.press("2")
    await harness.press("123456#")

    (queued,) = harness.published("call_queued")
    assert queued.queue_id == "billing"
    (branch,) = harness.published("ivr_branch_taken")
    assert branch.branch == "otherwise"
    assert branch.queue_statuses[0].queue_id == "billing"


async def test_what_the_crm_finds_is_recorded_while_in_the_menu(harness: Harness) -> None:
    await harness.receive()
    await harness.feed(pb.CustomerIdentified(attributes={"vip_tier": "gold"}))
    await harness.act()

    (learned,) = harness.published("ivr_attributes_set")
    assert (learned.node_id, dict(learned.attributes)) == ("", {"vip_tier": "gold"})
    state = harness.ivr.calls["call-1"].state
    assert state is not None and state.attributes == {"vip_tier": "gold"}


async def test_a_call_that_arrived_while_the_ivr_was_down_starts_once_it_is_live(
    harness: Harness,
) -> None:
    harness.ivr.live = lambda: False
    await harness.feed(pb.CallReceived(caller_number="+33612345678", dialed_number=ACME_NUMBER))
    await harness.feed(
        pb.CallReceived(caller_number="+33612345679", dialed_number=ACME_NUMBER), "c2"
    )
    await harness.feed(pb.CallerHungUp(), "c2")  # gone before the IVR was back
    harness.ivr.live = lambda: True
    await harness.act(after=4)

    assert harness.kinds() == ["ivr_started", "ivr_node_entered"]
    (abandoned,) = harness.published("call_abandoned", "c2")
    assert (abandoned.stage, abandoned.ivr_node_id) == (CALL_STAGE_IVR, "")
    assert abandoned.waited.ToTimedelta() == timedelta(seconds=4)


async def test_a_call_from_before_the_ivr_existed_is_not_started(harness: Harness) -> None:
    harness.ivr.live = lambda: False
    await harness.feed(pb.CallReceived(caller_number="+33612345678", dialed_number=ACME_NUMBER))
    harness.ivr.live = lambda: True
    await harness.act(after=3600)
    assert harness.outbox.events == []
