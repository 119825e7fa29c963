"""What the caller does (keys, hanging up) and what timers mean, at the node the call is at."""

from __future__ import annotations

from datetime import timedelta

from ivr.domain.draft import Draft
from ivr.domain.events import InputAccepted, InputFailure, InputRejected
from ivr.domain.outcomes import AbandonedInIvr, CallbackRequested, SessionClosed
from ivr.domain.state import Status, TimerPurpose
from ivr.domain.walk import announce, enter
from ivr.flows import (
    AnnounceWaitNode,
    CollectDigitsNode,
    MenuNode,
    OfferCallbackNode,
    PlayNode,
    QueueNode,
)


def receive_digits(draft: Draft, digits: str) -> None:
    state, node = draft.state, draft.node
    if state.status is Status.QUEUED:
        if isinstance(node, QueueNode) and digits == node.callback_digit:
            _request_callback(draft, node.queue)
        return
    if state.timer is None or state.timer.purpose is not TimerPurpose.INPUT_TIMEOUT:
        return  # keys pressed when nothing is asked answer nothing
    match node:
        case MenuNode() if digits in node.options:
            _accept(draft, digits)
            enter(draft, node.options[digits])
        case CollectDigitsNode() if node.accepts(entered := _without(digits, node.terminator)):
            _accept(draft, entered, node.attribute)
            enter(draft, node.next)
        case OfferCallbackNode():  # any other key is an answer too: no thanks
            _accept(draft, digits)
            if digits == node.accept_digit:
                _request_callback(draft, node.queue)
            else:
                enter(draft, node.declined)
        case _:
            _reject(draft, InputFailure.INVALID, digits)


def fire_timer(draft: Draft) -> None:
    timer, node, now = draft.state.timer, draft.node, draft.now
    if timer is None or now < timer.deadline:
        return  # early, or already acted upon: a timer may fire more than once
    match timer.purpose, node:
        case TimerPurpose.PROMPT_END, PlayNode() | AnnounceWaitNode():
            enter(draft, node.next)
        case TimerPurpose.INPUT_TIMEOUT, _:
            _reject(draft, InputFailure.NO_INPUT, "")
        case TimerPurpose.ANNOUNCEMENT, QueueNode() if node.announce_every_seconds is not None:
            next_at = now + timedelta(seconds=node.announce_every_seconds)
            announce(draft, node.queue, node.announce_position, node.announce_wait, next_at)


def caller_hung_up(draft: Draft) -> None:
    if draft.state.status is Status.QUEUED:
        draft.emit(SessionClosed(draft.now))  # the router reports the abandon in queue
    else:
        time_in_ivr = draft.state.time_in_ivr(draft.now)
        draft.emit(AbandonedInIvr(draft.state.node_id, time_in_ivr, draft.now))


def _without(digits: str, terminator: str | None) -> str:
    return digits.removesuffix(terminator) if terminator else digits


def _accept(draft: Draft, digits: str, attribute: str | None = None) -> None:
    state = draft.state
    draft.emit(InputAccepted(state.node_id, state.attempt, digits, attribute, draft.now))


def _reject(draft: Draft, failure: InputFailure, digits: str) -> None:
    """Asks again while attempts remain; then takes the branch for how the last one failed."""
    state, node = draft.state, draft.node
    draft.emit(InputRejected(state.node_id, state.attempt, failure, digits, draft.now))
    match node:
        case OfferCallbackNode():  # asked once: silence declines
            enter(draft, node.declined)
        case MenuNode() | CollectDigitsNode() if state.attempt < node.max_attempts:
            enter(draft, state.node_id, state.attempt + 1)
        case MenuNode():
            enter(draft, node.no_input if failure is InputFailure.NO_INPUT else node.invalid)
        case CollectDigitsNode():
            enter(draft, node.failure)


def _request_callback(draft: Draft, queue_id: str) -> None:
    state = draft.state
    while_queued = state.status is Status.QUEUED
    attributes = dict(state.attributes)
    callback = CallbackRequested(
        queue_id,
        state.caller_number,
        state.priority,
        state.skills,
        attributes,
        while_queued,
        draft.now,
    )
    draft.emit(callback)
