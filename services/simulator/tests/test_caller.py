"""The race between a caller's patience and an agent's accept, settled the same way always."""

from __future__ import annotations

import asyncio

from simulator.behaviour import CallerPlan
from simulator.caller import Caller, CallerState


def caller(patience_s: float | None = 10.0) -> Caller:
    return Caller("acme", "support", "p-1", CallerPlan("+33610000000", patience_s, 30.0))


def test_patience_runs_out_only_while_waiting() -> None:
    c = caller()
    assert not c.gives_up(100.0)  # still in the menu
    c.start_waiting(100.0)
    assert not c.gives_up(109.9)
    assert c.next_look_in(104.0) == 6.0
    assert c.gives_up(110.0)
    assert (c.state, c.waited_s) == (CallerState.ABANDONED, 10.0)
    assert not c.claim(0.0), "an agent never answers a caller who hung up"


def test_an_agent_claiming_the_caller_holds_its_patience() -> None:
    c = caller()
    c.start_waiting(0.0)
    assert c.claim(0.0)
    assert not c.claim(0.0), "one agent at a time"
    assert not c.gives_up(50.0), "patience does not run out while the accept is on its way"
    assert c.next_look_in(50.0) is None
    c.accepted(True, 51.0)
    assert (c.state, c.waited_s) == (CallerState.CONNECTED, 51.0)


def test_a_refused_accept_puts_the_caller_back_to_waiting_with_its_patience() -> None:
    c = caller()
    c.start_waiting(0.0)
    c.claim(0.0)
    c.accepted(False, 3.0)
    assert c.state is CallerState.WAITING
    assert c.gives_up(12.0)


def test_a_caller_without_patience_never_gives_up() -> None:
    c = caller(None)
    c.start_waiting(0.0)
    assert not c.gives_up(1e9)
    assert c.next_look_in(1e9) is None


async def test_waiting_ends_connected_when_an_agent_answers() -> None:
    c = caller(patience_s=60.0)
    c.start_waiting(asyncio.get_running_loop().time())
    waiting = asyncio.create_task(c.wait_for_agent())
    await asyncio.sleep(0)
    assert c.claim(0.0)
    c.accepted(True, asyncio.get_running_loop().time())
    assert await asyncio.wait_for(waiting, 5)


async def test_waiting_ends_abandoned_when_patience_runs_out() -> None:
    c = caller(patience_s=0.01)
    c.start_waiting(asyncio.get_running_loop().time())
    assert not await asyncio.wait_for(c.wait_for_agent(), 5)
    assert c.state is CallerState.ABANDONED


def test_an_offer_before_the_caller_thinks_the_menu_is_over_is_answered() -> None:
    c = caller()
    assert c.claim(5.0), "an offer means the call is queued"
    c.accepted(True, 6.0)
    c.start_waiting(7.0)  # the caller's own estimate of the queue entry, late: changes nothing
    assert (c.state, c.waited_s) == (CallerState.CONNECTED, 1.0)
