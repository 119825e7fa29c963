"""Per-tenant IVR flows: their model, their validation at load, and business hours."""

from ivr.flows.calendar import BusinessHoursNode, is_holiday, is_open
from ivr.flows.conditions import (
    Branch,
    Condition,
    ConditionNode,
    QueueStatus,
    QueueStatusLookup,
    SetAttributesNode,
)
from ivr.flows.flow import Flow, FlowRef, Node
from ivr.flows.loading import FlowCatalogue, load_flow, load_flows, parse_flow
from ivr.flows.nodes import (
    AnnounceWaitNode,
    CollectDigitsNode,
    HangupNode,
    MenuNode,
    OfferCallbackNode,
    PlayNode,
    QueueNode,
    TransferNode,
)
from ivr.flows.validation import FlowError, FlowProblem

__all__ = [
    "AnnounceWaitNode",
    "Branch",
    "BusinessHoursNode",
    "CollectDigitsNode",
    "Condition",
    "ConditionNode",
    "Flow",
    "FlowCatalogue",
    "FlowError",
    "FlowProblem",
    "FlowRef",
    "HangupNode",
    "MenuNode",
    "Node",
    "OfferCallbackNode",
    "PlayNode",
    "QueueNode",
    "QueueStatus",
    "QueueStatusLookup",
    "SetAttributesNode",
    "TransferNode",
    "is_holiday",
    "is_open",
    "load_flow",
    "load_flows",
    "parse_flow",
]
