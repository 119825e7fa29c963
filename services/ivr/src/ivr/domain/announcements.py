"""What a waiting caller is told about their place in line and their wait.

The position told is always the true one. The wait told never contradicts the last one: it is
at most the last wait told less the time since (floored at 0, which the service reads as "less
than a minute"), even when the router's estimate went up, unless the caller's true position got
worse (a higher-priority call went ahead): only then may a longer wait be told. A wait told is
never more than the router's estimate either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ivr.flows import QueueStatus


@dataclass(frozen=True, slots=True)
class Announcement:
    queue_id: str
    position: int | None
    wait_seconds: float
    at: datetime


def position_got_worse(before: int | None, now: int | None) -> bool:
    return before is not None and now is not None and now > before


def next_announcement(
    status: QueueStatus, previous: Announcement | None, at: datetime
) -> Announcement:
    estimate = max(0.0, float(status.estimated_wait_seconds))
    if (
        previous is None
        or previous.queue_id != status.queue_id  # what was said of another queue binds nothing
        or position_got_worse(previous.position, status.position)
    ):
        return Announcement(status.queue_id, status.position, estimate, at)
    elapsed = max(0.0, (at - previous.at).total_seconds())
    promised = max(0.0, previous.wait_seconds - elapsed)
    return Announcement(status.queue_id, status.position, min(estimate, promised), at)
