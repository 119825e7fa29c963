"""The M/M/N+M cases the validation runs, each its own tenant of the platform: the queue
model the theory solves, the simulator's scenario that plays it, and the platform's
configuration (tenants file and IVR flow) that serves it with thresholds scaled by K."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulator.distributions import Exponential
from simulator.scenario import AgentGroup, Choice, Line, QueueScenario, Scenario, TenantScenario
from simulator.theory import QueueModel, Thresholds

QUEUE = "q"
SKILL = "validation"


@dataclass(frozen=True)
class Case:
    name: str  # also the tenant id
    number: str  # dialed number (E.164) of the tenant's only line
    agents: int
    load: float  # offered load per agent: lambda / (N·mu)
    handle_s: float  # mean handle (talk) time, simulated seconds
    patience_s: float | None  # mean patience, simulated seconds; None: Erlang C

    @property
    def model(self) -> QueueModel:
        mu = 1.0 / self.handle_s
        theta = 1.0 / self.patience_s if self.patience_s else 0.0
        return QueueModel(self.agents * self.load * mu, mu, self.agents, theta)

    def tenant_scenario(self) -> TenantScenario:
        patience = Exponential(mean=self.patience_s) if self.patience_s else None
        line = Line(
            number=self.number,
            rate_per_hour=self.model.arrival_rate * 3600,
            choices=(Choice(queue=QUEUE),),
        )
        group = AgentGroup(name="agent", count=self.agents, skills={SKILL: 5}, queues=(QUEUE,))
        queue = QueueScenario(talk_time=Exponential(mean=self.handle_s), patience=patience)
        return TenantScenario(queues={QUEUE: queue}, lines=(line,), agents=(group,))

    def tenant_config(self, thresholds: Thresholds, time_scale: float) -> dict[str, Any]:
        """The platform runs in real time: its service-level threshold is T / K. No size or
        wait limit, no overflow: callers leave only by being answered or hanging up."""
        queue = {
            "required_skills": [{"name": SKILL, "min_level": 1}],
            "strategy": "longest_idle",
            "service_level_threshold_s": thresholds.service_level_s / time_scale,
        }
        return {"numbers": {self.number: self.name}, "queues": {QUEUE: queue}}

    def flow(self) -> dict[str, Any]:
        """Straight into the queue: no menu, no announcements."""
        return {
            "flow_id": self.name,
            "tenant_id": self.name,
            "version": "1",
            "entry": "queue",
            "nodes": {"queue": {"type": "queue", "queue": QUEUE}},
        }


# Simulated seconds: a 60 s handle time, callers' patience 60-120 s. Loads per agent:
# light ~0.6, heavy ~0.9, overloaded 1.2 (stable only through abandonment). Small N at light
# load so that waits are long enough to be measured next to the platform's own latency.
CASES = (
    Case("val-c-light", "+33970000101", agents=5, load=0.6, handle_s=60, patience_s=None),
    Case("val-c-heavy", "+33970000102", agents=10, load=0.9, handle_s=60, patience_s=None),
    Case("val-a-light", "+33970000103", agents=5, load=0.6, handle_s=60, patience_s=120),
    Case("val-a-heavy", "+33970000104", agents=10, load=0.9, handle_s=60, patience_s=120),
    Case("val-a-over", "+33970000105", agents=10, load=1.2, handle_s=60, patience_s=60),
)
QUICK = ("val-a-heavy",)
# Run together on one platform, a group after another: all five at once (3 calls/s real,
# 40 agents) starved the 2-core machine and its offers timed out.
GROUPS = (("val-c-light", "val-a-over"), ("val-c-heavy", "val-a-heavy"), ("val-a-light",))


def groups(selected: tuple[Case, ...]) -> list[tuple[Case, ...]]:
    chosen = [tuple(c for c in selected if c.name in names) for names in GROUPS]
    return [group for group in chosen if group]


def scenario(cases: tuple[Case, ...], time_scale: float) -> Scenario:
    return Scenario(
        name="validation",
        description="M/M/N+M cases checked against Erlang A and Erlang C",
        time_scale=time_scale,
        tenants={case.name: case.tenant_scenario() for case in cases},
    )


def tenants_file(cases: tuple[Case, ...], thresholds: Thresholds, time_scale: float) -> Any:
    return {"tenants": {case.name: case.tenant_config(thresholds, time_scale) for case in cases}}
