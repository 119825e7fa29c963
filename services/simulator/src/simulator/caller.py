"""A caller between joining the queue and being answered or giving up.

The caller and the agents who are offered its call run as separate tasks; this state settles
the race between the caller's patience and an agent's accept: an agent claims the caller
(ANSWERING) before sending its accept, and the patience does not run out while it does.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
from dataclasses import dataclass, field

from simulator.behaviour import CallerPlan


class CallerState(enum.Enum):
    IN_MENU = "in menu"
    WAITING = "waiting"
    ANSWERING = "answering"  # an agent's accept is on its way
    CONNECTED = "connected"
    ABANDONED = "abandoned"


@dataclass
class Caller:
    tenant_id: str
    queue_id: str
    provider_call_id: str
    plan: CallerPlan
    call_id: str = ""
    state: CallerState = CallerState.IN_MENU
    queued_at: float = 0.0  # loop time the caller started waiting
    settled_at: float = 0.0  # loop time it was answered or gave up
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def start_waiting(self, now: float) -> None:
        if self.state is CallerState.IN_MENU:
            self.state, self.queued_at = CallerState.WAITING, now

    def claim(self, now: float) -> bool:
        """An agent about to accept: True if the caller is still there to be answered. An offer
        may come before the caller thinks the menu is over (the flow was quicker than the
        scenario's `queued_after_s`): the call is queued, so the caller is waiting."""
        if self.state is CallerState.IN_MENU:
            self.start_waiting(now)
        if self.state is not CallerState.WAITING:
            return False
        self._set(CallerState.ANSWERING)
        return True

    def accepted(self, ok: bool, now: float) -> None:
        """The accept's outcome; a refused accept (the offer expired) leaves the caller waiting."""
        if ok:
            self._set(CallerState.CONNECTED, now)
        else:
            self._set(CallerState.WAITING)

    def gives_up(self, now: float) -> bool:
        """Whether the caller hangs up now: only while waiting, once its patience is spent."""
        patience = self.plan.patience_s
        waiting = self.state is CallerState.WAITING
        if waiting and patience is not None and now >= self.queued_at + patience:
            self._set(CallerState.ABANDONED, now)
            return True
        return False

    def next_look_in(self, now: float) -> float | None:
        """How long to wait for a change before looking again; None: until something changes."""
        if self.state is not CallerState.WAITING or self.plan.patience_s is None:
            return None
        return max(0.0, self.queued_at + self.plan.patience_s - now)

    async def wait_for_agent(self) -> bool:
        """True once connected; False when the caller gave up (the hang-up is the caller's)."""
        loop = asyncio.get_running_loop()
        while self.state is not CallerState.CONNECTED:
            if self.gives_up(loop.time()):
                return False
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), self.next_look_in(loop.time()))
        return True

    @property
    def waited_s(self) -> float:
        """Real seconds from joining the queue to being answered or giving up."""
        return self.settled_at - self.queued_at

    def _set(self, state: CallerState, now: float | None = None) -> None:
        self.state = state
        if now is not None:
            self.settled_at = now
        self.changed.set()
