"""What a desktop is shown when an offer arrives."""

from __future__ import annotations

from agent_state.calls import CallContext
from agent_state.domain.model import PendingOffer
from callcenter.v1.agent_desktop_pb2 import SubscribeOffersResponse
from chassis.times import to_duration, to_timestamp


def offer_notice(offer: PendingOffer, call: CallContext, now: float) -> SubscribeOffersResponse:
    waited = now - call.first_queued_at if call.first_queued_at is not None else 0.0
    return SubscribeOffersResponse(
        offer_id=offer.offer_id,
        call_id=offer.call_id,
        queue_id=offer.queue_id,
        caller_number=call.caller_number,
        waited=to_duration(waited),
        ivr_data=call.ivr_data,
        expires_at=to_timestamp(offer.expires_at),
        priority=call.priority,
        transferred_by=call.transferred_by,
        screen_pop=call.screen_pop,
    )
