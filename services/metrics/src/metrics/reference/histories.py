"""Realistic call-center histories, for the property tests and for benchmarks.

Calls go through the menu (some hang up there, some ask for a callback), wait in
queues (overflowing, asking for a callback, abandoning), are offered (rejected,
missed, accepted), talk with holds, are transferred and wait again, and end with a
wrap-up; agents change state all along. Randomness comes from `draw(low, high)`, an
integer in [low, high]: hypothesis in the tests, so that failures shrink, and
random.Random(seed).randint in benchmarks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from callcenter.v1.envelope_pb2 import Event
from metrics.domain.times import ms_of
from metrics.reference.call_stories import CallStory
from metrics.reference.script import MONDAY_9, AgentScript

Draw = Callable[[int, int], int]
AGENT_STATES = (
    *(("AVAILABLE", ""), ("RESERVED", ""), ("ON_CALL", ""), ("ON_HOLD", "")),
    *(("WRAP_UP", "caller_hung_up"), ("BREAK", "lunch"), ("BREAK", "coffee")),
    *(("NOT_READY", "meeting"), ("LOGGED_OUT", "")),
)


@dataclass(frozen=True)
class Shape:
    tenant_id: str = "acme"
    queues: tuple[str, ...] = ("sales", "care", "spill")
    agents: tuple[str, ...] = ("a1", "a2", "a3")
    calls: int = 10
    spread_ms: int = 20 * 60_000  # calls arrive within this time from `start`
    start: int = MONDAY_9


def agent_events(draw: Draw, shape: Shape, agent_id: str) -> list[Event]:
    s = AgentScript(shape.tenant_id, agent_id, shape.start - draw(0, 120_000))
    queues = [q for q in shape.queues if draw(0, 1)]
    s.logged_in(*queues)
    s.state("AVAILABLE")
    for _ in range(draw(0, shape.spread_ms // 60_000)):  # about one change a minute at most
        s.after(draw(1_000, 240_000))
        state, reason = AGENT_STATES[draw(0, len(AGENT_STATES) - 1)]
        s.state(state, reason)
        if state == "LOGGED_OUT":
            s.after(draw(1_000, 60_000)).logged_in(*queues)
            s.state("AVAILABLE")
    return s.events


def history(draw: Draw, shape: Shape) -> list[Event]:
    """Every event of the shape's calls and agents, in no particular order."""
    events = [e for agent_id in shape.agents for e in agent_events(draw, shape, agent_id)]
    for n in range(shape.calls):
        at = shape.start + draw(0, shape.spread_ms)
        events += CallStory(draw, shape, f"call-{n}", at).tell()
    return events


def deliveries(
    events: list[Event], draw: Draw, delay_max_ms: int, redeliveries: int
) -> list[Event]:
    """The order a consumer might read `events` in: each delayed by up to `delay_max_ms`
    after it happened (keep it under the grace period: none is late), plus redeliveries
    of some of them, each after its first delivery."""
    keyed = [(ms_of(e.occurred_at) + draw(0, delay_max_ms), n, e) for n, e in enumerate(events)]
    for _ in range(redeliveries if events else 0):
        first, _, event = keyed[draw(0, len(events) - 1)]
        keyed.append((first + draw(0, 4 * delay_max_ms), len(keyed), event))
    return [event for _, _, event in sorted(keyed, key=lambda k: (k[0], k[1]))]
