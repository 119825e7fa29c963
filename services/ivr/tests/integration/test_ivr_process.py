"""The IVR as a process on the real broker: a call walks the demo flow to its queue, each prompt
sent once; killed mid-menu, the IVR resumes the call where it was; a hang-up in the menu is an
abandon in the IVR."""

from __future__ import annotations

import asyncio
from datetime import UTC

import pytest

from callcenter.v1 import call_events_pb2 as pb
from callcenter.v1.common_pb2 import CALL_STAGE_IVR
from chassis.testing.waiting import eventually
from ivr.testing.line import PhoneLine

pytestmark = pytest.mark.integration


def prompts(line: PhoneLine, call_id: str) -> list[str]:
    return [
        c.play_prompt.prompt if c.HasField("play_prompt") else c.collect_digits.prompt
        for c in line.commands(call_id)
    ]


def commands_by_entry(line: PhoneLine, call_id: str) -> dict[str, list[str]]:
    """Each prompting node entry's command ids: the id names the IvrNodeEntered's sequence."""
    entries = {
        f"{call_id}/{e.sequence}": []
        for e in line.events(call_id)
        if e.WhichOneof("payload") == "ivr_node_entered" and e.ivr_node_entered.prompt
    }
    for command in line.commands(call_id):
        entries.setdefault(command.command_id, []).append(command.command_id)
    return entries


async def test_a_call_walks_the_menu_to_its_queue_and_hears_each_prompt_once(
    line: PhoneLine,
) -> None:
    call_id = await line.call()
    await line.entered(call_id, "main_menu")  # after the welcome
    await line.report(call_id, pb.DigitsPressed(digits="1"))
    await line.entered(call_id, "support_menu")
    await line.report(call_id, pb.DigitsPressed(digits="1"))

    queued = await line.recorded_once(call_id, "call_queued")
    assert (queued.queue_id, queued.priority) == ("support", 20)
    assert [(s.name, s.min_level) for s in queued.required_skills] == [("support", 7)]
    expected = ["acme/welcome", "acme/main-menu", "acme/support-menu"]
    await eventually(lambda: prompts(line, call_id) == expected, timeout=10, what="prompts")
    assert all(len(ids) == 1 for ids in commands_by_entry(line, call_id).values())


async def test_killed_mid_menu_the_ivr_resumes_the_call_and_repeats_no_prompt(
    line: PhoneLine,
) -> None:
    call_id = await line.call()
    menu = await line.entered(call_id, "main_menu")
    await eventually(lambda: len(line.commands(call_id)) == 2, timeout=10, what="menu prompt")

    await asyncio.to_thread(line.runner.kill, "ivr")
    await asyncio.to_thread(line.runner.start, "ivr", "callcenter-ivr", True)

    retry = await line.entered(call_id, "main_menu", attempt=2, timeout=30)
    (no_input,) = line.recorded(call_id, "ivr_input_received")
    assert (no_input.node_id, no_input.kind) == ("main_menu", pb.IVR_INPUT_KIND_NO_INPUT)
    fired = next(
        e.occurred_at
        for e in line.events(call_id)
        if e.WhichOneof("payload") == "ivr_input_received"
    )
    assert fired.ToDatetime(tzinfo=UTC) >= menu.timer_deadline.ToDatetime(tzinfo=UTC)
    assert retry.prompt == "acme/main-menu"
    expected = ["acme/welcome", "acme/main-menu", "acme/main-menu"]
    await eventually(lambda: prompts(line, call_id) == expected, timeout=10, what="prompts")
    assert all(len(ids) == 1 for ids in commands_by_entry(line, call_id).values())
    assert len(line.recorded(call_id, "ivr_started")) == 1


async def test_a_caller_hanging_up_in_the_menu_abandons_in_the_ivr(line: PhoneLine) -> None:
    call_id = await line.call()
    await line.entered(call_id, "main_menu")
    await line.report(call_id, pb.CallerHungUp())

    abandoned = await line.recorded_once(call_id, "call_abandoned")
    assert (abandoned.stage, abandoned.ivr_node_id) == (CALL_STAGE_IVR, "main_menu")
    assert abandoned.waited.ToTimedelta().total_seconds() >= 3  # the welcome played
