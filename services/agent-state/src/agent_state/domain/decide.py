"""Helpers shared by the command mixins: building facts and checking the current state.
Commands never mutate: they check, then return the facts for apply()."""

from __future__ import annotations

from google.protobuf.message import Message

from agent_state.domain import facts as f
from agent_state.domain.errors import IllegalTransition
from agent_state.domain.evolve import AgentBase
from agent_state.domain.facts import Fact, StateValue
from callcenter.v1 import agent_events_pb2 as agent_pb


class Decider(AgentBase):
    def _agent_fact(self, payload: Message, at: float, call_id: str = "") -> Fact:
        return Fact("agent", self.agent_id, payload, call_id, at)

    @staticmethod
    def _call_fact(payload: Message, call_id: str, at: float) -> Fact:
        return Fact("call", call_id, payload, call_id, at)

    def _change(
        self,
        to: StateValue,
        at: float,
        *,
        by: str,
        reason_code: str = "",
        offer_id: str = "",
        call_id: str = "",
    ) -> Fact:
        """AgentStateChanged from the current state (call_id: the correlation id)."""
        payload = agent_pb.AgentStateChanged(
            from_state=self.state,
            to_state=to,
            reason_code=reason_code,
            changed_by=by,
            offer_id=offer_id,
        )
        return self._agent_fact(payload, at, call_id)

    def _check_state(self, attempted: StateValue, *allowed: StateValue, detail: str = "") -> None:
        """IllegalTransition unless the agent is in one of `allowed`."""
        if self.state not in allowed:
            raise IllegalTransition(
                self.agent_id, f.state_name(self.state), f.state_name(attempted), detail
            )

    def _current_call_id(self) -> str:
        current = self.offer or self.call or self.wrap_up
        return current.call_id if current else ""
