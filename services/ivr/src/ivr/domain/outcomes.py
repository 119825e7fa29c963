"""How a call leaves the IVR's menu: routed to a queue, or with its session's end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RequiredSkill:
    name: str
    min_level: int


@dataclass(frozen=True, slots=True)
class RoutedToQueue:
    queue_id: str
    priority: int
    skills: tuple[RequiredSkill, ...]
    attributes: Mapping[str, str]
    time_in_ivr: float
    next_announcement_at: datetime | None
    at: datetime


@dataclass(frozen=True, slots=True)
class CallbackRequested:
    queue_id: str
    callback_number: str
    priority: int
    skills: tuple[RequiredSkill, ...]
    attributes: Mapping[str, str]
    while_queued: bool  # the router turns the queued call into a callback keeping its place
    at: datetime


@dataclass(frozen=True, slots=True)
class TransferredOut:
    number: str
    at: datetime


@dataclass(frozen=True, slots=True)
class HungUp:
    prompt: str | None  # played before hanging up
    at: datetime


@dataclass(frozen=True, slots=True)
class AbandonedInIvr:
    node_id: str
    time_in_ivr: float
    at: datetime


@dataclass(frozen=True, slots=True)
class SessionClosed:
    """The caller hung up while queued: the router reports that abandon, the IVR just stops."""

    at: datetime


# Exactly one of these ends each session; RoutedToQueue leaves it waiting for one of them.
SessionEnd = CallbackRequested | TransferredOut | HungUp | AbandonedInIvr | SessionClosed
