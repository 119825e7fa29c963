"""What voice providers report about calls, validated; the ids reports map to; and the
refusals, each naming the field at fault (a refused report records nothing)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, field_validator

from chassis.phones import to_e164

CALL_ID_NAMESPACE = uuid.UUID("8a6c5cf4-3f0e-4b8e-9a55-0c2d1f6e7b21")

TenantId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")]
Provider = Annotated[str, Field(min_length=1, max_length=64)]
ProviderCallId = Annotated[str, Field(min_length=1, max_length=128)]
ProviderEventId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=128,
        description="The provider's id for this report: a retry carries the same one",
    ),
]
Digits = Annotated[
    str, Field(min_length=1, max_length=64, pattern=r"^[0-9*#]+$", description="0-9, * and #")
]


def call_id_for(tenant_id: str, provider: str, provider_call_id: str) -> str:
    """Fixed by the provider's call id: a retried arrival names the same call, even
    before ingest has read the call back from the log."""
    return str(uuid.uuid5(CALL_ID_NAMESPACE, f"{tenant_id}/{provider}/{provider_call_id}"))


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError("must carry a time zone offset")
    return value


OccurredAt = Annotated[
    datetime | None,
    AfterValidator(_aware),
    Field(description="When it happened, per the provider (defaults to when first reported)"),
]


class CallArrival(BaseModel):
    """A provider's report that a call reached the platform. The dialed number picks
    the tenant (the number plan), so `tenant_id` is only checked when it is given."""

    tenant_id: TenantId | None = Field(
        default=None, description="Optional: when given, must be the dialed number's tenant"
    )
    caller_number: str = Field(description="Caller's number; stored as E.164")
    dialed_number: str = Field(description="Number the caller dialed; stored as E.164")
    provider: Provider = "simulated"
    provider_call_id: ProviderCallId
    occurred_at: OccurredAt = None

    _normalise_numbers = field_validator("caller_number", "dialed_number")(to_e164)


class ProviderEvent(BaseModel):
    """A later report about a call, named as the provider names it."""

    provider: Provider = "simulated"
    provider_call_id: ProviderCallId
    provider_event_id: ProviderEventId
    occurred_at: OccurredAt = None
    tenant_id: TenantId | None = None  # gRPC clients may say whose call they mean


class PressedDigits(ProviderEvent):
    digits: Digits


class ReportRefused(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(ReportRefused):
    """The report names something ingest does not know (HTTP 404, gRPC NOT_FOUND)."""


class Invalid(ReportRefused):
    """The report contradicts what ingest knows (HTTP 422, gRPC INVALID_ARGUMENT)."""


class UnknownNumber(NotFound):
    def __init__(self, dialed_number: str) -> None:
        super().__init__("dialed_number", f"{dialed_number} is not in any tenant's number plan")


class TenantMismatch(Invalid):
    def __init__(self, claimed: str, dialed_number: str, owner: str) -> None:
        super().__init__(
            "tenant_id", f"{dialed_number} belongs to tenant {owner!r}, not {claimed!r}"
        )


class UnknownCall(NotFound):
    """Also what a tenant hears about another tenant's call: it learns nothing of it."""

    def __init__(self, provider: str, provider_call_id: str) -> None:
        super().__init__(
            "provider_call_id",
            f"no call {provider_call_id!r} of provider {provider!r} is in progress",
        )
