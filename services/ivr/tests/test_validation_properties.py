"""Whatever the graph, validation accepts a flow exactly when every node is reachable from the
entry and every reachable node has a way out to a queue, a transfer or a hangup."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ivr.flows import FlowError, parse_flow

NAMES = [f"n{index}" for index in range(7)]


@st.composite
def flow_documents(draw: st.DrawFn) -> dict[str, Any]:
    names = NAMES[: draw(st.integers(2, len(NAMES)))]
    target = st.sampled_from(names)
    nodes: dict[str, Any] = {}
    for name in names:
        kind = draw(st.sampled_from(["play", "menu", "queue", "hangup"]))
        if kind == "play":
            nodes[name] = {"type": "play", "prompt": "p", "next": draw(target)}
        elif kind == "menu":
            options = draw(st.dictionaries(st.sampled_from("0123456789*#"), target, min_size=1))
            nodes[name] = {"type": "menu", "prompt": "p", "options": options}
            nodes[name] |= {"no_input": draw(target), "invalid": draw(target)}
        else:
            nodes[name] = {"type": kind, "queue": "q"} if kind == "queue" else {"type": kind}
    return {"flow_id": "f", "tenant_id": "t", "entry": names[0], "nodes": nodes}


def successors(node: dict[str, Any]) -> set[str]:
    if node["type"] == "play":
        return {node["next"]}
    if node["type"] == "menu":
        return {*node["options"].values(), node["no_input"], node["invalid"]}
    return set()


def closure(start: set[str], step: Any) -> set[str]:
    found = set(start)
    while grown := {n for node in found for n in step(node)} - found:
        found |= grown
    return found


@given(flow_documents())
def test_accepted_exactly_when_all_reachable_and_all_can_end(document: dict[str, Any]) -> None:
    nodes = document["nodes"]
    reached = closure({document["entry"]}, lambda name: successors(nodes[name]))
    ends = {name for name, node in nodes.items() if node["type"] in ("queue", "hangup")}
    can_end = closure(ends, lambda name: {n for n in nodes if name in successors(nodes[n])})
    sound = reached == set(nodes) and reached <= can_end
    try:
        parse_flow(document, "f.yaml")
    except FlowError as error:
        assert not sound, str(error)
    else:
        assert sound
