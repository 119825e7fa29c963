"""Conversation commands: hold, resume, hang up, transfer, and the after-call work."""

from __future__ import annotations

from agent_state.domain import facts as f
from agent_state.domain import rules
from agent_state.domain.decide import Decider
from agent_state.domain.errors import InvalidArgument
from agent_state.domain.facts import Fact
from callcenter.v1 import call_events_pb2 as call_pb
from callcenter.v1 import common_pb2
from chassis.times import to_duration

TRANSFERRED = "transferred"
WRAP_UP_TIMEOUT = "wrap_up_timeout"


class CallCommands(Decider):
    def hold(self, at: float) -> list[Fact]:
        """CallHeld (call fact) + ON_CALL -> ON_HOLD."""
        self._check_state(f.ON_HOLD, f.ON_CALL)
        call_id = self._current_call_id()
        held = call_pb.CallHeld(agent_id=self.agent_id)
        change = self._change(f.ON_HOLD, at, by=self.agent_id, call_id=call_id)
        return [self._call_fact(held, call_id, at), change]

    def resume(self, at: float) -> list[Fact]:
        """CallResumed (call fact) + ON_HOLD -> ON_CALL."""
        self._check_state(f.ON_CALL, f.ON_HOLD)
        call_id = self._current_call_id()
        resumed = call_pb.CallResumed(agent_id=self.agent_id)
        change = self._change(f.ON_CALL, at, by=self.agent_id, call_id=call_id)
        return [self._call_fact(resumed, call_id, at), change]

    def hang_up(self, at: float) -> list[Fact]:
        """CallEnded(ended_by=PARTY_AGENT) (call fact) + ON_CALL/ON_HOLD -> WRAP_UP."""
        self._check_state(f.WRAP_UP, f.ON_CALL, f.ON_HOLD)
        call_id = self._current_call_id()
        ended = call_pb.CallEnded(ended_by=common_pb2.PARTY_AGENT, agent_id=self.agent_id)
        change = self._change(f.WRAP_UP, at, by=self.agent_id, call_id=call_id)
        return [self._call_fact(ended, call_id, at), change]

    def transfer(
        self, *, queue_id: str | None = None, target_agent_id: str | None = None, at: float
    ) -> list[Fact]:
        """CallTransferred to a queue or an agent (exactly one) + -> WRAP_UP."""
        if bool(queue_id) == bool(target_agent_id):
            raise InvalidArgument("queue_id, target_agent_id", "exactly one is required")
        if queue_id:
            rules.check_queue(self.tenant, "queue_id", queue_id)
        if target_agent_id == self.agent_id:
            raise InvalidArgument("target_agent_id", "cannot transfer a call to yourself")
        self._check_state(f.WRAP_UP, f.ON_CALL, f.ON_HOLD)
        call_id = self._current_call_id()
        transferred = call_pb.CallTransferred(from_agent_id=self.agent_id)
        if queue_id:
            transferred.queue_id = queue_id
        else:
            transferred.agent_id = target_agent_id or ""
        change = self._change(
            f.WRAP_UP, at, by=self.agent_id, reason_code=TRANSFERRED, call_id=call_id
        )
        return [self._call_fact(transferred, call_id, at), change]

    def complete_wrap_up(self, disposition_code: str, at: float) -> list[Fact]:
        """WrapUpCompleted (call fact) + WRAP_UP -> AVAILABLE."""
        self._check_state(f.AVAILABLE, f.WRAP_UP)
        if not disposition_code.strip():
            raise InvalidArgument("disposition_code", "required")
        return self._wrapped_up(disposition_code, self.agent_id, "", at)

    def wrap_up_expired(self, at: float) -> list[Fact]:
        """Timer: at the deadline, WrapUpCompleted(disposition_code="") + -> AVAILABLE
        'wrap_up_timeout' by the system. A no-op when not in wrap-up or before the deadline."""
        if self.state != f.WRAP_UP or self.wrap_up is None or at < self.wrap_up.deadline:
            return []
        return self._wrapped_up("", f.SYSTEM, WRAP_UP_TIMEOUT, at)

    def _wrapped_up(self, disposition: str, by: str, reason: str, at: float) -> list[Fact]:
        started = self.wrap_up.started_at if self.wrap_up else self.since
        call_id = self._current_call_id()
        completed = call_pb.WrapUpCompleted(
            agent_id=self.agent_id,
            disposition_code=disposition,
            wrap_up=to_duration(at - started),
        )
        change = self._change(f.AVAILABLE, at, by=by, reason_code=reason, call_id=call_id)
        return [self._call_fact(completed, call_id, at), change]
