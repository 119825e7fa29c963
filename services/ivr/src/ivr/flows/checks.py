"""Checks of a flow as a whole, once its nodes parse: targets, reachability, loops, and how long
a caller listens before reaching a queue."""

from __future__ import annotations

from ivr.flows.flow import INSTANT_NODES, TERMINAL_NODES, Flow, speaking_seconds
from ivr.flows.graph import Edges, cheapest_path, cycle_within, leading_to, reachable
from ivr.flows.nodes import QueueNode
from ivr.flows.validation import FlowProblem


def graph_problems(flow: Flow, source: str) -> list[FlowProblem]:
    problems = [
        FlowProblem(source, f"unknown target {target!r}", node_id, field)
        for node_id, node in flow.nodes.items()
        for field, target in node.targets().items()
        if target not in flow.nodes
    ]
    if flow.entry not in flow.nodes:
        return [*problems, FlowProblem(source, f"unknown node {flow.entry!r}", field="entry")]
    edges = flow.edges()
    in_reach = reachable(edges, flow.entry)
    problems += [
        FlowProblem(source, f"unreachable from entry {flow.entry!r}", node_id)
        for node_id in flow.nodes
        if node_id not in in_reach
    ]
    problems += _loops_without_exit(flow, edges, in_reach, source)
    problems += _instant_loops(flow, edges, in_reach, source)
    problems += _over_time_budget(flow, edges, source)
    return problems


def _loops_without_exit(
    flow: Flow, edges: Edges, in_reach: list[str], source: str
) -> list[FlowProblem]:
    # A node with an unknown target may well have an exit: that target is reported already.
    ends = [
        node_id
        for node_id, node in flow.nodes.items()
        if isinstance(node, TERMINAL_NODES)
        or any(target not in flow.nodes for target in node.targets().values())
    ]
    can_end = leading_to(edges, ends)
    trapped = [node_id for node_id in in_reach if node_id not in can_end]
    if not trapped:
        return []
    paths = f"no path from {', '.join(trapped)} reaches a queue, transfer or hangup"
    message = f"loops with no exit: {paths}"
    return [FlowProblem(source, message, trapped[0])]


def _instant_loops(flow: Flow, edges: Edges, in_reach: list[str], source: str) -> list[FlowProblem]:
    # Such a loop never waits for a prompt, a timer or the caller: it would spin forever.
    instant = [node_id for node_id in in_reach if isinstance(flow.nodes[node_id], INSTANT_NODES)]
    cycle = cycle_within(edges, instant)
    if cycle is None:
        return []
    message = f"loops through {' -> '.join(cycle)} without ever waiting"
    return [FlowProblem(source, message, cycle[0])]


def _over_time_budget(flow: Flow, edges: Edges, source: str) -> list[FlowProblem]:
    """The time budget: the cheapest path from the entry to any queue node must take at most
    max_seconds_to_queue. A path costs the nominal `seconds` of each prompt along it; waiting for
    input is not counted, as on the happy path the caller answers when the prompt ends, nor are
    retries or timeouts. A flow that never reaches a queue (e.g. an information line) passes."""
    queues = [node_id for node_id, node in flow.nodes.items() if isinstance(node, QueueNode)]
    cost = {node_id: speaking_seconds(node) for node_id, node in flow.nodes.items()}
    found = cheapest_path(edges, cost, flow.entry, queues)
    if found is None or found[0] <= flow.max_seconds_to_queue:
        return []
    spent, path = found
    message = (
        f"the shortest way to a queue takes {spent:g}s, over {flow.max_seconds_to_queue:g}s: "
        + " -> ".join(path)
    )
    return [FlowProblem(source, message, field="max_seconds_to_queue")]
