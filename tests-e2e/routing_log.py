"""Checking the routing invariants on the calls topic, as recorded (one tenant = one
partition, so the log's order is the order things happened in for that tenant)."""

from __future__ import annotations

from collections import defaultdict

from callcenter.v1.envelope_pb2 import Event

OUTCOMES = {
    "offer_accepted": "answered",
    "call_abandoned": "abandoned",
    "call_overflowed": "overflowed",
    "callback_scheduled": "callback",
}


def violations(events: list[Event]) -> list[str]:
    """Every breach of: one open offer per agent, one per call, offers only to queued
    calls, and at most one outcome per queue entry."""
    found: list[str] = []
    open_by_agent: dict[str, str] = {}  # agent -> offer id
    open_by_call: dict[str, tuple[str, str]] = {}  # call -> (offer id, agent)
    entries: dict[str, list[str]] = defaultdict(list)  # call -> outcome per queue entry
    in_queue: set[str] = set()
    for event in events:
        kind, call = event.WhichOneof("payload"), event.aggregate_id
        if kind == "call_queued":
            if call in in_queue:
                found.append(f"{call} queued again while still queued")
            in_queue.add(call)
            entries[call].append("")
        elif kind == "call_offered":
            offer = event.call_offered
            if offer.agent_id in open_by_agent:
                found.append(f"agent {offer.agent_id} offered {call} during another offer")
            if call in open_by_call:
                found.append(f"call {call} offered to {offer.agent_id} during another offer")
            if call not in in_queue:
                found.append(f"call {call} offered while not queued")
            open_by_agent[offer.agent_id] = offer.offer_id
            open_by_call[call] = (offer.offer_id, offer.agent_id)
        elif kind in ("offer_accepted", "offer_rejected", "offer_timed_out"):
            offer_id = getattr(event, kind).offer_id
            if open_by_call.get(call, ("",))[0] == offer_id:
                _, agent = open_by_call.pop(call)
                open_by_agent.pop(agent, None)
        if kind == "call_abandoned" and call in open_by_call:
            _, agent = open_by_call.pop(call)
            open_by_agent.pop(agent, None)
        outcome = OUTCOMES.get(kind or "")
        if outcome and call in in_queue:
            in_queue.discard(call)
            if entries[call][-1]:
                found.append(f"{call} has two outcomes: {entries[call][-1]}, {outcome}")
            entries[call][-1] = outcome
    return found


def outcomes(events: list[Event]) -> dict[str, list[str]]:
    """Per call, the outcome of each of its queue entries, in order."""
    result: dict[str, list[str]] = defaultdict(list)
    for event in events:
        kind = event.WhichOneof("payload")
        if kind in OUTCOMES:
            result[event.aggregate_id].append(OUTCOMES[kind])
    return dict(result)
