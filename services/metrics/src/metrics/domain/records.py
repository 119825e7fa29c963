"""What the stream knows of one call: its facts, and the thresholds it is judged by.

A record is a view over the JSON kept in the calls table, keyed by call id; nothing
is copied. It holds one fact per event id, in event-time order, so a redelivered
event is recognised by its id and events arriving out of order find their place.
The thresholds are pinned when the call is first seen (the short-abandon and IVR
limits) or when it first reaches a queue (the service-level threshold): taking back a
contribution then always takes back exactly what was added, even across a restart
with other settings.
"""

from __future__ import annotations

import bisect

from metrics.domain.config import MetricsConfig
from metrics.domain.facts import CallFact
from metrics.domain.views import JsonView

ENDINGS = frozenset({"abandoned", "callback", "ended"})


class CallRecord(JsonView):
    @classmethod
    def new(cls, call_id: str, tenant_id: str, config: MetricsConfig) -> CallRecord:
        return cls(
            {
                "call": call_id,
                "tenant": tenant_id,
                "facts": [],
                "short_ms": config.short_abandon_ms,
                "ivr_ms": config.ivr_guideline_ms,
                "sl_ms": {"": config.default_targets.threshold_ms},  # "": no queue known
            }
        )

    @property
    def call_id(self) -> str:
        return self.text("call")

    @property
    def tenant_id(self) -> str:
        return self.text("tenant")

    @property
    def short_abandon_ms(self) -> int:
        return self.number("short_ms")

    @property
    def ivr_guideline_ms(self) -> int:
        return self.number("ivr_ms")

    def threshold_ms(self, queue_id: str) -> int:
        """The queue's service-level threshold as pinned for this call."""
        pinned = self.data["sl_ms"]
        return int(pinned.get(queue_id, pinned[""]))

    def facts(self) -> list[CallFact]:
        return [CallFact(*row) for row in self.data["facts"]]

    def has(self, fact: CallFact) -> bool:
        """The fact's event is known: a redelivery (same event, same key)."""
        rows = self.data["facts"]
        key = [fact.at, fact.rank, fact.event_id]
        found = bisect.bisect_left(rows, key)
        return found < len(rows) and rows[found][:3] == key

    def has_later_than(self, fact: CallFact, or_equal: bool = False) -> bool:
        """Some fact already known sorts after `fact` (it arrived out of order), or is
        the same (`or_equal`)."""
        rows = self.data["facts"]
        if not rows:
            return False
        last, key = rows[-1][:3], [fact.at, fact.rank, fact.event_id]
        return last >= key if or_equal else last > key

    def insert(self, fact: CallFact, config: MetricsConfig) -> None:
        pinned = self.data["sl_ms"]
        if fact.queue not in pinned:
            pinned[fact.queue] = config.targets(self.tenant_id, fact.queue).threshold_ms
        bisect.insort(self.data["facts"], list(fact))

    def span(self) -> tuple[int, int] | None:
        """Event times of the first and last facts."""
        rows = self.data["facts"]
        return (int(rows[0][0]), int(rows[-1][0])) if rows else None

    @property
    def ended(self) -> bool:
        return any(row[3] in ENDINGS for row in self.data["facts"])
