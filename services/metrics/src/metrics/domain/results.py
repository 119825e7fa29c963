"""The figures of one scope over one window, computed from its tally: the record
published when a window is final, and the answer to a live read.

Counts are as tallied; durations are given in seconds; a ratio or an average whose
denominator is zero is None (no call, nothing to measure). Formulas: docs/metrics.md.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from metrics.domain.contributions import TIME_PREFIX, AbandonEntry, Count
from metrics.domain.tally import Tally
from metrics.domain.times import SECOND_MS

ABANDON_FIELDS = AbandonEntry._fields
BUSY_STATES = ("RESERVED", "ON_CALL", "ON_HOLD", "WRAP_UP")
AVAILABLE = "AVAILABLE"


class ServiceLevel(StrEnum):
    STANDARD = "standard"  # answered within T / (offered - short abandons)
    OF_ANSWERED = "of_answered"  # answered within T / answered
    # (answered within T + abandoned within T) / (offered - short abandons)
    ABANDONS_WITHIN_T_MET = "abandons_within_t_met"


@dataclass(frozen=True)
class IntervalMetrics:
    tenant_id: str
    scope: str  # "tenant", "queue:<id>" or "agent:<id>"
    start_ms: int
    end_ms: int
    final: bool
    counts: dict[str, int]
    service_level: dict[str, float | None]
    measures: dict[str, float | None]
    agent_time_s: dict[str, float]  # by state, and by state/reason
    abandons: list[dict[str, Any]]
    abandons_unlisted: int  # counted abandons beyond the list's bound

    def to_json(self) -> dict[str, Any]:
        """As a dict of plain values (what interval_metrics built is not shared: no copy)."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def _ratio(numerator: int, denominator: int, unit: int = 1) -> float | None:
    return numerator / (denominator * unit) if denominator else None


def interval_metrics(
    tenant_id: str, scope: str, start_ms: int, end_ms: int, final: bool, tally: Tally
) -> IntervalMetrics:
    n: dict[str, int] = {name: tally.counts.get(name, 0) for name in Count}
    times = {k[len(TIME_PREFIX) :]: v for k, v in tally.counts.items() if k.startswith(TIME_PREFIX)}
    busy = sum(v for state, v in times.items() if state in BUSY_STATES)
    counted = n[Count.OFFERED] - n[Count.SHORT_ABANDONED]
    answered, handled = n[Count.ANSWERED], n[Count.HANDLED]
    longest = tally.longest_wait
    abandons = [dict(zip(ABANDON_FIELDS, row, strict=True)) for row in tally.data.get("ab", ())]
    return IntervalMetrics(
        tenant_id=tenant_id,
        scope=scope,
        start_ms=start_ms,
        end_ms=end_ms,
        final=final,
        counts={**n, "offers_not_answered": n[Count.OFFERS_REJECTED] + n[Count.OFFERS_TIMED_OUT]},
        service_level={
            ServiceLevel.STANDARD: _ratio(n[Count.ANSWERED_WITHIN_T], counted),
            ServiceLevel.OF_ANSWERED: _ratio(n[Count.ANSWERED_WITHIN_T], answered),
            ServiceLevel.ABANDONS_WITHIN_T_MET: _ratio(
                n[Count.ANSWERED_WITHIN_T] + n[Count.ABANDONED_WITHIN_T], counted
            ),
        },
        measures={
            "abandon_rate": _ratio(n[Count.ABANDONED], counted),
            "asa_s": _ratio(n[Count.ANSWER_WAIT_MS], answered, SECOND_MS),
            "avg_wait_s": _ratio(n[Count.WAIT_MS], n[Count.OFFERED], SECOND_MS),
            "longest_wait_s": longest / SECOND_MS if longest is not None else None,
            "avg_abandon_wait_s": _ratio(n[Count.ABANDON_WAIT_MS], n[Count.ABANDONED], SECOND_MS),
            "aht_s": _ratio(
                n[Count.TALK_MS] + n[Count.HOLD_MS] + n[Count.WRAP_UP_MS], handled, SECOND_MS
            ),
            "avg_talk_s": _ratio(n[Count.TALK_MS], handled, SECOND_MS),
            "avg_hold_s": _ratio(n[Count.HOLD_MS], handled, SECOND_MS),
            "avg_wrap_up_s": _ratio(n[Count.WRAP_UP_MS], handled, SECOND_MS),
            "occupancy": _ratio(busy, busy + times.get(AVAILABLE, 0)),
            "avg_ivr_time_s": _ratio(n[Count.IVR_TIME_MS], n[Count.IVR_CALLS], SECOND_MS),
            "ivr_over_guideline_rate": _ratio(n[Count.IVR_OVER_GUIDELINE], n[Count.IVR_CALLS]),
        },
        agent_time_s={state: ms / SECOND_MS for state, ms in sorted(times.items())},
        abandons=abandons,
        abandons_unlisted=n[Count.ABANDONED] + n[Count.IVR_ABANDONED] - len(abandons),
    )
