"""Customer ids: UUIDv7, strictly increasing within the process, one at a time or in batches."""

from __future__ import annotations

import time
import uuid

from crm_lookup.service.ids import new_customer_id, new_customer_ids


def test_ids_are_uuid7_and_increase_strictly() -> None:
    ids = [new_customer_id(), *new_customer_ids(3), new_customer_id(), *new_customer_ids(0)]
    ids += new_customer_ids(10_000)  # more than the 4,096 of a millisecond: later ones borrowed
    ids.append(new_customer_id())
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert (str(parsed), parsed.version, parsed.variant) == (text, 7, uuid.RFC_4122)


def test_the_first_48_bits_are_the_clock_in_milliseconds() -> None:
    id_ms = int(new_customer_id().replace("-", "")[:12], 16)
    assert abs(id_ms - time.time_ns() // 1_000_000) < 1_000  # a batch borrows a few ms at most
