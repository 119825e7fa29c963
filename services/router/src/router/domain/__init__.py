"""The router's pure domain: queues, calls and agents of one routing domain, and its decisions."""

from router.domain.decisions import (
    Callback,
    Decision,
    DomainError,
    Offer,
    Outcome,
    Overflow,
    PriorityRaise,
    Reason,
    UnknownQueue,
)
from router.domain.estimates import QueueStatus, WaitEstimate
from router.domain.needs import Customer, Needs
from router.domain.routing import RoutingDomain

__all__ = [
    "Callback",
    "Customer",
    "Decision",
    "DomainError",
    "Needs",
    "Offer",
    "Outcome",
    "Overflow",
    "PriorityRaise",
    "QueueStatus",
    "Reason",
    "RoutingDomain",
    "UnknownQueue",
    "WaitEstimate",
]
