"""An agent's part of a call: holds, the end or the transfer of the conversation, the
wrap-up that completes the handling. Handlers of the call walk (call_walk)."""

from __future__ import annotations

from metrics.domain.call_state import CallWalk
from metrics.domain.contributions import Count, agent_scope, stay_scopes
from metrics.domain.facts import CallFact


def held(w: CallWalk, f: CallFact) -> None:
    segment = w.segments.get(f.agent)
    if segment is not None and segment.ended_at is None and segment.held_at is None:
        segment.held_at = f.at


def resumed(w: CallWalk, f: CallFact) -> None:
    segment = w.segments.get(f.agent)
    if segment is not None and segment.ended_at is None:
        segment.resume(f.at)


def transferred(w: CallWalk, f: CallFact) -> None:
    w.status = None
    segment = w.segments.get(f.agent)
    if segment is None:
        return  # out of the menu, by no agent: not an agent's transfer
    segment.end(f.at)
    w.transferred_at = f.at
    w.emit(f, (*stay_scopes(segment.queue_id), agent_scope(f.agent)), {Count.TRANSFERS: 1})


def ended(w: CallWalk, f: CallFact) -> None:
    w.status = None
    if not f.agent:  # ended by the system or in the menu: whoever was on it
        for any_segment in w.segments.values():
            any_segment.end(f.at)
    elif (segment := w.segments.get(f.agent)) is not None:
        segment.end(f.at)


def wrapped_up(w: CallWalk, f: CallFact) -> None:
    segment = w.segments.get(f.agent)
    if segment is None or segment.ended_at is None or segment.wrapped:
        return  # its conversation is not (yet) known to have ended
    segment.wrapped = True
    counts: dict[str, int] = {
        Count.HANDLED: 1,
        Count.TALK_MS: segment.ended_at - segment.connected_at - segment.hold_ms,
        Count.HOLD_MS: segment.hold_ms,
        Count.WRAP_UP_MS: f.ms,
    }
    w.emit(f, (*stay_scopes(segment.queue_id), agent_scope(f.agent)), counts)
