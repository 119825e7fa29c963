"""Event time as integer milliseconds since the epoch, and the clock-aligned spans on it.

Integers keep every sum exact: a tally built in any order, or recomputed in one batch,
is the same to the millisecond, so the stream and the reference compare with ==.
"""

from __future__ import annotations

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

SECOND_MS = 1000
_NANOS_PER_MS = 1_000_000


def ms_of(value: Timestamp | Duration) -> int:
    """A protobuf time or duration in whole milliseconds (the sub-millisecond part dropped)."""
    return value.seconds * SECOND_MS + value.nanos // _NANOS_PER_MS


def floor_to(at_ms: int, size_ms: int) -> int:
    """Start of the span of `size_ms` that holds `at_ms`. Spans are aligned on the epoch,
    so on UTC midnight: a 15-minute span starts on a quarter hour in every time zone
    whose offset is a whole number of quarter hours."""
    return at_ms - at_ms % size_ms
