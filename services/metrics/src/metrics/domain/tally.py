"""A tally: what the contributions of one scope add up to, in a bucket or a window.

Stored as JSON: {"n": {count: int}, "max": longest wait ms, "stale": bool, "ab": [entry]}.
Counts are sparse (zeros are left out). Every part can be taken back exactly, except
the longest wait: taking back the value that was the longest leaves the tally
`stale` until the longest is recomputed from the calls (see CallStream.longest_wait);
and the abandon list once full (an entry left out is not listed again).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from metrics.domain.contributions import AbandonEntry, Contribution
from metrics.domain.views import JsonView


class Tally(JsonView):
    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.data = data if data is not None else {"n": {}}  # (made for every tally touched)

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = self.data["n"]
        return counts

    @property
    def longest_wait(self) -> int | None:
        longest: int | None = self.data.get("max")
        return longest

    @property
    def stale(self) -> bool:
        return bool(self.data.get("stale"))

    @property
    def abandons(self) -> list[AbandonEntry]:
        return [AbandonEntry(*row) for row in self.data.get("ab", ())]

    def add(self, contribution: Contribution, sign: int, list_max: int) -> None:
        """Add (sign 1) or take back (sign -1) one contribution."""
        counts = self.counts
        for name, value in contribution.counts.items():
            total = counts.get(name, 0) + sign * value
            if total:
                counts[name] = total
            else:
                counts.pop(name, None)
        if contribution.wait is not None:
            self._longest(contribution.wait, sign)
        if contribution.abandon is not None:
            self._listed(contribution.abandon, sign, list_max)

    def _longest(self, wait: int, sign: int) -> None:
        longest = self.longest_wait
        if sign > 0:
            self.data["max"] = wait if longest is None else max(longest, wait)
        elif longest is not None and wait >= longest:
            self.data["stale"] = True

    def resolve_longest(self, longest: int | None) -> None:
        """The longest wait, recomputed from the calls after a stale take-back."""
        self.data["max"] = longest
        self.data.pop("stale", None)

    def _listed(self, entry: AbandonEntry, sign: int, list_max: int) -> None:
        rows: list[list[Any]] = self.data.setdefault("ab", [])
        row = list(entry)
        if sign > 0 and len(rows) < list_max:
            bisect.insort(rows, row)
        elif sign < 0 and row in rows:
            rows.remove(row)
        if not rows:
            del self.data["ab"]


def merged(tallies: Iterable[Tally], list_max: int) -> Tally:
    """The tallies of several buckets as one (their longest waits must not be stale)."""
    total = Tally()
    counts = total.counts
    rows: list[list[Any]] = []
    for tally in tallies:
        for name, value in tally.counts.items():
            counts[name] = counts.get(name, 0) + value
        if tally.longest_wait is not None:
            total._longest(tally.longest_wait, 1)
        rows.extend(tally.data.get("ab", ()))
    if rows:
        total.data["ab"] = sorted(rows)[:list_max]
    return total
