"""Presence commands: log in, choose a state, log out, change skills."""

from __future__ import annotations

from collections.abc import Iterable

from agent_state.domain import facts as f
from agent_state.domain import rules
from agent_state.domain.decide import Decider
from agent_state.domain.errors import IllegalTransition, InvalidArgument
from agent_state.domain.facts import Fact, StateValue
from callcenter.v1 import agent_events_pb2 as agent_pb
from callcenter.v1 import call_events_pb2 as call_pb
from callcenter.v1 import common_pb2
from chassis.times import to_duration

UNSPECIFIED = common_pb2.AGENT_STATE_UNSPECIFIED
LOGIN_REASON = "login"  # NOT_READY after logging in not ready without a reason given


def _skill_messages(skills: dict[str, int]) -> list[common_pb2.Skill]:
    return [common_pb2.Skill(name=name, level=level) for name, level in skills.items()]


class PresenceCommands(Decider):
    def log_in(
        self,
        skills: rules.Skills,
        queue_ids: Iterable[str],
        ready: bool,
        at: float,
        reason_code: str = "",
    ) -> list[Fact]:
        """AgentLoggedIn + AgentStateChanged(LOGGED_OUT -> AVAILABLE | NOT_READY)."""
        to = f.AVAILABLE if ready else f.NOT_READY
        self._check_state(to, f.LOGGED_OUT, detail="already logged in")
        checked_skills = rules.check_skills(skills)
        checked_queues = rules.check_queue_ids(self.tenant, queue_ids)
        reason = rules.check_reason(self.tenant, to, reason_code) if reason_code else ""
        if to == f.NOT_READY and not reason:
            reason = LOGIN_REASON
        logged_in = agent_pb.AgentLoggedIn(
            skills=_skill_messages(checked_skills), queue_ids=checked_queues
        )
        return [
            self._agent_fact(logged_in, at),
            self._change(to, at, by=self.agent_id, reason_code=reason),
        ]

    def set_state(
        self, state: StateValue, reason_code: str, changed_by: str, at: float
    ) -> list[Fact]:
        """The agent's own choice or a supervisor's force, between AVAILABLE, NOT_READY and
        BREAK. The same state with the same reason (any AVAILABLE again) is a no-op."""
        if state not in common_pb2.AgentState.values() or state == UNSPECIFIED:
            raise InvalidArgument("state", f"unknown agent state {int(state)}")
        if state not in rules.SELECTABLE:
            raise IllegalTransition(
                self.agent_id,
                f.state_name(self.state),
                f.state_name(state),
                "only AVAILABLE, NOT_READY or BREAK can be chosen",
            )
        self._check_state(state, *rules.SELECTABLE)
        reason = rules.check_reason(self.tenant, state, reason_code)
        if state == self.state and (state == f.AVAILABLE or reason == self.reason_code):
            return []
        return [self._change(state, at, by=changed_by or self.agent_id, reason_code=reason)]

    def log_out(self, reason_code: str, forced: bool, changed_by: str, at: float) -> list[Fact]:
        """AgentStateChanged(-> LOGGED_OUT) + AgentLoggedOut. The agent: from AVAILABLE,
        NOT_READY or BREAK. A supervisor (forced): also from RESERVED (the offer is
        rejected) and WRAP_UP (completed without disposition); never during a call."""
        by = changed_by or self.agent_id
        if self.call is not None:
            detail = f"call {self.call.call_id} in progress: hang up or transfer it first"
            self._check_state(f.LOGGED_OUT, detail=detail)
        if not forced:
            self._check_state(f.LOGGED_OUT, *rules.SELECTABLE, detail="a supervisor may force")
        self._check_state(f.LOGGED_OUT, *rules.SELECTABLE, f.RESERVED, f.WRAP_UP)
        facts: list[Fact] = []
        call_id = self._current_call_id()
        offer_id = ""
        if self.offer is not None:
            offer_id = self.offer.offer_id
            rejected = call_pb.OfferRejected(
                offer_id=offer_id, agent_id=self.agent_id, reason="agent logged out"
            )
            facts.append(self._call_fact(rejected, call_id, at))
        if self.wrap_up is not None:
            completed = call_pb.WrapUpCompleted(
                agent_id=self.agent_id, wrap_up=to_duration(at - self.wrap_up.started_at)
            )
            facts.append(self._call_fact(completed, call_id, at))
        change = self._change(
            f.LOGGED_OUT, at, by=by, reason_code=reason_code, offer_id=offer_id, call_id=call_id
        )
        logged_out = agent_pb.AgentLoggedOut(reason_code=reason_code, forced=forced)
        return [*facts, change, self._agent_fact(logged_out, at)]

    def change_skills(self, skills: rules.Skills, at: float) -> list[Fact]:
        """AgentSkillsChanged; the same skills again is a no-op."""
        checked = rules.check_skills(skills)
        if checked == self.skills:
            return []
        changed = agent_pb.AgentSkillsChanged(skills=_skill_messages(checked))
        return [self._agent_fact(changed, at)]
