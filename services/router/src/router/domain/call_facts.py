"""Facts about calls: queued, reprioritised, identified, offered and answered, gone."""

from __future__ import annotations

from collections.abc import Iterable

from router.domain.decisions import Callback, Outcome, Reason
from router.domain.needs import Customer, needs_of
from router.domain.state import DomainState
from router.domain.waiting import Call, CallState


class CallFacts(DomainState):
    def call_queued(
        self,
        call_id: str,
        queue_id: str,
        priority: int,
        first_queued_at: float,
        at: float,
        target_agent_id: str | None = None,
        callback_number: str = "",
        needs: Iterable[tuple[str, int]] = (),
        customer: Customer | None = None,
    ) -> None:
        """`needs`: the call's own required skills (skill, min level); `customer`: what the
        CRM said of the caller, if it said anything yet."""
        self.check_queue(queue_id)
        call = self._calls.get(call_id)
        if call is not None and (call.in_queue(queue_id) or self._is_replay(call, queue_id, at)):
            return
        if call is None:
            call = Call(call_id, queue_id, priority, first_queued_at, at, arrival=0)
            self._calls[call_id] = call
        else:
            self._leave(call, Outcome.REQUEUED)
        call.priority, call.first_queued_at = priority, first_queued_at
        call.target_agent_id, call.callback_number = target_agent_id, callback_number
        call.own_needs = needs_of(needs) if needs else ()
        if customer is not None:
            call.customer = customer
        self._enter(call, queue_id, at)

    def call_priority_changed(self, call_id: str, priority: int, by_router: bool = False) -> None:
        """`by_router`: the router's own VIP raise, read back. Anyone else's change stands
        against the VIP priority until the call enters a queue or its caller is identified
        again."""
        call = self._calls.get(call_id)
        if call is None:
            return
        if not by_router:
            call.vip_due = False
        if call.priority != priority:
            self._reline(call, priority, call.needs)  # takes effect if the call waits again

    def customer_identified(self, call_id: str, customer: Customer) -> None:
        """The CRM identified the caller: in its queue, the call needs its language's skill
        from now on, and its VIP priority is due."""
        call = self._calls.get(call_id)
        if call is None:
            return
        call.customer = customer
        if call.state is CallState.DONE:
            return
        needs = self._rules[call.queue_id].needs_in_queue(call.own_needs, customer)
        if needs != call.needs:
            self._reline(call, call.priority, needs)
        call.vip_due = True
        self._review_vip(call)

    def callback_requested(
        self, call_id: str, queue_id: str, callback_number: str, at: float
    ) -> None:
        """The caller asked to be called back: the next decide() takes the call out of its
        queue with its place (a Callback). A call being offered is left to its offer; a call
        that never entered a queue (asked in the menu) is called back from `queue_id`, its
        place counted from the request."""
        call = self._calls.get(call_id)
        if call is None:
            self.check_queue(queue_id)
            self._callbacks_unqueued[call_id] = Callback(
                call_id, queue_id, Reason.CALLER_REQUESTED, 0, at, callback_number
            )
        elif call.state is CallState.WAITING:
            self._callbacks_asked.add(call_id)

    def offer_made(self, call_id: str, agent_id: str, offer_id: str, at: float) -> None:
        call = self._calls.get(call_id)
        if call is None or offer_id in call.known_offers or call.state is not CallState.WAITING:
            return
        call.offers_made += 1
        self._hold(call, agent_id, offer_id)

    def offer_failed(self, call_id: str, offer_id: str, taken_in: bool = True) -> None:
        call = self._offered_call(call_id, offer_id)
        if call is not None:
            self._withdraw_offer(call, taken_in)
            self._wait(call)  # its service key is unchanged: back to its place

    def offer_accepted(self, call_id: str, offer_id: str, at: float) -> None:
        call = self._offered_call(call_id, offer_id)
        if call is None:
            return
        self._stats[call.queue_id].record_answer(at - call.first_queued_at)
        if agent := self._agents.get(call.offered_agent_id or ""):
            agent.count_answer(at)
            agent.answered = (call.queue_id, at)
        self._withdraw_offer(call, taken_in=True)
        self._close(call, Outcome.ANSWERED)

    def call_abandoned(self, call_id: str, at: float) -> None:
        call = self._calls.get(call_id)
        if call is not None and call.state is not CallState.DONE:
            self._leave(call, Outcome.ABANDONED)

    def call_ended(self, call_id: str) -> None:
        self._callbacks_unqueued.pop(call_id, None)  # its CallbackScheduled, read back
        self._vip_reviews.discard(call_id)
        call = self._calls.pop(call_id, None)
        if call is not None and call.state is not CallState.DONE:
            self._leave(call, outcome=None)

    def _is_replay(self, call: Call, queue_id: str, at: float) -> bool:
        """A call_queued older than the call's current stay (or that stay's own fact, seen
        again after the stay ended) is a replay."""
        return at < call.entered_at or (at == call.entered_at and queue_id == call.queue_id)
