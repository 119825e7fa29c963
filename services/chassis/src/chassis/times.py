"""Epoch seconds (what domains compute with) to and from protobuf times (what events carry)."""

from __future__ import annotations

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp


def to_timestamp(seconds: float) -> Timestamp:
    ts = Timestamp()
    ts.FromNanoseconds(round(seconds * 1e9))
    return ts


def to_duration(seconds: float) -> Duration:
    """Negative spans (clocks of two services) are reported as zero."""
    duration = Duration()
    duration.FromNanoseconds(round(max(seconds, 0.0) * 1e9))
    return duration


def from_timestamp(ts: Timestamp) -> float:
    return ts.ToNanoseconds() / 1e9
