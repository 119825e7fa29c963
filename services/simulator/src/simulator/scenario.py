"""A scenario: the outside world and the operators the simulator plays, per tenant.

Callers dial a tenant's `lines` (Poisson arrivals, an hourly profile), press the `digits` of
one of the line's `choices` (by probability) and wait for the choice's queue with a patience;
agents in `agents` groups log in with skills and serve queues. Durations are in simulated
seconds; `time_scale` divides all of them (docs/simulator.md). Loaded from YAML by
`load_scenario`, or built in code; every error names the field path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from chassis.phones import to_e164
from simulator.distributions import Distribution, Fixed

HOURS_A_DAY = 24
Probability = Annotated[float, Field(ge=0, le=1)]
Level = Annotated[int, Field(ge=1, le=10)]
Keys = Annotated[str, Field(pattern=r"^[0-9*#]+$")]
HourlyProfile = tuple[Annotated[float, Field(ge=0)], ...]


class ScenarioError(ValueError):
    """A scenario that cannot run; the message names the file (if any) and each field."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class QueueScenario(_Model):
    talk_time: Distribution  # from the agent's accept to its hang-up
    patience: Distribution | None = None  # time a caller waits in queue; None: never hangs up


class Choice(_Model):
    """What a share of a line's callers press in the menu, and the queue that leads to."""

    queue: str
    probability: Probability = 1.0
    digits: tuple[Keys, ...] = ()  # one entry per question of the menu, in order
    # Seconds the flow plays after the last keys (after the arrival, without keys) before it
    # queues the call: the caller's patience starts then. The IVR's own (real, unscaled) time.
    queued_after_s: float = Field(default=0.0, ge=0)
    profile: str | HourlyProfile | None = None  # this choice's own hourly profile


class Line(_Model):
    number: str  # the dialed number: the tenant's number plan picks the flow
    rate_per_hour: float = Field(gt=0)  # base arrival rate, multiplied by the hour's profile
    profile: str | HourlyProfile | None = None  # a name from `profiles`, or 24 multipliers
    choices: tuple[Choice, ...] = Field(min_length=1)

    @field_validator("number")
    @classmethod
    def _e164(cls, number: str) -> str:
        return str(to_e164(number))

    @model_validator(mode="after")
    def _probabilities_sum_to_one(self) -> Line:
        total = sum(choice.probability for choice in self.choices)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"choices: probabilities sum to {total:g}, not 1")
        return self


class Breaks(_Model):
    every: Distribution  # working time between the end of a break and the next one
    length: Distribution
    reasons: tuple[str, ...] = Field(default=("coffee",), min_length=1)


class AgentGroup(_Model):
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")  # agents are <name>-<n>
    count: int = Field(ge=1)
    skills: dict[str, Level] = Field(min_length=1)
    queues: tuple[str, ...] = ()  # the routing profile, in preference order (empty: a
    # backup group, which takes calls only at a queue's overflow step naming its skill)
    answer_delay: Distribution = Fixed(value=0)  # ringing before the agent accepts
    no_answer_probability: Annotated[float, Field(ge=0, lt=1)] = 0.0
    missed_offer_pause: Distribution = Fixed(value=5)  # not ready after missing an offer
    wrap_up: Distribution = Fixed(value=0)
    breaks: Breaks | None = None


class TenantScenario(_Model):
    queues: dict[str, QueueScenario] = Field(min_length=1)
    lines: tuple[Line, ...] = ()
    agents: tuple[AgentGroup, ...] = ()

    @model_validator(mode="after")
    def _names_known(self) -> TenantScenario:
        known = ", ".join(self.queues)
        for i, line in enumerate(self.lines):
            for j, choice in enumerate(line.choices):
                if choice.queue not in self.queues:
                    where = f"lines[{i}].choices[{j}].queue"
                    raise ValueError(f"{where}: unknown queue {choice.queue!r} (known: {known})")
        for i, group in enumerate(self.agents):
            for j, queue in enumerate(group.queues):
                if queue not in self.queues:
                    raise ValueError(f"agents[{i}].queues[{j}]: unknown queue {queue!r} ({known})")
        return self


class Scenario(_Model):
    name: str = Field(min_length=1)
    description: str = ""
    time_scale: float = Field(default=1.0, gt=0)  # the factor this scenario suggests
    start_hour: float = Field(default=9.0, ge=0, lt=HOURS_A_DAY)  # the simulated clock's start
    profiles: dict[str, HourlyProfile] = Field(default_factory=dict)
    tenants: dict[str, TenantScenario] = Field(min_length=1)

    @field_validator("profiles")
    @classmethod
    def _profiles_have_24_hours(cls, profiles: dict[str, HourlyProfile]) -> Any:
        for name, profile in profiles.items():
            _check_profile(profile, f"profiles.{name}")
        return profiles

    @model_validator(mode="after")
    def _profiles_known(self) -> Scenario:
        groups: set[tuple[str, str]] = set()
        for tenant_id, tenant in self.tenants.items():
            for i, line in enumerate(tenant.lines):
                where = f"tenants.{tenant_id}.lines[{i}]"
                self._check_reference(line.profile, f"{where}.profile")
                for j, choice in enumerate(line.choices):
                    self._check_reference(choice.profile, f"{where}.choices[{j}].profile")
            for i, group in enumerate(tenant.agents):
                if (tenant_id, group.name) in groups:
                    raise ValueError(f"tenants.{tenant_id}.agents[{i}].name: {group.name!r} twice")
                groups.add((tenant_id, group.name))
        return self

    def _check_reference(self, profile: str | HourlyProfile | None, where: str) -> None:
        if isinstance(profile, str) and profile not in self.profiles:
            raise ValueError(f"{where}: unknown profile {profile!r} (known: {list(self.profiles)})")
        if isinstance(profile, tuple):
            _check_profile(profile, where)

    def hourly(self, profile: str | HourlyProfile | None) -> tuple[float, ...]:
        """The 24 multipliers a line or choice uses (flat when it names none)."""
        if profile is None:
            return (1.0,) * HOURS_A_DAY
        return self.profiles[profile] if isinstance(profile, str) else profile


def _check_profile(profile: HourlyProfile, where: str) -> None:
    if len(profile) != HOURS_A_DAY:
        raise ValueError(f"{where}: {len(profile)} multipliers, expected one per hour (24)")
    if not any(profile):
        raise ValueError(f"{where}: every hour is 0, no call would ever arrive")


def describe(error: ValidationError) -> list[str]:
    """'tenants.acme.agents[0].count: Input should be greater than or equal to 1', one each."""
    problems = []
    for detail in error.errors():
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in detail["loc"])
        message = str(detail["msg"]).removeprefix("Value error, ")
        problems.append(f"{path.lstrip('.') or '(top)'}: {message}")
    return problems


def parse_scenario(raw: Any, source: str = "scenario") -> Scenario:
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        raise ScenarioError("\n".join(f"{source}: {p}" for p in describe(exc))) from None


def load_scenario(path: Path) -> Scenario:
    """The scenario in a YAML file; ScenarioError naming the file and each bad field."""
    try:
        raw = yaml.safe_load(path.read_text())
    except OSError as exc:
        raise ScenarioError(f"{path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path}: not valid YAML: {exc}") from None
    return parse_scenario(raw, str(path))
