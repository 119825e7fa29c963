"""What the routing domain decides, how a call's stay in a queue ends, and its domain errors."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from router.domain.needs import Needs


class DomainError(Exception):
    """A fact or a read the routing domain refuses."""


class UnknownQueue(DomainError):
    def __init__(self, queue_id: str) -> None:
        super().__init__(f"unknown queue {queue_id!r}")
        self.queue_id = queue_id


class Outcome(StrEnum):
    """How one stay of a call in a queue ended: exactly one per stay."""

    ANSWERED = "answered"
    ABANDONED = "abandoned"
    OVERFLOWED = "overflowed"
    CALLBACK = "callback"
    REQUEUED = "requeued"  # another service queued the call elsewhere (e.g. a transfer)


class Reason(StrEnum):
    QUEUE_FULL = "queue_full"  # the queue was at max_size when the call arrived
    MAX_WAIT = "max_wait"  # the call waited max_wait_s in the queue
    CALLER_REQUESTED = "caller_requested"  # the caller chose a callback over waiting


@dataclass(frozen=True, slots=True)
class Offer:
    call_id: str
    agent_id: str
    queue_id: str
    offer_id: str  # f"{call_id}/{n}": recomputing after a crash yields the same id
    expires_at: float


@dataclass(frozen=True, slots=True)
class Overflow:
    call_id: str
    from_queue_id: str
    to_queue_id: str
    reason: Reason
    priority: int
    first_queued_at: float
    needs: Needs = ()  # the call's own: the overflow queue adds its language's


@dataclass(frozen=True, slots=True)
class Callback:
    call_id: str
    queue_id: str
    reason: Reason
    priority: int
    first_queued_at: float
    callback_number: str


@dataclass(frozen=True, slots=True)
class PriorityRaise:
    """The call's customer has a VIP tier that gives it a higher priority in its queue."""

    call_id: str
    queue_id: str
    priority: int
    reason: str  # "vip_tier gold"


Decision = Offer | Overflow | Callback | PriorityRaise
