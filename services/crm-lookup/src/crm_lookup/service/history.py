"""The interaction history kept from the calls topic: each call's events applied to its
interaction in the store (domain.call_history), at least once and idempotently.

Nobody waits for the history, so while the store is down this consumer waits for it, retrying
with backoff for up to `patience_s`; an event still not stored then goes to the dead-letter topic
with the reason (and can be replayed from there: applying it again is harmless). The patience
stays below Kafka's max.poll.interval (5 min), past which the group would drop this member."""

from __future__ import annotations

import logging

from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_delay,
    wait_exponential,
)

from callcenter.v1.envelope_pb2 import Event
from crm_lookup.domain.call_history import shapes_history
from crm_lookup.service.ports import InteractionStore, StoreUnavailable

log = logging.getLogger(__name__)


class History:
    def __init__(self, store: InteractionStore, *, patience_s: float = 120.0) -> None:
        self._store = store
        self._retrying = AsyncRetrying(
            retry=retry_if_exception_type(StoreUnavailable),
            stop=stop_after_delay(patience_s),
            wait=wait_exponential(multiplier=0.1, max=5.0),
            before_sleep=lambda state: log.warning(
                "store unavailable for the history; retrying",
                extra={"attempt": state.attempt_number},
            ),
            reraise=True,
        )

    async def apply(self, event: Event) -> None:
        if shapes_history(event):
            await self._retrying(self._store.record, event)
