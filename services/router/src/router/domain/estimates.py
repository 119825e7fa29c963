"""Expected wait time (EWT) of a queue, and the queue's status for supervisors.

Formula, for a call at position p (1 = next) in a queue with A eligible agents idle now and N
logged-in agents eligible for it (its base step, i.e. without overflow widening):

* p <= A: 0 (an idle agent takes it at once).
* N > 0: (p - A) * AHT / N. Agents free up one every AHT / N seconds on average (the queue's
  service rate is N / AHT), and the p - A calls that find no idle agent wait for them in turn.
  AHT is the mean handle time (talk + wrap-up: from offer_accepted to the agent's next
  available presence) of the queue's last HISTORY answered calls; with none yet,
  DEFAULT_TALK_S plus the queue's wrap_up_max_s.
* N = 0: nobody can serve the queue now. The mean answer wait (offer_accepted at minus
  first_queued_at) of its last HISTORY answered calls is what callers did wait; with no
  history either, p * AHT (as if one agent were to log in).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from statistics import fmean

HISTORY = 50
DEFAULT_TALK_S = 180.0


@dataclass(frozen=True, slots=True)
class WaitEstimate:
    seconds: float
    position: int
    agents_serving: int


@dataclass(frozen=True, slots=True)
class QueueStatus:
    calls_waiting: int
    calls_offered: int
    agents_available: int
    agents_serving: int
    oldest_wait_s: float
    estimated_wait_s: float


class QueueStats:
    """A queue's recent answered calls: how long callers waited and how long agents took."""

    def __init__(self, wrap_up_max_s: float) -> None:
        self._wrap_up_max_s = wrap_up_max_s
        self._answer_waits: deque[float] = deque(maxlen=HISTORY)
        self._handle_times: deque[float] = deque(maxlen=HISTORY)

    def record_answer(self, waited: float) -> None:
        self._answer_waits.append(max(0.0, waited))

    def record_handle_time(self, seconds: float) -> None:
        self._handle_times.append(max(0.0, seconds))

    def average_handle_s(self) -> float:
        if self._handle_times:
            return fmean(self._handle_times)
        return DEFAULT_TALK_S + self._wrap_up_max_s

    def estimate(self, position: int, agents_available: int, agents_serving: int) -> WaitEstimate:
        if position <= agents_available:
            seconds = 0.0
        elif agents_serving > 0:
            seconds = (position - agents_available) * self.average_handle_s() / agents_serving
        elif self._answer_waits:
            seconds = fmean(self._answer_waits)
        else:
            seconds = position * self.average_handle_s()
        return WaitEstimate(seconds, position, agents_serving)
