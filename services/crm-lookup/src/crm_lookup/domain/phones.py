"""Customers' phone numbers as the platform stores them: E.164 (chassis.phones), with a default
region for numbers written without their country code, and a fast path for numbers already in
E.164, which is what a bulk import mostly holds (a full parse costs ~45 µs a number)."""

from __future__ import annotations

import functools
import re

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata, PhoneNumber

from chassis.phones import to_e164

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")


@functools.cache
def _national_prefix(country_code: int) -> re.Pattern[str] | None:
    """What a full parse may strip from the national number of the country code's region,
    when it is more than a leading zero (which the fast path leaves to the full parse)."""
    region = COUNTRY_CODE_TO_REGION_CODE[country_code][0]
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    prefix = metadata.national_prefix_for_parsing if metadata else None
    return re.compile(prefix) if prefix and prefix != "0" else None


@functools.cache
def _possible_length(country_code: int, length: int) -> bool:
    """is_possible_number looks at nothing but the national number's length."""
    number = PhoneNumber(country_code=country_code, national_number=int("1" * length))
    return bool(phonenumbers.is_possible_number(number))


@functools.cache
def _e164_rule(leading: str, length: int) -> tuple[int, re.Pattern[str] | None] | None:
    """For E.164 digits beginning with `leading` (three digits), `length` of them: where the
    national number starts and the prefix a full parse may strip from it; None when such a
    number is impossible, or its country code unknown."""
    for code_length in (1, 2, 3):
        country_code = int(leading[:code_length])
        if country_code in COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    if not _possible_length(country_code, length - code_length):
        return None
    return code_length, _national_prefix(country_code)


def _already_e164(raw: str) -> str | None:
    """`raw` itself when it is a possible number in E.164 that a full parse would not change;
    None when only the full parse can tell. It changes a number only by stripping a national
    prefix (the region's `national_prefix_for_parsing`) or keeping leading zeros, so a number
    showing neither is settled here."""
    if _E164.fullmatch(raw) is None:
        return None
    rule = _e164_rule(raw[1:4], len(raw) - 1)
    if rule is None:
        return None
    national = raw[1 + rule[0] :]
    prefix = rule[1]
    if national[0] == "0" or (prefix is not None and prefix.match(national)):
        return None
    return raw


def normalise_phone(raw: str, default_region: str | None = None) -> str:
    """E.164 of a number written any usual way. Without a leading '+' it is read as a number
    of `default_region` (ISO 3166 code), when there is one. Raises ValueError saying why not."""
    raw = raw.strip()
    if (fast := _already_e164(raw)) is not None:
        return fast
    if default_region and not raw.startswith("+"):
        try:
            number = phonenumbers.parse(raw, default_region)
        except phonenumbers.NumberParseException as exc:
            raise ValueError(f"not a phone number: {exc}") from None
        raw = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return to_e164(raw)
