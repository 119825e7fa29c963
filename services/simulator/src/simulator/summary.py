"""What the simulator itself saw during a run, per tenant and queue; waits in simulated
seconds (real seconds times the time scale), so they compare with the scenario's durations."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class QueueCounts:
    placed: int = 0  # arrivals ingest accepted
    refused: int = 0  # arrivals ingest refused (after retries): not in the platform
    answered: int = 0  # a simulated agent accepted the call
    abandoned: int = 0  # the caller's patience ran out first: it hung up
    unfinished: int = 0  # still in the menu, waiting or talking when the run ended
    answered_waits_s: list[float] = field(default_factory=list)
    abandoned_waits_s: list[float] = field(default_factory=list)

    def add(self, other: QueueCounts) -> None:
        self.placed += other.placed
        self.refused += other.refused
        self.answered += other.answered
        self.abandoned += other.abandoned
        self.unfinished += other.unfinished
        self.answered_waits_s += other.answered_waits_s
        self.abandoned_waits_s += other.abandoned_waits_s


@dataclass
class AgentCounts:
    logged_in: int = 0
    offers: int = 0
    missed_offers: int = 0  # left ringing on purpose (no-answer probability)
    handled: int = 0  # accepted, talked, wrapped up
    breaks: int = 0
    failed_commands: int = 0  # desktop commands the platform refused (races, expiries)


@dataclass
class RunSummary:
    scenario: str
    time_scale: float
    real_duration_s: float = 0.0
    simulated_duration_s: float = 0.0
    queues: dict[str, dict[str, QueueCounts]] = field(default_factory=dict)
    agents: dict[str, AgentCounts] = field(default_factory=dict)
    foreign_offers: int = 0  # offers of calls the simulator did not place (e.g. a demo curl)

    def queue(self, tenant_id: str, queue_id: str) -> QueueCounts:
        return self.queues.setdefault(tenant_id, {}).setdefault(queue_id, QueueCounts())

    def agents_of(self, tenant_id: str) -> AgentCounts:
        return self.agents.setdefault(tenant_id, AgentCounts())

    def totals(self) -> QueueCounts:
        total = QueueCounts()
        for queues in self.queues.values():
            for counts in queues.values():
                total.add(counts)
        return total

    def to_json(self, with_waits: bool = False) -> dict[str, Any]:
        document = asdict(self)
        if not with_waits:
            for queues in document["queues"].values():
                for counts in queues.values():
                    del counts["answered_waits_s"], counts["abandoned_waits_s"]
        return document

    def lines(self) -> list[str]:
        """A short report for people: one line per queue."""
        report = [
            f"scenario {self.scenario}: time scale {self.time_scale:g} (every duration divided "
            f"by it), {self.real_duration_s:.0f} s real = {self.simulated_duration_s:.0f} s "
            "simulated"
        ]
        for tenant_id, queues in sorted(self.queues.items()):
            for queue_id, c in sorted(queues.items()):
                asa = _mean(c.answered_waits_s)
                report.append(
                    f"  {tenant_id}/{queue_id}: placed {c.placed}, answered {c.answered}, "
                    f"abandoned {c.abandoned}, unfinished {c.unfinished}, refused {c.refused}, "
                    f"mean wait answered {asa:.1f} s (simulated)"
                )
        return report


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
