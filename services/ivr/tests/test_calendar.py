"""Business hours in the node's time zone: several intervals a day, holidays, DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from ivr.flows import BusinessHoursNode, is_holiday, is_open

WEEKDAYS_9_TO_5 = {day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


def hours(timezone: str = "Europe/Paris", **fields: Any) -> BusinessHoursNode:
    fields.setdefault("weekly", {"tue": ["08:00-12:00", "13:00-18:00"], "sun": ["08:00-18:00"]})
    document = {"type": "business_hours", "timezone": timezone, "open": "o", "closed": "c"}
    return BusinessHoursNode.model_validate(document | fields)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(2026, 3, 3, 6, 59), False),  # Tuesday 07:59 in Paris (UTC+1)
        (utc(2026, 3, 3, 7, 0), True),  # 08:00: an interval includes its start
        (utc(2026, 3, 3, 11, 30), False),  # 12:30: lunch, between two intervals
        (utc(2026, 3, 3, 12, 0), True),
        (utc(2026, 3, 3, 16, 59, 59), True),
        (utc(2026, 3, 3, 17, 0), False),  # 18:00: an interval excludes its end
        (utc(2026, 3, 2, 10, 0), False),  # Monday: no interval, closed
    ],
)
def test_several_intervals_a_day(at: datetime, expected: bool) -> None:
    assert is_open(at, hours()) is expected


def test_the_same_instant_is_open_in_paris_and_closed_in_new_york() -> None:
    at = utc(2026, 3, 3, 9, 0)  # 10:00 in Paris, 04:00 in New York
    assert is_open(at, hours("Europe/Paris", weekly=WEEKDAYS_9_TO_5))
    assert not is_open(at, hours("America/New_York", weekly=WEEKDAYS_9_TO_5))


def test_new_york_changes_its_clocks_three_weeks_before_paris() -> None:
    new_york = hours("America/New_York", weekly=WEEKDAYS_9_TO_5)
    assert not is_open(utc(2026, 3, 6, 13, 30), new_york)  # Friday 08:30 EST
    assert is_open(utc(2026, 3, 9, 13, 30), new_york)  # Monday 09:30 EDT


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(2026, 3, 28, 6, 59), False),  # the Saturday before: no interval
        (utc(2026, 3, 29, 5, 59), False),  # spring forward: 07:59 CEST (UTC+2)
        (utc(2026, 3, 29, 6, 0), True),  # 08:00 CEST
        (utc(2026, 3, 29, 15, 59), True),  # 17:59 CEST
        (utc(2026, 3, 29, 16, 0), False),  # 18:00 CEST
        (utc(2026, 10, 25, 6, 59), False),  # fall back: 07:59 CET (UTC+1)
        (utc(2026, 10, 25, 7, 0), True),  # 08:00 CET
        (utc(2026, 10, 25, 16, 59), True),  # 17:59 CET
        (utc(2026, 10, 25, 17, 0), False),  # 18:00 CET
    ],
)
def test_the_dst_switch_days_keep_wall_clock_hours(at: datetime, expected: bool) -> None:
    assert is_open(at, hours()) is expected


def test_a_holiday_is_a_local_date() -> None:
    every_day = {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    christmas = hours(weekly=every_day, holidays=["2026-12-25"])
    assert is_open(utc(2026, 12, 24, 22, 59), christmas)  # 23:59 on the 24th in Paris
    assert not is_open(utc(2026, 12, 24, 23, 30), christmas)  # the 25th in Paris, not in UTC
    assert is_open(utc(2026, 12, 25, 23, 0), christmas)  # the 26th in Paris, 00:00


def test_a_day_may_end_at_midnight() -> None:
    late = hours(weekly={"tue": ["20:00-24:00"]})
    assert is_open(utc(2026, 3, 3, 22, 59, 59), late)  # Tuesday 23:59:59 in Paris
    assert not is_open(utc(2026, 3, 3, 23, 0), late)  # Wednesday 00:00


def test_country_holidays() -> None:
    france = hours(weekly=WEEKDAYS_9_TO_5, holiday_country="FR")
    assert not is_open(utc(2026, 7, 14, 10, 0), france)  # Bastille Day, a Tuesday
    assert is_open(utc(2026, 7, 15, 10, 0), france)
    assert is_open(utc(2026, 7, 14, 10, 0), hours(weekly=WEEKDAYS_9_TO_5))


def test_regional_holidays() -> None:
    moselle = hours(weekly=WEEKDAYS_9_TO_5, holiday_country="FR", holiday_subdivision="57")
    boxing_day = date(2025, 12, 26)  # a Friday, a holiday in Alsace-Moselle only
    assert is_holiday(boxing_day, moselle)
    assert not is_holiday(boxing_day, hours(weekly=WEEKDAYS_9_TO_5, holiday_country="FR"))


def test_an_instant_needs_a_time_zone() -> None:
    with pytest.raises(ValueError, match="aware"):
        is_open(datetime(2026, 3, 3, 10, 0), hours())
