"""A tenant's IVR flow: its nodes, its entry, and the version calls are pinned to."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from typing import Annotated, NamedTuple, get_args

from pydantic import Field

from ivr.flows.calendar import BusinessHoursNode
from ivr.flows.conditions import ConditionNode, SetAttributesNode
from ivr.flows.nodes import (
    AnnounceWaitNode,
    CollectDigitsNode,
    Frozen,
    HangupNode,
    MenuNode,
    OfferCallbackNode,
    PlayNode,
    QueueNode,
    TransferNode,
)

Node = Annotated[
    PlayNode
    | MenuNode
    | CollectDigitsNode
    | ConditionNode
    | BusinessHoursNode
    | SetAttributesNode
    | QueueNode
    | AnnounceWaitNode
    | OfferCallbackNode
    | TransferNode
    | HangupNode,
    Field(discriminator="type"),
]
NODE_TYPES = frozenset(
    get_args(node_class.model_fields["type"].annotation)[0]
    for node_class in get_args(get_args(Node)[0])
)
TERMINAL_NODES = (QueueNode, TransferNode, HangupNode)
INSTANT_NODES = (ConditionNode, BusinessHoursNode, SetAttributesNode)  # decide and move on at once
SPEAKING_NODES = (
    PlayNode,
    MenuNode,
    CollectDigitsNode,
    OfferCallbackNode,
    AnnounceWaitNode,
    HangupNode,
)


def speaking_seconds(node: Node) -> float:
    """How long the node's prompt nominally plays (0 for nodes that say nothing)."""
    return node.seconds if isinstance(node, SPEAKING_NODES) else 0.0


class FlowRef(NamedTuple):
    tenant_id: str
    flow_id: str
    version: str


class Flow(Frozen):
    flow_id: str = Field(min_length=1)
    tenant_id: str = Field(min_length=1)
    entry: str = Field(min_length=1)
    # The guideline: the menu adds at most two minutes before a caller reaches a queue.
    max_seconds_to_queue: float = Field(default=120.0, gt=0)
    label: str | None = Field(default=None, alias="version", min_length=1)
    nodes: dict[str, Node] = Field(min_length=1)

    @cached_property
    def version(self) -> str:
        """A hash of the normalised content (defaults filled in, keys sorted): the same flow
        written differently keeps its version, any change of meaning gets a new one."""
        content = json.dumps(
            self.model_dump(mode="json", by_alias=True), sort_keys=True, separators=(",", ":")
        )
        digest = hashlib.sha256(content.encode()).hexdigest()[:12]
        return f"{self.label}+{digest}" if self.label else digest

    @property
    def ref(self) -> FlowRef:
        return FlowRef(self.tenant_id, self.flow_id, self.version)

    @property
    def queues_consulted(self) -> frozenset[str]:
        """Queues whose status a session of this flow may ask for at decide time."""
        queues: set[str] = set()
        for node in self.nodes.values():
            if isinstance(node, ConditionNode):
                queues.update(b.when.queue for b in node.branches if b.when.queue is not None)
            elif isinstance(node, AnnounceWaitNode) or (
                isinstance(node, QueueNode) and node.announce_every_seconds is not None
            ):
                queues.add(node.queue)
        return frozenset(queues)

    def edges(self) -> dict[str, list[str]]:
        """Each node's known successors; unknown targets are validation's to report."""
        return {
            node_id: [target for target in node.targets().values() if target in self.nodes]
            for node_id, node in self.nodes.items()
        }
