"""How a call waits: in the menu, in queues, offered to agents; and how its wait ends
(answered, abandoned, overflowed, called back). Handlers of the call walk (call_walk)."""

from __future__ import annotations

from metrics.domain.call_state import IN_IVR, WAITING, CallWalk, LiveStatus, Segment
from metrics.domain.contributions import TENANT, Count, agent_scope, queue_scope, stay_scopes
from metrics.domain.facts import STAGE_IVR, CallFact


def received(w: CallWalk, f: CallFact) -> None:
    w.caller_number = f.ref


def ivr_started(w: CallWalk, f: CallFact) -> None:
    w.status = LiveStatus(IN_IVR, "", f.at)


def ivr_completed(w: CallWalk, f: CallFact) -> None:
    left_ivr(w, f, f.ms, abandoned=False)


def left_ivr(w: CallWalk, f: CallFact, time_in_ivr: int, abandoned: bool) -> None:
    w.status = None
    counts: dict[str, int] = {
        Count.IVR_CALLS: 1,
        Count.IVR_TIME_MS: time_in_ivr,
        Count.IVR_OVER_GUIDELINE: int(time_in_ivr > w.record.ivr_guideline_ms),
    }
    entry = None
    if abandoned and time_in_ivr < w.record.short_abandon_ms:
        counts[Count.IVR_SHORT_ABANDONED] = 1
    elif abandoned:
        counts[Count.IVR_ABANDONED] = 1
        entry = w.abandon_entry(f, "", time_in_ivr)
    w.emit(f, (TENANT,), counts, abandon=entry)


def queued(w: CallWalk, f: CallFact) -> None:
    w.note_first_queued(f.ms)
    w.queue_id, w.entered_queue = f.queue, True
    start = w.wait_start()
    w.status = LiveStatus(WAITING, f.queue, f.at if start is None else start)


def overflowed(w: CallWalk, f: CallFact) -> None:
    """The stay in the first queue ends; for the tenant the call goes on waiting."""
    waited = w.waited(f.at)
    counts: dict[str, int] = {Count.OFFERED: 1, Count.OVERFLOWED: 1, Count.WAIT_MS: waited}
    w.emit(f, (queue_scope(f.queue),) if f.queue else (), counts, wait=waited)
    w.emit(f, (TENANT,), {Count.OVERFLOWED: 1})


def callback(w: CallWalk, f: CallFact) -> None:
    w.note_first_queued(f.ms)
    w.status = None
    if not w.entered_queue:
        return  # asked for in the menu: the call never waited in a queue
    waited = w.waited(f.at)
    counts: dict[str, int] = {Count.OFFERED: 1, Count.CALLBACKS: 1, Count.WAIT_MS: waited}
    w.emit(f, stay_scopes(w.queue_of(f)), counts, wait=waited)


def connected(w: CallWalk, f: CallFact) -> None:
    queue_id = w.queue_of(f)
    waited = w.waited(f.at)
    counts: dict[str, int] = {
        Count.OFFERED: 1,
        Count.ANSWERED: 1,
        Count.ANSWERED_WITHIN_T: int(waited <= w.record.threshold_ms(queue_id)),
        Count.WAIT_MS: waited,
        Count.ANSWER_WAIT_MS: waited,
    }
    w.emit(f, stay_scopes(queue_id), counts, wait=waited)
    w.emit(f, (agent_scope(f.agent),), {Count.ANSWERED: 1})
    w.segments[f.agent] = Segment(queue_id, f.at)
    w.status = None


def abandoned(w: CallWalk, f: CallFact) -> None:
    if f.ref == STAGE_IVR:
        left_ivr(w, f, f.ms, abandoned=True)
        return
    w.status = None
    queue_id = w.queue_of(f)
    waited = w.waited(f.at, fallback_ms=f.ms)  # the IVR's own measure if no queue entry is known
    counts: dict[str, int] = {Count.OFFERED: 1, Count.WAIT_MS: waited}
    entry = None
    if waited < w.record.short_abandon_ms:
        counts[Count.SHORT_ABANDONED] = 1
    else:
        counts[Count.ABANDONED] = 1
        counts[Count.ABANDON_WAIT_MS] = waited
        counts[Count.ABANDONED_WITHIN_T] = int(waited <= w.record.threshold_ms(queue_id))
        entry = w.abandon_entry(f, queue_id, waited)
    w.emit(f, stay_scopes(queue_id), counts, wait=waited, abandon=entry)


def offered(w: CallWalk, f: CallFact) -> None:
    w.offers[f.ref] = w.queue_of(f)


def offer_failed(w: CallWalk, f: CallFact) -> None:
    count = Count.OFFERS_REJECTED if f.kind == "offer_rejected" else Count.OFFERS_TIMED_OUT
    queue_id = w.offers.get(f.ref, w.queue_id)
    w.emit(f, (*stay_scopes(queue_id), agent_scope(f.agent)), {count: 1})
