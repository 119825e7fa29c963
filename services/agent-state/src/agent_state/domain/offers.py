"""Offer commands: an offer arrives, is accepted, rejected or times out; the caller hangs
up before or during the conversation."""

from __future__ import annotations

from agent_state.domain import facts as f
from agent_state.domain.decide import Decider
from agent_state.domain.errors import FailedPrecondition
from agent_state.domain.facts import Fact
from agent_state.domain.model import PendingOffer
from callcenter.v1 import call_events_pb2 as call_pb

MISSED_OFFER = "missed_offer"
CALLER_HUNG_UP = "caller_hung_up"
OFFER_REJECTED = "offer_rejected"


class OfferCommands(Decider):
    def receive_offer(
        self, offer_id: str, call_id: str, queue_id: str, expires_at: float, at: float
    ) -> list[Fact]:
        """The router's CallOffered for this agent was consumed. Apply that CallOffered fact
        first (apply() keeps its queue and expiry for the pending offer), then publish and
        apply what this returns: AVAILABLE -> RESERVED, else OfferRejected (call fact)."""
        if offer_id == self.last_offer_id:
            return []  # seen already: a redelivery
        if self.state != f.AVAILABLE:
            reason = f"agent not available: {f.state_name(self.state)}"
            rejected = call_pb.OfferRejected(
                offer_id=offer_id, agent_id=self.agent_id, reason=reason, agent_was_unavailable=True
            )
            return [self._call_fact(rejected, call_id, at)]
        return [self._change(f.RESERVED, at, by=f.ROUTER, offer_id=offer_id, call_id=call_id)]

    def _pending(self, offer_id: str) -> PendingOffer:
        offer = self.offer
        if offer is None or offer.offer_id != offer_id:
            pending = repr(offer.offer_id) if offer else "none"
            raise FailedPrecondition(
                f"offer_id: offer {offer_id!r} is not pending for agent {self.agent_id}"
                f" (pending offer: {pending})"
            )
        return offer

    def accept_offer(self, offer_id: str, at: float) -> list[Fact]:
        """OfferAccepted + CallConnected (call facts) + AgentStateChanged(RESERVED -> ON_CALL).
        Accepting the offer of the current call again is a no-op."""
        if self.call is not None and self.call.offer_id == offer_id:
            return []
        self._check_state(f.ON_CALL, f.RESERVED, detail="no pending offer")
        offer = self._pending(offer_id)
        if at >= offer.expires_at:
            raise FailedPrecondition(
                f"offer {offer_id!r} expired {at - offer.expires_at:.1f} s ago"
            )
        accepted = call_pb.OfferAccepted(offer_id=offer_id, agent_id=self.agent_id)
        connected = call_pb.CallConnected(agent_id=self.agent_id, queue_id=offer.queue_id)
        return [
            self._call_fact(accepted, offer.call_id, at),
            self._call_fact(connected, offer.call_id, at),
            self._change(f.ON_CALL, at, by=self.agent_id, offer_id=offer_id, call_id=offer.call_id),
        ]

    def reject_offer(self, offer_id: str, reason_code: str, at: float) -> list[Fact]:
        """OfferRejected (call fact) + AgentStateChanged(RESERVED -> AVAILABLE)."""
        self._check_state(f.AVAILABLE, f.RESERVED, detail="no pending offer")
        offer = self._pending(offer_id)
        rejected = call_pb.OfferRejected(
            offer_id=offer_id, agent_id=self.agent_id, reason=reason_code or "rejected by agent"
        )
        change = self._change(
            f.AVAILABLE,
            at,
            by=self.agent_id,
            reason_code=OFFER_REJECTED,
            offer_id=offer_id,
            call_id=offer.call_id,
        )
        return [self._call_fact(rejected, offer.call_id, at), change]

    def offer_expired(self, offer_id: str, at: float) -> list[Fact]:
        """Timer: OfferTimedOut (call fact) + RESERVED -> NOT_READY 'missed_offer'. A no-op
        when that offer is no longer pending or not yet expired."""
        offer = self.offer
        if self.state != f.RESERVED or offer is None or offer.offer_id != offer_id:
            return []
        if at < offer.expires_at:
            return []
        timed_out = call_pb.OfferTimedOut(offer_id=offer_id, agent_id=self.agent_id)
        change = self._change(
            f.NOT_READY,
            at,
            by=f.SYSTEM,
            reason_code=MISSED_OFFER,
            offer_id=offer_id,
            call_id=offer.call_id,
        )
        return [self._call_fact(timed_out, offer.call_id, at), change]

    def caller_hung_up(self, call_id: str, at: float) -> list[Fact]:
        """A CallAbandoned or caller's CallEnded was consumed: during the offer back to
        AVAILABLE, during the conversation to WRAP_UP (no second CallEnded); else no-op."""
        if self.state == f.RESERVED and self.offer is not None and self.offer.call_id == call_id:
            return [
                self._change(
                    f.AVAILABLE,
                    at,
                    by=f.SYSTEM,
                    reason_code=CALLER_HUNG_UP,
                    offer_id=self.offer.offer_id,
                    call_id=call_id,
                )
            ]
        if self.call is not None and self.call.call_id == call_id:
            change = self._change(
                f.WRAP_UP, at, by=f.SYSTEM, reason_code=CALLER_HUNG_UP, call_id=call_id
            )
            return [change]
        return []
