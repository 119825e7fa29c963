"""The roster's concurrency: one agent's decisions take turns, different agents' overlap, and
the log's copy of an agent's own event never applies twice."""

from __future__ import annotations

import asyncio

from agent_state.roster import Roster
from callcenter.v1.common_pb2 import AGENT_STATE_AVAILABLE
from callcenter.v1.envelope_pb2 import Event
from chassis.tenants import parse_tenants
from chassis.testing.waiting import eventually

TENANTS = parse_tenants({"tenants": {"acme": {"queues": {"support": {}}}}})


class GatedLog:
    """The publish port: holds every publish until released, records what was published."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.most_in_flight = 0
        self.release = asyncio.Event()
        self.published: list[Event] = []

    async def __call__(self, agent_events: list[Event], call_events: list[Event]) -> None:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.published += agent_events + call_events  # sent; the ack is what waits
        await self.release.wait()
        self.in_flight -= 1


async def apply_all(roster: Roster, events: list[Event]) -> None:
    for event in events:
        await roster.apply(event)


def log_in(roster: Roster, agent_id: str) -> asyncio.Task[object]:
    return asyncio.create_task(
        roster.execute("acme", agent_id, lambda a: a.log_in({}, ["support"], True, 1.0))
    )


async def test_different_agents_publish_concurrently() -> None:
    log = GatedLog()
    roster = Roster(TENANTS, log)
    tasks = [log_in(roster, f"a{n}") for n in range(3)]

    await eventually(lambda: log.in_flight == 3, timeout=5, interval=0)
    log.release.set()
    await asyncio.gather(*tasks)

    assert log.most_in_flight == 3
    assert all(roster.agents["acme", f"a{n}"].state == AGENT_STATE_AVAILABLE for n in range(3))


async def test_one_agents_commands_take_turns() -> None:
    log = GatedLog()
    roster = Roster(TENANTS, log)
    first = log_in(roster, "a1")
    second = asyncio.create_task(
        roster.execute("acme", "a1", lambda a: a.set_state(AGENT_STATE_AVAILABLE, "", "a1", 2.0))
    )

    await eventually(lambda: log.in_flight == 1, timeout=5, interval=0)
    log.release.set()
    await asyncio.gather(first, second, return_exceptions=True)

    assert log.most_in_flight == 1


async def test_an_own_event_read_back_during_the_publish_applies_once() -> None:
    log = GatedLog()
    roster = Roster(TENANTS, log)
    command = log_in(roster, "a1")
    await eventually(lambda: log.in_flight == 1, timeout=5, interval=0)

    # The broker hands the events to our consumer before the producer has its ack.
    read_back = asyncio.create_task(apply_all(roster, list(log.published)))
    await asyncio.sleep(0)
    log.release.set()
    await asyncio.gather(command, read_back)

    agent = roster.agents["acme", "a1"]
    assert agent.version == len([e for e in log.published if e.aggregate_id == "a1"])
    assert agent.state == AGENT_STATE_AVAILABLE
