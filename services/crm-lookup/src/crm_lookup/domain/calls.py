"""The calls in progress and the lookups they are owed, rebuilt from the calls topic.

A lookup is owed from its cause (the CallReceived, or an IvrInputReceived of an account
number) until a CustomerIdentified caused by it is in the log: read back, or published here.
Replaying the log therefore settles every lookup done before a crash, and owes again only the
ones whose result never reached the log. A lookup that fails is owed again later, with backoff,
until the call is over: the pop follows as soon as the CRM answers again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter.v1.call_events_pb2 import IVR_INPUT_KIND_DIGITS
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from crm_lookup.domain.identification import BY_ACCOUNT_NUMBER, BY_CALLER_NUMBER

FIRST_RETRY_S = 0.25
MAX_RETRY_S = 5.0  # how late, at worst, a pop follows the CRM's recovery


@dataclass
class OwedLookup:
    cause_id: str  # the event that asked for it; the result's causation id
    tenant_id: str
    call_id: str
    looked_up_by: str
    value: str
    failures: int = 0
    due_at: float = 0.0  # epoch seconds


@dataclass
class _Call:
    last_sequence: int
    owed: set[str] = field(default_factory=set)  # cause ids


def _is_over(event: Event) -> bool:
    """Nobody looks at the call's pop any more: abandoned, ended without an agent (who would
    wrap up), or wrapped up."""
    kind = event.event_type
    return kind in ("CallAbandoned", "WrapUpCompleted") or (
        kind == "CallEnded" and not event.call_ended.agent_id
    )


class CallLookups:
    def __init__(self, account_attributes: frozenset[str], capacity: int = 200_000) -> None:
        """`account_attributes`: the IVR attributes whose collected digits are account numbers."""
        self._account_attributes = account_attributes
        self._capacity = capacity  # calls whose end was never recorded leave, oldest first
        self._calls: dict[str, _Call] = {}
        self._owed: dict[str, OwedLookup] = {}  # by cause id; few: those of the last moments

    def observe(self, event: Event) -> None:
        if event.aggregate_type != AGGREGATE_TYPE_CALL:
            return
        call_id, kind = event.aggregate_id, event.event_type
        if _is_over(event):
            self._forget(call_id)
            return
        call = self._calls.get(call_id)
        if call is None:
            call = self._calls[call_id] = _Call(event.sequence)
            self._trim()
            if kind == "CallReceived":  # not a repeated arrival with another event id
                self._owe(call, event, BY_CALLER_NUMBER, event.call_received.caller_number)
        call.last_sequence = max(call.last_sequence, event.sequence)
        if kind == "IvrInputReceived":
            collected = event.ivr_input_received
            if collected.kind == IVR_INPUT_KIND_DIGITS and (
                collected.attribute in self._account_attributes
            ):
                self._owe(call, event, BY_ACCOUNT_NUMBER, collected.digits)
        elif kind == "CustomerIdentified":
            self._settle(call, event.causation_id)

    def due(self, now: float) -> list[OwedLookup]:
        return [lookup for lookup in self._owed.values() if lookup.due_at <= now]

    def is_owed(self, lookup: OwedLookup) -> bool:
        return self._owed.get(lookup.cause_id) is lookup

    def next_sequence(self, lookup: OwedLookup) -> int:
        """Reserve the sequence of the lookup's result: one above the call's highest seen."""
        call = self._calls[lookup.call_id]
        call.last_sequence += 1
        return call.last_sequence

    def settle(self, lookup: OwedLookup) -> None:
        """Its result is published."""
        if (call := self._calls.get(lookup.call_id)) is not None:
            self._settle(call, lookup.cause_id)

    def failed(self, lookup: OwedLookup, now: float) -> None:
        lookup.failures += 1
        lookup.due_at = now + min(FIRST_RETRY_S * 2 ** (lookup.failures - 1), MAX_RETRY_S)

    def next_due_at(self) -> float | None:
        return min((lookup.due_at for lookup in self._owed.values()), default=None)

    def owed_count(self) -> int:
        return len(self._owed)

    def clear(self) -> None:
        self._calls.clear()
        self._owed.clear()

    def _owe(self, call: _Call, event: Event, looked_up_by: str, value: str) -> None:
        if event.event_id not in self._owed:
            call.owed.add(event.event_id)
            self._owed[event.event_id] = OwedLookup(
                event.event_id, event.tenant_id, event.aggregate_id, looked_up_by, value
            )

    def _settle(self, call: _Call, cause_id: str) -> None:
        call.owed.discard(cause_id)
        self._owed.pop(cause_id, None)

    def _forget(self, call_id: str) -> None:
        call = self._calls.pop(call_id, None)
        for cause_id in call.owed if call else ():
            del self._owed[cause_id]

    def _trim(self) -> None:
        while len(self._calls) > self._capacity:
            self._forget(next(iter(self._calls)))
