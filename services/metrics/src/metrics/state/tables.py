"""The service's state as plain dicts of JSON values whose writes are noted, so that a
checkpoint writes exactly the keys that changed, to the changelog partition of the
tenant they belong to.

The domain's four tables (calls, agents, buckets, tenants) plus the alert evaluator's
and the history of final windows. A tenant's state lives in the partition its events
come from (the routing domain is the tenant: docs/events.md); every key but a call's
starts with its tenant id. Calls are written fact by fact (state.call_log).
"""

from __future__ import annotations

import json
from typing import Any

from metrics.domain import Tables
from metrics.domain.book import SEP
from metrics.state.call_log import FACT, HEADER, CallLog, Change, dumps

# Table name -> the one-letter prefix of its keys in the changelog (calls: call_log's).
PREFIXES = {"agents": "a", "buckets": "b", "tenants": "t", "alerts": "l", "history": "h"}
TABLE_OF_PREFIX = {prefix: name for name, prefix in PREFIXES.items()}


class NotedDict(dict[str, Any]):
    """A dict that notes every key written or deleted (the domain writes a value back
    after changing it, so assignments and deletions are all there is to note)."""

    def __init__(self) -> None:
        super().__init__()
        self.written: set[str] = set()

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.written.add(key)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.written.add(key)

    def pop(self, key: str, *default: Any) -> Any:
        if key in self:
            self.written.add(key)
        return super().pop(key, *default)


class StateTables:
    def __init__(self) -> None:
        self.calls = NotedDict()
        self.agents = NotedDict()
        self.buckets = NotedDict()
        self.tenants = NotedDict()
        self.alerts = NotedDict()
        self.history = NotedDict()
        self.partitions: dict[str, int] = {}  # tenant -> partition of its state
        self.call_log = CallLog()

    def domain(self) -> Tables:
        return Tables(self.calls, self.agents, self.buckets, self.tenants)

    def changes(self) -> dict[int, list[Change]]:
        """Every key written since the last call, encoded for the changelog, by partition."""
        encoded: dict[int, list[Change]] = {}
        for call_id in self.calls.written:
            record = self.calls.get(call_id)
            tenant_id = record["tenant"] if record else self.call_log.tenant(call_id)
            if tenant_id is not None:  # else: gone before it was ever written
                records = encoded.setdefault(self.partitions[tenant_id], [])
                records += self.call_log.changes(call_id, record)
        self.calls.written = set()
        for name, prefix in PREFIXES.items():
            table: NotedDict = getattr(self, name)
            for key in table.written:
                value = table.get(key)
                raw = dumps(value).encode() if value is not None else None
                partition = self.partitions[key.split(SEP, 1)[0]]
                encoded.setdefault(partition, []).append(((prefix + key).encode(), raw))
            table.written = set()
        return encoded

    def restore(self, partition: int, key: bytes, value: bytes | None) -> None:
        """Apply one changelog record as it was written (nothing is noted);
        `restored()` once the last is applied."""
        text = key.decode()
        kind, name = text[0], text[1:]
        if kind in (HEADER, FACT):
            self.call_log.restore(kind, name, value)
            return
        table = getattr(self, TABLE_OF_PREFIX[kind])
        if value is None:
            dict.pop(table, name, None)
        else:
            dict.__setitem__(table, name, json.loads(value))
        self.partitions[name.split(SEP, 1)[0]] = partition

    def restored(self) -> StateTables:
        for call_id, record in self.call_log.records().items():
            dict.__setitem__(self.calls, call_id, record)
        return self

    def tenant_ids(self) -> list[str]:
        return sorted(self.partitions)
