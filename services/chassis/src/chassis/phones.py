"""Phone numbers as the platform stores them: E.164, parsed with the phonenumbers library."""

from __future__ import annotations

import phonenumbers


def to_e164(raw: str) -> str:
    """Parse a phone number written any usual way ('+33 1 23 45 67 89', '+1-212-...')."""
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"not a phone number in international form: {exc}") from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError("not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
