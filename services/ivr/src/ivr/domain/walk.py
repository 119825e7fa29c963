"""Entering a node, and the events each entry decides.

Instant nodes (condition, business_hours, set_attributes) are decided and left at once, their
choice recorded in an event so that a replay never decides again; prompts set a timer; terminal
nodes end the session. The walk always stops: validation refuses loops of instant nodes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from chassis.tenants import SkillRequirement
from ivr.domain.announcements import next_announcement
from ivr.domain.draft import Draft
from ivr.domain.events import AttributesSet, BranchTaken, NodeEntered, WaitAnnounced
from ivr.domain.outcomes import HungUp, RequiredSkill, RoutedToQueue, TransferredOut
from ivr.domain.state import merge_skills
from ivr.flows import (
    AnnounceWaitNode,
    BusinessHoursNode,
    CollectDigitsNode,
    ConditionNode,
    HangupNode,
    MenuNode,
    Node,
    OfferCallbackNode,
    PlayNode,
    QueueNode,
    QueueStatus,
    SetAttributesNode,
    TransferNode,
    is_open,
)

QUESTIONS = (MenuNode, CollectDigitsNode, OfferCallbackNode)


def enter(draft: Draft, node_id: str, attempt: int = 1) -> None:
    node, now = draft.flow.nodes[node_id], draft.now
    asks = isinstance(node, QUESTIONS)
    draft.emit(NodeEntered(node_id, attempt, _prompt(node), asks, _deadline(node, now), now))
    match node:
        case AnnounceWaitNode():  # before joining: there is no place in line to tell yet
            announce(draft, node.queue, speak_position=False, speak_wait=True, next_at=None)
        case ConditionNode():
            _take_branch(draft, node_id, node)
        case BusinessHoursNode():
            branch = "open" if is_open(now, node) else "closed"
            target = node.targets()[branch]
            draft.emit(BranchTaken(node_id, branch, target, (), now))
            enter(draft, target)
        case SetAttributesNode():
            skills, attributes = _required(node.skills), dict(node.attributes)
            draft.emit(AttributesSet(node_id, attributes, node.priority, skills, now))
            enter(draft, node.next)
        case QueueNode():
            _route(draft, node)
        case TransferNode():
            draft.emit(TransferredOut(node.number, now))
        case HangupNode():
            draft.emit(HungUp(node.prompt, now))


def announce(
    draft: Draft, queue_id: str, speak_position: bool, speak_wait: bool, next_at: datetime | None
) -> None:
    status = draft.queue_status(queue_id)
    told = next_announcement(status, draft.state.last_announcement, draft.now)
    position, wait = told.position, told.wait_seconds
    event = WaitAnnounced(queue_id, position, wait, speak_position, speak_wait, next_at, draft.now)
    draft.emit(event)


def _take_branch(draft: Draft, node_id: str, node: ConditionNode) -> None:
    asked: dict[str, QueueStatus] = {}  # only the queues the branches tried up to the chosen one

    def recorded(queue_id: str) -> QueueStatus:
        asked[queue_id] = draft.queue_status(queue_id)
        return asked[queue_id]

    branch, target = node.choose(draft.state.attributes, recorded)
    draft.emit(BranchTaken(node_id, branch, target, tuple(asked.values()), draft.now))
    enter(draft, target)


def _route(draft: Draft, node: QueueNode) -> None:
    state, every = draft.state, node.announce_every_seconds
    routed = RoutedToQueue(
        node.queue,
        max(state.priority, node.priority),
        merge_skills(state.skills, _required(node.skills)),
        dict(state.attributes),
        state.time_in_ivr(draft.now),
        None if every is None else draft.now + timedelta(seconds=every),
        draft.now,
    )
    draft.emit(routed)


def _deadline(node: Node, now: datetime) -> datetime | None:
    """When the prompt is over or, for a question, when the caller has failed to answer."""
    match node:
        case PlayNode() | AnnounceWaitNode():
            return now + timedelta(seconds=node.seconds)
        case MenuNode() | CollectDigitsNode() | OfferCallbackNode():
            return now + timedelta(seconds=node.seconds + node.input_timeout_seconds)
    return None


def _prompt(node: Node) -> str | None:
    # A hangup's prompt goes with HungUp (played, then the line dropped).
    return node.prompt if isinstance(node, (PlayNode, *QUESTIONS)) else None


def _required(skills: tuple[SkillRequirement, ...]) -> tuple[RequiredSkill, ...]:
    return merge_skills((), tuple(RequiredSkill(s.name, s.min_level) for s in skills))
