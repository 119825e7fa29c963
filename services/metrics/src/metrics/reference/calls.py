"""The reference's reading of one call: its events in causal order, read once from
first to last, straight from the definitions in docs/metrics.md. Written apart from
the stream's call walk on purpose, so that each checks the other."""

from __future__ import annotations

from callcenter.v1.common_pb2 import CALL_STAGE_IVR, CALL_STAGE_OFFER
from callcenter.v1.envelope_pb2 import Event
from metrics.domain.contributions import AbandonEntry
from metrics.domain.contributions import Count as C
from metrics.domain.times import ms_of
from metrics.reference.reading import Reading, Talk, in_causal_order


class CallReading(Reading):
    def read(self, events: list[Event]) -> CallReading:
        for event in in_causal_order(events):
            kind = event.WhichOneof("payload")
            getattr(self, f"_{kind}")(ms_of(event.occurred_at), event)
        return self

    def _call_received(self, at: int, e: Event) -> None:
        self.caller = e.call_received.caller_number

    def _ivr_started(self, at: int, e: Event) -> None:
        self.where, self.since = "ivr", at

    def _ivr_completed(self, at: int, e: Event) -> None:
        self._left_ivr(at, ms_of(e.ivr_completed.time_in_ivr), gave_up=False)

    def _left_ivr(self, at: int, spent: int, gave_up: bool) -> None:
        self.where = ""
        counts: dict[str, int] = {C.IVR_CALLS: 1, C.IVR_TIME_MS: spent}
        counts[C.IVR_OVER_GUIDELINE] = int(spent > self.ivr_limit())
        entry = None
        if gave_up and spent < self.short():
            counts[C.IVR_SHORT_ABANDONED] = 1
        elif gave_up:
            counts[C.IVR_ABANDONED] = 1
            entry = AbandonEntry(at, self.call_id, self.caller, "", "ivr", spent)
        self.count(["tenant"], at, counts, abandon=entry)

    def _call_queued(self, at: int, e: Event) -> None:
        q = e.call_queued
        self.first_entry(ms_of(q.first_queued_at) if q.HasField("first_queued_at") else at)
        self.queue, self.ever_queued = q.queue_id, True
        self.where, self.since = "queue", self.wait_began() or at

    def _call_overflowed(self, at: int, e: Event) -> None:
        waited = self.waited(at) or 0
        source = e.call_overflowed.from_queue_id
        if source:
            counts: dict[str, int] = {C.OFFERED: 1, C.OVERFLOWED: 1, C.WAIT_MS: waited}
            self.count([f"queue:{source}"], at, counts, wait=waited)
        self.count(["tenant"], at, {C.OVERFLOWED: 1})

    def _callback_scheduled(self, at: int, e: Event) -> None:
        self.first_entry(ms_of(e.callback_scheduled.first_queued_at))
        self.where = ""
        if self.ever_queued:
            waited = self.waited(at) or 0
            counts: dict[str, int] = {C.OFFERED: 1, C.CALLBACKS: 1, C.WAIT_MS: waited}
            where = e.callback_scheduled.queue_id or self.queue
            self.count(self.scopes(where), at, counts, wait=waited)

    def _call_offered(self, at: int, e: Event) -> None:
        self.offer_queues[e.call_offered.offer_id] = e.call_offered.queue_id or self.queue

    def _offer_rejected(self, at: int, e: Event) -> None:
        self._unanswered(
            at, e.offer_rejected.offer_id, e.offer_rejected.agent_id, C.OFFERS_REJECTED
        )

    def _offer_timed_out(self, at: int, e: Event) -> None:
        self._unanswered(
            at, e.offer_timed_out.offer_id, e.offer_timed_out.agent_id, C.OFFERS_TIMED_OUT
        )

    def _unanswered(self, at: int, offer_id: str, agent_id: str, name: str) -> None:
        where = self.offer_queues.get(offer_id, self.queue)
        self.count([*self.scopes(where), f"agent:{agent_id}"], at, {name: 1})

    def _call_connected(self, at: int, e: Event) -> None:
        agent_id, where = e.call_connected.agent_id, e.call_connected.queue_id or self.queue
        waited = self.waited(at) or 0
        counts: dict[str, int] = {
            C.OFFERED: 1,
            C.ANSWERED: 1,
            C.WAIT_MS: waited,
            C.ANSWER_WAIT_MS: waited,
        }
        counts[C.ANSWERED_WITHIN_T] = int(waited <= self.threshold(where))
        self.count(self.scopes(where), at, counts, wait=waited)
        self.count([f"agent:{agent_id}"], at, {C.ANSWERED: 1})
        self.talks[agent_id] = Talk(where, at)
        self.where = ""

    def _call_held(self, at: int, e: Event) -> None:
        talk = self.talks.get(e.call_held.agent_id)
        if talk and talk.until is None and talk.on_hold_since is None:
            talk.on_hold_since = at

    def _call_resumed(self, at: int, e: Event) -> None:
        talk = self.talks.get(e.call_resumed.agent_id)
        if talk and talk.until is None and talk.on_hold_since is not None:
            talk.hold += at - talk.on_hold_since
            talk.on_hold_since = None

    def _call_transferred(self, at: int, e: Event) -> None:
        self.where = ""
        agent_id = e.call_transferred.from_agent_id
        talk = self.talks.get(agent_id)
        if talk is not None:
            talk.stop(at)
            self.restarted = at
            self.count([*self.scopes(talk.queue_id), f"agent:{agent_id}"], at, {C.TRANSFERS: 1})

    def _call_ended(self, at: int, e: Event) -> None:
        self.where = ""
        agent_id = e.call_ended.agent_id
        for agent, talk in self.talks.items():
            if agent == agent_id or not agent_id:
                talk.stop(at)

    def _call_abandoned(self, at: int, e: Event) -> None:
        a = e.call_abandoned
        if a.stage == CALL_STAGE_IVR:
            self._left_ivr(at, ms_of(a.waited), gave_up=True)
            return
        self.where = ""
        where = a.queue_id or self.queue
        measured = self.waited(at)
        waited = ms_of(a.waited) if measured is None else measured
        counts: dict[str, int] = {C.OFFERED: 1, C.WAIT_MS: waited}
        entry = None
        if waited < self.short():
            counts[C.SHORT_ABANDONED] = 1
        else:
            counts.update({C.ABANDONED: 1, C.ABANDON_WAIT_MS: waited})
            counts[C.ABANDONED_WITHIN_T] = int(waited <= self.threshold(where))
            stage = "offer" if a.stage == CALL_STAGE_OFFER else "queue"
            entry = AbandonEntry(at, self.call_id, self.caller, where, stage, waited)
        self.count(self.scopes(where), at, counts, wait=waited, abandon=entry)

    def _wrap_up_completed(self, at: int, e: Event) -> None:
        agent_id = e.wrap_up_completed.agent_id
        talk = self.talks.get(agent_id)
        if talk is None or talk.until is None or talk.wrapped:
            return
        talk.wrapped = True
        counts: dict[str, int] = {
            C.HANDLED: 1,
            C.TALK_MS: talk.until - talk.since - talk.hold,
            C.HOLD_MS: talk.hold,
        }
        counts[C.WRAP_UP_MS] = ms_of(e.wrap_up_completed.wrap_up)
        self.count([*self.scopes(talk.queue_id), f"agent:{agent_id}"], at, counts)
