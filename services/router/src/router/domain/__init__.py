"""The router's pure domain: queues, calls and agents of one routing domain, and its decisions."""

from router.domain.decisions import (
    Callback,
    Decision,
    DomainError,
    Offer,
    Outcome,
    Overflow,
    Reason,
    UnknownQueue,
)
from router.domain.estimates import QueueStatus, WaitEstimate
from router.domain.routing import RoutingDomain

__all__ = [
    "Callback",
    "Decision",
    "DomainError",
    "Offer",
    "Outcome",
    "Overflow",
    "QueueStatus",
    "Reason",
    "RoutingDomain",
    "UnknownQueue",
    "WaitEstimate",
]
