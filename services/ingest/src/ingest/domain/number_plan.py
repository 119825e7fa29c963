"""Which tenant a call belongs to: the number the caller dialed decides."""

from __future__ import annotations

from chassis.tenants import Tenants
from ingest.domain.reports import TenantMismatch, UnknownNumber


class NumberPlan:
    """The `numbers:` of every tenant in the tenants file (numbers are unique across
    tenants; chassis.tenants checks that at load)."""

    def __init__(self, tenants: Tenants) -> None:
        self._tenants = tenants

    def tenant_for(self, dialed_number: str, claimed_tenant_id: str | None = None) -> str:
        """The tenant of a dialed number (E.164). A sender that names a tenant must name
        that one: a mismatch is a misconfigured trunk, better refused than misrouted."""
        entry = self._tenants.entry_for(dialed_number)
        if entry is None:
            raise UnknownNumber(dialed_number)
        owner = entry[0].tenant_id
        if claimed_tenant_id is not None and claimed_tenant_id != owner:
            raise TenantMismatch(claimed_tenant_id, dialed_number, owner)
        return owner
