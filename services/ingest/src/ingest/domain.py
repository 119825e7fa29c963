"""What ingest knows about calls: validated arrival reports and the ids they map to."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import phonenumbers
from pydantic import BaseModel, Field, field_validator

CALL_ID_NAMESPACE = uuid.UUID("8a6c5cf4-3f0e-4b8e-9a55-0c2d1f6e7b21")


def to_e164(raw: str) -> str:
    """Parse a phone number written any usual way ('+33 1 23 45 67 89', '+1-212-...')."""
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"not a phone number in international form: {exc}") from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError("not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class CallArrival(BaseModel):
    """A provider's report that a call reached the platform."""

    tenant_id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    caller_number: str = Field(description="Caller's number; stored as E.164")
    dialed_number: str = Field(description="Number the caller dialed; stored as E.164")
    provider: str = Field(default="simulated", min_length=1, max_length=64)
    provider_call_id: str = Field(min_length=1, max_length=128)
    occurred_at: datetime | None = Field(
        default=None, description="When the call arrived, per the provider (defaults to now)"
    )

    _normalise_numbers = field_validator("caller_number", "dialed_number")(to_e164)

    @field_validator("occurred_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("must carry a time zone offset")
        return value

    @property
    def call_id(self) -> str:
        """Fixed by the provider's call id: a retried report names the same call."""
        key = f"{self.tenant_id}/{self.provider}/{self.provider_call_id}"
        return str(uuid.uuid5(CALL_ID_NAMESPACE, key))

    def arrival_time(self) -> datetime:
        return self.occurred_at or datetime.now(UTC)
