"""Phone numbers: E.164 as chassis.phones makes it, a default region for national numbers, and
the fast path for numbers already in E.164 agreeing with the full parse everywhere."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chassis.phones import to_e164
from crm_lookup.domain.phones import normalise_phone


def full_parse(raw: str) -> str | None:
    try:
        return to_e164(raw)
    except ValueError:
        return None


def normalised(raw: str) -> str | None:
    try:
        return normalise_phone(raw)
    except ValueError:
        return None


@settings(max_examples=200)
@given(st.from_regex(r"\+[1-9][0-9]{5,15}", fullmatch=True))
def test_e164_shaped_numbers_come_out_as_the_full_parse_says(raw: str) -> None:
    assert normalised(raw) == full_parse(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+1 (212) 555-0100", "+12125550100"),
        ("+39 06 1234 5678", "+390612345678"),  # Italy keeps its leading zero
        ("+330612345678", "+33612345678"),  # the trunk prefix written by mistake
    ],
)
def test_international_forms(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


def test_a_national_number_needs_a_default_region() -> None:
    with pytest.raises(ValueError, match="international form"):
        normalise_phone("06 12 34 56 78")
    assert normalise_phone("06 12 34 56 78", "FR") == "+33612345678"
    assert normalise_phone("00 44 20 7946 0000", "FR") == "+442079460000"
    assert normalise_phone("+1 212 555 0100", "FR") == "+12125550100"


@pytest.mark.parametrize("raw", ["", "hello", "+33 6 12", "06", "+999 123 456 789"])
def test_not_numbers(raw: str) -> None:
    with pytest.raises(ValueError):
        normalise_phone(raw, "FR")
