"""Epoch seconds (what domains compute with) to and from protobuf times (what events carry).

Event times have microsecond precision. A float holds today's epoch seconds to about a
quarter of a microsecond, so rounding to the microsecond gives back exactly the time an
event carried: a time read from one event and written into another stays equal."""

from __future__ import annotations

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp


def to_timestamp(seconds: float) -> Timestamp:
    ts = Timestamp()
    ts.FromMicroseconds(round(seconds * 1e6))
    return ts


def to_duration(seconds: float) -> Duration:
    """Negative spans (clocks of two services) are reported as zero."""
    duration = Duration()
    duration.FromMicroseconds(round(max(seconds, 0.0) * 1e6))
    return duration


def from_timestamp(ts: Timestamp) -> float:
    return ts.ToNanoseconds() / 1e9
