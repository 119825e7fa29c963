"""Which keys of a store belong to which tenant: an index in memory, built from the
store when the stream starts and kept up to date by the stream, so that the periodic
work on one tenant's calls or agents does not scan every tenant's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class TenantKeys:
    def __init__(self, store: Mapping[str, Any]) -> None:
        self._keys: dict[str, set[str]] = {}
        for key, data in list(store.items()):
            self.add(data["tenant"], key)

    def add(self, tenant_id: str, key: str) -> None:
        self._keys.setdefault(tenant_id, set()).add(key)

    def discard(self, tenant_id: str, key: str) -> None:
        self._keys.get(tenant_id, set()).discard(key)

    def of(self, tenant_id: str) -> list[str]:
        return sorted(self._keys.get(tenant_id, ()))
