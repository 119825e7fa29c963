"""Call facts into call records and bucket tallies, one event at a time."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from metrics.domain.book import BucketBook
from metrics.domain.call_state import CallWalk, LiveStatus
from metrics.domain.call_walk import step, walk
from metrics.domain.clock import TenantClock
from metrics.domain.config import MetricsConfig
from metrics.domain.facts import CallFact, Outcome
from metrics.domain.records import CallRecord
from metrics.domain.tenant_keys import TenantKeys
from metrics.domain.times import SECOND_MS


class CallStream:
    def __init__(
        self, calls: MutableMapping[str, Any], book: BucketBook, config: MetricsConfig
    ) -> None:
        self.calls = calls
        self.book = book
        self.config = config
        # The walk of each recent call after its last fact, so that a fact arriving in
        # order is handled alone instead of walking the call again. Derived state: lost
        # on restart, bounded, and a miss costs one full walk.
        self._walks: dict[str, CallWalk] = {}
        self.keys = TenantKeys(calls)

    def apply(
        self, tenant_id: str, call_id: str, fact: CallFact, clock: TenantClock
    ) -> tuple[Outcome, LiveStatus | None]:
        """Record the fact and bring the tallies in line; the call's live status after."""
        data, final_before = self.calls.get(call_id), clock.final_before
        if data is None and fact.at < final_before - self.config.call_retention_s * SECOND_MS:
            # A call forgotten after its end (or never seen and long over): nothing to update.
            return Outcome.DROPPED_LATE, None
        if data is None:
            record = CallRecord.new(call_id, tenant_id, self.config)
            self.keys.add(tenant_id, call_id)
            in_order = True
        else:
            record = CallRecord(data)
            # After every fact known (the usual case), it can be no redelivery of one.
            in_order = not record.has_later_than(fact, or_equal=True)
            if not in_order and record.has(fact):
                return Outcome.DUPLICATE, None
        # In order, nothing is anchored at or after the fact yet: nothing to take back.
        before = [] if in_order else walk(record, fact.key).contributions
        known = len(record.data["facts"])
        record.insert(fact, self.config)
        after = self._walk_on(call_id, record, fact, known) if in_order else None
        after = after or walk(record, fact.key)
        self.book.update(tenant_id, final_before, before, after.contributions)
        self.calls[call_id] = record.to_json()
        self._remember(call_id, after)
        return Outcome.APPLIED, after.status

    def _walk_on(
        self, call_id: str, record: CallRecord, fact: CallFact, known: int
    ) -> CallWalk | None:
        """The remembered walk carried one fact further, if it stopped at the fact before."""
        state = self._walks.pop(call_id, None) if known else CallWalk(record, fact.key)
        if state is None or state.facts_walked != known:
            return None
        state.record, state.since, state.contributions = record, fact.key, []
        step(state, fact)
        return state

    def _remember(self, call_id: str, state: CallWalk) -> None:
        state.contributions = []  # applied already
        self._walks.pop(call_id, None)
        self._walks[call_id] = state  # the most recent last, so the oldest go first
        if len(self._walks) > self.config.remembered_walks:
            del self._walks[next(iter(self._walks))]

    def records(self, tenant_id: str) -> list[CallRecord]:
        """The tenant's calls (for sweeps and rare recounts)."""
        return [CallRecord(self.calls[call_id]) for call_id in self.keys.of(tenant_id)]

    def longest_wait(self, tenant_id: str, scope: str, start: int, end: int) -> int | None:
        """The longest wait anchored in [start, end) for the scope, recomputed from the
        calls: needed only after a wait that was the longest was taken back."""
        waits = [
            contribution.wait
            for record in self.records(tenant_id)
            if _touches(record, start, end)
            for contribution in walk(record).contributions
            if contribution.scope == scope
            and contribution.wait is not None
            and start <= contribution.at < end
        ]
        return max(waits, default=None)

    def expire(self, tenant_id: str, clock: TenantClock) -> list[str]:
        """Forget calls whose every bucket is final and that ended long enough ago (or
        went quiet for good); their later redeliveries are late and dropped."""
        retention = self.config.call_retention_s * SECOND_MS
        idle = self.config.idle_call_s * SECOND_MS
        expired = []
        for record in self.records(tenant_id):
            span = record.span()
            last = span[1] if span else clock.watermark
            done = record.ended and last + retention < clock.final_before
            if done or last + idle < clock.final_before:
                expired.append(record.call_id)
                del self.calls[record.call_id]
                self.keys.discard(tenant_id, record.call_id)
                self._walks.pop(record.call_id, None)
        return expired


def _touches(record: CallRecord, start: int, end: int) -> bool:
    span = record.span()
    return span is not None and span[0] < end and span[1] >= start
