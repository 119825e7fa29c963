"""Graph questions that validation asks of a flow, on plain adjacency lists."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Collection, Mapping, Sequence
from graphlib import CycleError, TopologicalSorter

Edges = Mapping[str, Sequence[str]]  # node -> the nodes it may lead to


def reachable(edges: Edges, start: str) -> list[str]:
    """Every node reachable from start, start first, in breadth-first order."""
    seen, order, pending = {start}, [start], deque([start])
    while pending:
        for successor in edges.get(pending.popleft(), ()):
            if successor not in seen:
                seen.add(successor)
                order.append(successor)
                pending.append(successor)
    return order


def leading_to(edges: Edges, goals: Collection[str]) -> set[str]:
    """Every node from which some goal is reachable, the goals included."""
    predecessors: dict[str, list[str]] = {}
    for node, successors in edges.items():
        for successor in successors:
            predecessors.setdefault(successor, []).append(node)
    seen, pending = set(goals), deque(goals)
    while pending:
        for predecessor in predecessors.get(pending.popleft(), ()):
            if predecessor not in seen:
                seen.add(predecessor)
                pending.append(predecessor)
    return seen


def cycle_within(edges: Edges, nodes: Sequence[str]) -> list[str] | None:
    """A cycle using only the given nodes, if any, as a path that ends where it starts and
    starts at the cycle's node that comes first in `nodes`."""
    inside = {node: [s for s in edges.get(node, ()) if s in nodes] for node in nodes}
    try:
        TopologicalSorter(inside).prepare()
    except CycleError as error:
        loop = list(reversed(error.args[1]))[:-1]  # the sorter walks edges backwards
        first = min(range(len(loop)), key=lambda index: nodes.index(loop[index]))
        loop = loop[first:] + loop[:first]
        return [*loop, loop[0]]
    return None


def cheapest_path(
    edges: Edges, cost: Mapping[str, float], start: str, goals: Collection[str]
) -> tuple[float, list[str]] | None:
    """The path from start to a goal whose nodes cost least in total (goal excluded), if any."""
    best: dict[str, float] = {}
    frontier: list[tuple[float, list[str]]] = [(0.0, [start])]
    while frontier:
        spent, path = heapq.heappop(frontier)
        node = path[-1]
        if node in goals:
            return spent, path
        if node in best:
            continue
        best[node] = spent
        for successor in edges.get(node, ()):
            if successor not in best:
                heapq.heappush(frontier, (spent + cost[node], [*path, successor]))
    return None
