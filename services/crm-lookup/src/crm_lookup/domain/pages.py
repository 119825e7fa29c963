"""Search pages: the cursor is opaque to clients; it carries the last customer id of a page."""

from __future__ import annotations

import base64
import binascii
import re

from crm_lookup.domain.errors import Invalid

_CUSTOMER_ID = re.compile(r"[0-9a-f-]{1,36}")


def cursor_after(customer_id: str) -> str:
    return base64.urlsafe_b64encode(customer_id.encode()).decode().rstrip("=")


def customer_after(cursor: str) -> str:
    """The customer id a cursor carries; Invalid when it is not a cursor this API gave."""
    try:
        customer_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        customer_id = ""
    if not _CUSTOMER_ID.fullmatch(customer_id):
        raise Invalid("cursor", "not a cursor given by this API")
    return customer_id
