"""Scenarios for hand-written tests: typical calls, and several scripts merged in the
order a topic would deliver them."""

from __future__ import annotations

from callcenter.v1 import call_events_pb2 as ce
from callcenter.v1.envelope_pb2 import Event
from metrics.domain.times import ms_of
from metrics.reference.script import MONDAY_9, CallScript


def through_menu(
    call: CallScript, queue_id: str, menu_ms: int = 10_000, caller: str = "+33612345678"
) -> CallScript:
    """Received, through the menu in `menu_ms`, queued in `queue_id`."""
    call.received(caller)
    call.ivr_started()
    call.after(menu_ms).ivr_completed(menu_ms, ce.IVR_OUTCOME_QUEUED, queue_id)
    call.queued(queue_id)
    return call


def answered_call(
    call_id: str,
    wait_ms: int,
    at: int = MONDAY_9,
    queue_id: str = "sales",
    agent_id: str = "a1",
    talk_ms: int = 60_000,
    wrap_up_ms: int = 10_000,
) -> list[Event]:
    """A call queued at `at` + 10 s, answered after `wait_ms`, ended, wrapped up."""
    call = through_menu(CallScript("acme", call_id, at), queue_id)
    offer_id = call.after(wait_ms).offered(agent_id, queue_id)
    call.connected(offer_id, agent_id, queue_id)
    call.after(talk_ms).ended(agent_id)
    call.after(wrap_up_ms).wrapped_up(agent_id, wrap_up_ms)
    return call.events


def abandoned_call(
    call_id: str, wait_ms: int, at: int = MONDAY_9, caller: str = "+33612345678"
) -> list[Event]:
    """A call queued in sales at `at` + 10 s; its caller hangs up after waiting `wait_ms`."""
    call = through_menu(CallScript("acme", call_id, at), "sales", caller=caller)
    call.after(wait_ms).abandoned("queue", wait_ms, "sales")
    return call.events


def by_time(*scripts: list[Event]) -> list[Event]:
    """Events of several scripts as a topic would deliver them: in event-time order
    (stable, so each script's own order holds for events of the same millisecond)."""
    return sorted((e for events in scripts for e in events), key=lambda e: ms_of(e.occurred_at))
