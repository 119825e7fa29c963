"""One call's story, told at random but as the platform would tell it (see histories)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from callcenter.v1 import call_events_pb2 as ce
from callcenter.v1.common_pb2 import PARTY_AGENT, PARTY_CALLER, PARTY_SYSTEM
from callcenter.v1.envelope_pb2 import Event
from metrics.reference.script import CallScript

if TYPE_CHECKING:
    from metrics.reference.histories import Shape

T = TypeVar("T")


class CallStory:
    def __init__(
        self, draw: Callable[[int, int], int], shape: Shape, call_id: str, at: int
    ) -> None:
        self.draw, self.shape = draw, shape
        self.script = CallScript(shape.tenant_id, call_id, at)

    def pick(self, options: Sequence[T]) -> T:
        return options[self.draw(0, len(options) - 1)]

    def tell(self) -> list[Event]:
        s, draw = self.script, self.draw
        s.received(f"+3361{draw(1_000_000, 9_999_999)}")
        s.after(draw(0, 2_000)).ivr_started()
        menu_at, path = s.at, draw(0, 9)
        s.after(draw(500, 150_000))
        queue_id = self.pick(self.shape.queues)
        if path == 0:
            s.abandoned("ivr", s.at - menu_at)
        elif path == 1:
            s.ivr_completed(s.at - menu_at, ce.IVR_OUTCOME_HUNG_UP)
            s.ended(by=PARTY_SYSTEM)
        elif path == 2:
            s.ivr_completed(s.at - menu_at, ce.IVR_OUTCOME_CALLBACK, queue_id)
            asked_at = s.at
            s.after(draw(10, 2_000)).callback(queue_id, asked_at)
        else:
            s.ivr_completed(s.at - menu_at, ce.IVR_OUTCOME_QUEUED, queue_id)
            s.queued(queue_id)
            self.wait(queue_id, s.at, transfers_left=2)
        return s.events

    def wait(self, queue_id: str, first_queued_at: int, transfers_left: int) -> None:
        s, draw = self.script, self.draw
        for _ in range(4):  # offers and overflows; then the caller gives up
            s.after(draw(0, 40_000))
            action = draw(0, 9)
            if action <= 1:
                s.abandoned("queue", s.at - first_queued_at, queue_id)
                return
            if action == 2:
                spill = self.pick([q for q in self.shape.queues if q != queue_id])
                s.overflowed(queue_id, spill, first_queued_at)
                queue_id = spill
                continue
            if action == 3:
                s.after(draw(10, 1_000)).callback(queue_id, first_queued_at)
                return
            agent_id = self.pick(self.shape.agents)
            offer_id = s.offered(agent_id, queue_id)
            s.after(draw(100, 15_000))
            answer = draw(0, 5)
            if answer == 0:
                s.rejected(offer_id, agent_id, unavailable=bool(draw(0, 1)))
            elif answer == 1:
                s.timed_out(offer_id, agent_id)
            elif answer == 2:
                s.abandoned("offer", s.at - first_queued_at, queue_id)
                return
            else:
                s.connected(offer_id, agent_id, queue_id)
                self.talk(agent_id, queue_id, first_queued_at, transfers_left)
                return
        s.after(draw(0, 40_000)).abandoned("queue", s.at - first_queued_at, queue_id)

    def talk(self, agent_id: str, queue_id: str, first_queued_at: int, transfers_left: int) -> None:
        s, draw = self.script, self.draw
        for _ in range(draw(0, 2)):
            s.after(draw(1_000, 60_000)).held(agent_id)
            s.after(draw(1_000, 30_000)).resumed(agent_id)
        s.after(draw(1_000, 300_000))
        if transfers_left and draw(0, 3) == 0:
            target = self.pick(self.shape.queues)
            s.transferred(agent_id, queue_id=target)
            self.wrap_up(agent_id)
            s.after(draw(10, 500)).queued(target, first_queued_at)  # the router requeues
            self.wait(target, first_queued_at, transfers_left - 1)
        else:
            s.ended(agent_id, by=self.pick((PARTY_AGENT, PARTY_CALLER)))
            self.wrap_up(agent_id)

    def wrap_up(self, agent_id: str) -> None:
        """The agent's after-call work, while the call may go on elsewhere."""
        s, resume_at = self.script, self.script.at
        wrap_up_ms = self.draw(0, 60_000)
        s.after(wrap_up_ms).wrapped_up(agent_id, wrap_up_ms)
        s.at = resume_at
