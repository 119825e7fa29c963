"""A call's facts walked in event-time order: what each adds to the tallies, and where
the call stands at the end.

Every contribution is anchored at the fact that completes it (the answer, the abandon,
the end of wrap-up) and computed from that fact and the facts before it only. So a fact
arriving out of order changes only the contributions anchored at or after it: the
stream walks with `since` = its key before and after inserting it and applies the
difference. The definitions are in docs/metrics.md.
"""

from __future__ import annotations

from collections.abc import Callable

from metrics.domain import conversation, waiting
from metrics.domain.call_state import CallWalk
from metrics.domain.facts import CallFact, FactKey
from metrics.domain.records import CallRecord


def walk(record: CallRecord, since: FactKey | None = None) -> CallWalk:
    """Walk every fact of the call; contributions are kept from `since` on (all if None)."""
    state = CallWalk(record, since)
    for fact in record.facts():
        step(state, fact)
    return state


def step(state: CallWalk, fact: CallFact) -> None:
    """One fact further: `fact` sorts after every fact walked so far."""
    state.emitting = state.since is None or fact.key >= state.since
    HANDLERS[fact.kind](state, fact)
    state.facts_walked += 1


HANDLERS: dict[str, Callable[[CallWalk, CallFact], None]] = {
    "received": waiting.received,
    "ivr_started": waiting.ivr_started,
    "ivr_completed": waiting.ivr_completed,
    "overflowed": waiting.overflowed,
    "queued": waiting.queued,
    "offered": waiting.offered,
    "offer_rejected": waiting.offer_failed,
    "offer_timed_out": waiting.offer_failed,
    "connected": waiting.connected,
    "held": conversation.held,
    "resumed": conversation.resumed,
    "transferred": conversation.transferred,
    "abandoned": waiting.abandoned,
    "callback": waiting.callback,
    "ended": conversation.ended,
    "wrapped_up": conversation.wrapped_up,
}
