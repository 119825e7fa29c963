"""crm-lookup's settings: the chassis' plus the customer store, phone numbers, lookups."""

from __future__ import annotations

from typing import Annotated

import phonenumbers
from pydantic import Field, field_validator
from pydantic_settings import NoDecode
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from chassis.settings import ServiceSettings
from crm_lookup.adapters.calls_topic import CONSUMER_GROUP
from crm_lookup.adapters.database import DRIVERS


class CrmSettings(ServiceSettings):
    crm_database_url: str = Field(
        default="sqlite+aiosqlite:///.data/crm.sqlite3",
        description="postgresql+asyncpg://user:password@host/db, or sqlite+aiosqlite:///path",
    )
    crm_database_pool_size: int = Field(default=10, ge=1, le=200)
    # ISO 3166 region of numbers written without their country code; none: '+' required.
    crm_default_region: str | None = None
    # How long a call's lookup may take before it is retried in the background.
    crm_lookup_timeout_s: float = Field(default=0.5, gt=0)
    crm_recent_interactions: int = Field(default=5, ge=0, le=50)
    # IVR attributes (collect_digits) that hold an account number; comma-separated.
    crm_account_attributes: Annotated[frozenset[str], NoDecode] = frozenset({"account_number"})
    # The group rebuilding the owed pops; the history's group is "<this>-history".
    consumer_group: str = Field(default=CONSUMER_GROUP, min_length=1)

    @field_validator("crm_database_url")
    @classmethod
    def _supported_database(cls, url: str) -> str:
        try:
            driver = make_url(url).drivername
        except ArgumentError as exc:
            raise ValueError(f"not a database URL: {exc}") from None
        if driver not in DRIVERS:
            raise ValueError(f"driver {driver!r} not supported; use one of {sorted(DRIVERS)}")
        return url

    @field_validator("crm_default_region")
    @classmethod
    def _known_region(cls, region: str | None) -> str | None:
        if not region:
            return None
        if region.upper() not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"{region!r} is not a region phonenumbers knows (ISO 3166, e.g. FR)")
        return region.upper()

    @field_validator("crm_account_attributes", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(name.strip() for name in value.split(",") if name.strip())
        return value
