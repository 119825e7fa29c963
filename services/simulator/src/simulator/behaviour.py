"""What callers and agents decide, drawn from their own seeded random streams, in REAL
seconds (the scenario's simulated seconds divided by the time scale). No I/O here."""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulator.scenario import AgentGroup, QueueScenario


@dataclass(frozen=True)
class CallerPlan:
    caller_number: str
    patience_s: float | None  # real seconds in queue before hanging up; None: never
    talk_s: float  # real seconds of conversation once an agent accepts


def plan_caller(queue: QueueScenario, time_scale: float, rng: random.Random) -> CallerPlan:
    number = f"+3361{rng.randrange(10**7):07d}"  # a French mobile, as +33 6 1x xx xx xx
    patience = queue.patience.sample(rng) / time_scale if queue.patience else None
    return CallerPlan(number, patience, queue.talk_time.sample(rng) / time_scale)


class AgentPlan:
    """One agent's choices, each drawn when needed from the agent's own stream."""

    def __init__(self, group: AgentGroup, time_scale: float, rng: random.Random) -> None:
        self.group = group
        self.time_scale = time_scale
        self.rng = rng

    def _real(self, simulated_s: float) -> float:
        return simulated_s / self.time_scale

    def answers_offer(self) -> bool:
        return self.rng.random() >= self.group.no_answer_probability

    def ring_s(self) -> float:
        return self._real(self.group.answer_delay.sample(self.rng))

    def wrap_up_s(self) -> float:
        return self._real(self.group.wrap_up.sample(self.rng))

    def missed_offer_pause_s(self) -> float:
        return self._real(self.group.missed_offer_pause.sample(self.rng))

    def next_break_at(self, now: float) -> float | None:
        """When the next break falls due (real loop time), from the end of the last one."""
        breaks = self.group.breaks
        return now + self._real(breaks.every.sample(self.rng)) if breaks else None

    def break_(self) -> tuple[str, float]:
        """The reason code and real length of a break starting now."""
        assert self.group.breaks, "no breaks in this group"
        reason = self.rng.choice(self.group.breaks.reasons)
        return reason, self._real(self.group.breaks.length.sample(self.rng))
