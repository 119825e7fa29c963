"""The answers ingest gave to recent reports, so that a retried webhook gets the same answer
and records nothing new."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# (provider, provider call id, provider event id); the arrival has no event id of its own,
# so it is keyed by ARRIVAL, which no provider event id can be (they are never empty).
ReportKey = tuple[str, str, str]
ARRIVAL = ""


@dataclass
class _Report:
    occurred_at: datetime
    call_id: str | None = None  # set once the event is in the log


class RecentReports:
    """The last `capacity` reports (insertion order). Providers retry within minutes, so a
    bounded window catches retries; the event id, fixed by the report, covers the rest."""

    def __init__(self, capacity: int = 100_000) -> None:
        self._capacity = capacity
        self._reports: dict[ReportKey, _Report] = {}

    def answer(self, key: ReportKey) -> str | None:
        """The call id the report was answered with, if it was recorded."""
        report = self._reports.get(key)
        return report.call_id if report else None

    def occurred_at(self, key: ReportKey, stated: datetime | None, now: datetime) -> datetime:
        """When the reported thing happened: as stated, else when it was first reported.

        Remembering the first attempt's time keeps the event id of a retry the same even
        when the first attempt timed out yet reached the log."""
        if stated is not None:
            return stated
        report = self._reports.get(key)
        if report is None:
            report = self._add(key, _Report(now))
        return report.occurred_at

    def recorded(self, key: ReportKey, call_id: str, occurred_at: datetime) -> None:
        """The report's event is in the log (published now, or read back from it)."""
        report = self._reports.get(key)
        if report is None:
            self._add(key, _Report(occurred_at, call_id))
        else:
            report.call_id = call_id

    def __len__(self) -> int:
        return len(self._reports)

    def _add(self, key: ReportKey, report: _Report) -> _Report:
        self._reports[key] = report
        while len(self._reports) > self._capacity:
            del self._reports[next(iter(self._reports))]
        return report
