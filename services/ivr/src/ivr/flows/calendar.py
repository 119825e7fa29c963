"""The business_hours node, and whether it is open at an instant in its own time zone.

Opening intervals are wall-clock times: across a DST change "08:00-18:00" still opens at 08:00
local time, whatever the UTC offset that day. Holidays are local dates too.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from holidays import country_holidays, list_supported_countries
from pydantic import BeforeValidator, Field, field_validator, model_validator

from ivr.flows.nodes import Frozen

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_INTERVAL = re.compile(r"^(\d\d):(\d\d)-(\d\d):(\d\d)$")


def _parse_interval(value: object) -> object:
    """Turns "08:00-18:00" into minutes since midnight, (480, 1080); "24:00" may end a day."""
    if not isinstance(value, str):
        return value
    match = _INTERVAL.match(value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not HH:MM-HH:MM")
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    if start_h > 23 or start_m > 59 or end_m > 59 or end_h > 24 or (end_h == 24 and end_m):
        raise ValueError(f"{value!r} is not a time of day")
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if end <= start:
        raise ValueError(f"{value!r}: the end must come after the start")
    return (start, end)


OpeningInterval = Annotated[tuple[int, int], BeforeValidator(_parse_interval)]


class BusinessHoursNode(Frozen):
    type: Literal["business_hours"]
    timezone: str
    weekly: dict[Weekday, tuple[OpeningInterval, ...]] = Field(default_factory=dict)
    holidays: tuple[date, ...] = ()
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    open: str
    closed: str

    @field_validator("timezone")
    @classmethod
    def check_timezone(cls, timezone: str) -> str:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {timezone!r}") from None
        return timezone

    @model_validator(mode="after")
    def check_holiday_region(self) -> BusinessHoursNode:
        supported = list_supported_countries()
        if self.holiday_country is not None and self.holiday_country not in supported:
            raise ValueError(f"holiday_country: unknown country {self.holiday_country!r}")
        if self.holiday_subdivision is not None:
            if self.holiday_country is None:
                raise ValueError("holiday_subdivision: needs a holiday_country")
            if self.holiday_subdivision not in supported[self.holiday_country]:
                raise ValueError(
                    f"holiday_subdivision: unknown subdivision {self.holiday_subdivision!r}"
                )
        return self

    def targets(self) -> dict[str, str]:
        return {"open": self.open, "closed": self.closed}


def is_open(at: datetime, hours: BusinessHoursNode) -> bool:
    if at.tzinfo is None:
        raise ValueError("is_open needs an aware datetime")
    local = at.astimezone(ZoneInfo(hours.timezone))
    if is_holiday(local.date(), hours):
        return False
    minute_of_day = local.hour * 60 + local.minute + local.second / 60
    intervals = hours.weekly.get(WEEKDAYS[local.weekday()], ())
    return any(start <= minute_of_day < end for start, end in intervals)


def is_holiday(day: date, hours: BusinessHoursNode) -> bool:
    if day in hours.holidays:
        return True
    if hours.holiday_country is None:
        return False
    return day in _country_holidays(hours.holiday_country, hours.holiday_subdivision, day.year)


@lru_cache(maxsize=256)
def _country_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    # The library computes a year's holidays on demand; a frozen copy is cheap to keep.
    return frozenset(country_holidays(country, subdiv=subdivision, years=year).keys())
