"""Agent events into agent records and the time-in-state tallies.

A closed span (a state the agent left) is counted when its closing change is known.
The open span (the state the agent is in) is counted bucket by bucket: into a bucket
when it becomes final (`credit_open_spans`), and, for buckets not final yet, added
at read time up to `now` (`open_span_contributions`). So a bucket gets each span once.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

from metrics.domain.agents import (
    LOGGED_OUT,
    AgentChange,
    AgentKey,
    AgentRecord,
    closed_spans,
    state_key,
)
from metrics.domain.book import SEP, BucketBook
from metrics.domain.clock import TenantClock
from metrics.domain.config import MetricsConfig
from metrics.domain.contributions import TENANT, TIME_PREFIX, Contribution, agent_scope
from metrics.domain.facts import Outcome
from metrics.domain.tenant_keys import TenantKeys
from metrics.domain.times import floor_to


class AgentStream:
    def __init__(
        self, agents: MutableMapping[str, Any], book: BucketBook, config: MetricsConfig
    ) -> None:
        self.agents = agents
        self.book = book
        self.config = config
        self.keys = TenantKeys(agents)

    def apply(
        self,
        tenant_id: str,
        agent_id: str,
        item: tuple[AgentKey, AgentChange | list[str]],
        clock: TenantClock,
    ) -> tuple[Outcome, AgentRecord | None]:
        key, payload = item
        store_key = tenant_id + SEP + agent_id
        data = self.agents.get(store_key)
        if data is not None:
            record = AgentRecord(data)
        else:
            record = AgentRecord.new(tenant_id, agent_id)
            self.keys.add(tenant_id, store_key)
        if record.has(key[2]):
            return Outcome.DUPLICATE, None
        late = clock.is_late(key[0])
        if isinstance(payload, list):
            if not record.set_profile(key, payload) and late:
                return Outcome.DROPPED_LATE, None
        elif late and record.settled(key, clock.final_before):
            # The change that follows it is final too: all it could change is final.
            # (Most likely a redelivery of a change compacted away.)
            return Outcome.DROPPED_LATE, None
        else:
            before = self._spans(record, key) if record.has_later_than(key) else []
            record.insert(payload)
            self.book.update(tenant_id, clock.final_before, before, self._spans(record, key))
        self.agents[store_key] = record.to_json()
        return Outcome.APPLIED, record

    def _spans(self, record: AgentRecord, since: AgentKey) -> list[Contribution]:
        return [
            contribution
            for change, until in closed_spans(record.changes(), since)
            for contribution in self._time(record.agent_id, change, change.at, until)
        ]

    def _time(
        self, agent_id: str, change: AgentChange, start: int, end: int
    ) -> Iterator[Contribution]:
        """The time in `change`'s state within [start, end), bucket by bucket."""
        counts_key = TIME_PREFIX + state_key(change)
        bucket_ms = self.config.bucket_ms
        for bucket in range(floor_to(start, bucket_ms), end, bucket_ms):
            counts = {counts_key: min(end, bucket + bucket_ms) - max(start, bucket)}
            for scope in (agent_scope(agent_id), TENANT):
                yield Contribution(scope, max(start, bucket), counts)

    def records(self, tenant_id: str) -> list[AgentRecord]:
        return [AgentRecord(self.agents[key]) for key in self.keys.of(tenant_id)]

    def open_span_contributions(
        self, record: AgentRecord, start: int, end: int
    ) -> list[Contribution]:
        """The agent's current state's time within [start, end)."""
        latest = record.latest()
        if latest is None or latest.state == LOGGED_OUT or end <= max(start, latest.at):
            return []
        return list(self._time(record.agent_id, latest, max(start, latest.at), end))

    def credit_open_spans(self, tenant_id: str, start: int, end: int) -> None:
        """Buckets in [start, end) become final: count the states agents are still in."""
        added: list[Contribution] = []
        for record in self.records(tenant_id):
            added += self.open_span_contributions(record, start, end)
            if record.compact(end):
                self.agents[tenant_id + SEP + record.agent_id] = record.to_json()
        self.book.update(tenant_id, start, added=added)  # the tenant's tallies once
