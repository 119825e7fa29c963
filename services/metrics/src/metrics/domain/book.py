"""The bucket tallies of every tenant and scope, in one keyed store.

Key: tenant, scope and bucket start joined by SEP. A tenant's scopes are listed once
(in the tenants store) so that its buckets can be found without scanning the store.
Final buckets are never written by `update`: what is final was published.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any

from metrics.domain.config import MetricsConfig
from metrics.domain.contributions import Contribution
from metrics.domain.tally import Tally

SEP = "\x1f"  # ASCII unit separator: in no tenant, queue or agent id


def bucket_key(tenant_id: str, scope: str, start: int) -> str:
    return f"{tenant_id}{SEP}{scope}{SEP}{start}"


class BucketBook:
    def __init__(
        self,
        buckets: MutableMapping[str, Any],
        tenants: MutableMapping[str, Any],
        config: MetricsConfig,
    ) -> None:
        self.buckets = buckets
        self.tenants = tenants
        self.config = config
        self._scopes: dict[str, set[str]] = {}  # what the store says, read once per tenant

    def scopes(self, tenant_id: str) -> list[str]:
        return sorted(self._known(tenant_id))

    def _known(self, tenant_id: str) -> set[str]:
        known = self._scopes.get(tenant_id)
        if known is None:
            known = self._scopes[tenant_id] = set(
                self.tenants.get(tenant_id + SEP + "scopes") or ()
            )
        return known

    def _register(self, tenant_id: str, scopes: set[str]) -> None:
        known = self._known(tenant_id)
        if not scopes <= known:
            known |= scopes
            self.tenants[tenant_id + SEP + "scopes"] = sorted(known)

    def update(
        self,
        tenant_id: str,
        final_before: int,
        taken_back: Sequence[Contribution] = (),
        added: Sequence[Contribution] = (),
    ) -> None:
        """Take back then add contributions, in buckets that are not final; each
        touched tally is written once."""
        if not taken_back and not added:  # most facts add nothing (arrivals, offers...)
            return
        taken_back, added = _net(taken_back, added)
        touched: dict[str, Tally] = {}
        scopes: set[str] = set()  # of buckets new to the store
        bucket_ms, list_max = self.config.bucket_ms, self.config.abandon_list_max
        prefix = tenant_id + SEP
        for sign, contributions in ((-1, taken_back), (1, added)):
            for contribution in contributions:
                start = contribution.at - contribution.at % bucket_ms
                if start < final_before:
                    continue
                key = f"{prefix}{contribution.scope}{SEP}{start}"
                tally = touched.get(key)
                if tally is None:
                    data = self.buckets.get(key)
                    if data is None:
                        scopes.add(contribution.scope)
                    tally = touched[key] = Tally(data)
                tally.add(contribution, sign, list_max)
        for key, tally in touched.items():
            self.buckets[key] = tally.to_json()
        if scopes:
            self._register(tenant_id, scopes)

    def tally(self, key: str) -> Tally:
        data = self.buckets.get(key)
        return Tally(data) if data is not None else Tally()

    def starts(self, start: int, end: int) -> range:
        return range(start, end, self.config.bucket_ms)

    def stored(
        self, tenant_id: str, scope: str, start: int, end: int
    ) -> Iterator[tuple[int, Tally]]:
        """The tallies kept for the scope's buckets in [start, end)."""
        for bucket in self.starts(start, end):
            data = self.buckets.get(bucket_key(tenant_id, scope, bucket))
            if data is not None:
                yield bucket, Tally(data)

    def forget(self, tenant_id: str, start: int, end: int) -> None:
        """Drop the tenant's buckets in [start, end): older than any window still read."""
        for scope in self.scopes(tenant_id):
            for bucket in self.starts(start, end):
                self.buckets.pop(bucket_key(tenant_id, scope, bucket), None)


def _net(
    taken_back: Sequence[Contribution], added: Sequence[Contribution]
) -> tuple[list[Contribution], list[Contribution]]:
    """Leave out what would be taken back and added again unchanged: most of a late fact's
    recount, and a longest wait taken back and added again would make a bucket stale."""
    remaining = list(added)
    if not taken_back:  # a fact in order: nothing to take back
        return [], remaining
    kept = []
    for contribution in taken_back:
        if contribution in remaining:
            remaining.remove(contribution)
        else:
            kept.append(contribution)
    return kept, remaining
