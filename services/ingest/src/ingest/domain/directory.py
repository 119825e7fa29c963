"""The calls in progress, as providers name them, and each call's last event sequence."""

from __future__ import annotations

from dataclasses import dataclass

ProviderKey = tuple[str, str]  # (provider, provider call id)


@dataclass
class KnownCall:
    tenant_id: str
    call_id: str
    provider: str
    provider_call_id: str
    # The highest sequence of the call's events (ingest, the IVR, the router and
    # agent-state all write them): the next report takes one more. Kept per call, unlike
    # chassis.sequences.SequenceTracker, so it leaves with the call and memory stays bounded.
    last_sequence: int = 1

    @property
    def key(self) -> ProviderKey:
        return (self.provider, self.provider_call_id)


class CallDirectory:
    """Provider call -> (tenant, call id, last sequence). Calls leave when they end; the
    `capacity` oldest-first bound drops calls whose end was never recorded."""

    def __init__(self, capacity: int = 200_000) -> None:
        self._capacity = capacity
        self._by_key: dict[ProviderKey, KnownCall] = {}
        self._by_call_id: dict[str, KnownCall] = {}

    def add(self, call: KnownCall) -> None:
        """A call arrived. Adding it again (a retry, or the log read back) keeps what is known."""
        known = self._by_call_id.get(call.call_id)
        if known is not None:
            known.last_sequence = max(known.last_sequence, call.last_sequence)
            return
        replaced = self._by_key.pop(call.key, None)
        if replaced is not None:  # a provider reused a call id: the latest call wins
            del self._by_call_id[replaced.call_id]
        self._by_key[call.key] = self._by_call_id[call.call_id] = call
        while len(self._by_key) > self._capacity:
            self.forget(next(iter(self._by_key.values())).call_id)

    def find(self, provider: str, provider_call_id: str) -> KnownCall | None:
        return self._by_key.get((provider, provider_call_id))

    def get(self, call_id: str) -> KnownCall | None:
        return self._by_call_id.get(call_id)

    def observe(self, call_id: str, sequence: int) -> None:
        call = self._by_call_id.get(call_id)
        if call is not None and sequence > call.last_sequence:
            call.last_sequence = sequence

    def reserve_sequence(self, call: KnownCall) -> int:
        call.last_sequence += 1
        return call.last_sequence

    def release_sequence(self, call: KnownCall, sequence: int) -> None:
        """The event with `sequence` did not reach the log: give the number back, unless
        a later one was taken meanwhile (a gap is harmless; a reused number is not)."""
        if call.last_sequence == sequence:
            call.last_sequence -= 1

    def forget(self, call_id: str) -> None:
        call = self._by_call_id.pop(call_id, None)
        if call is not None:
            del self._by_key[call.key]

    def clear(self) -> None:
        self._by_key.clear()
        self._by_call_id.clear()

    def __len__(self) -> int:
        return len(self._by_key)
