"""Alerts on a queue's figures, with hysteresis so that they do not flap.

An alert is raised when the value has been past its threshold (service level under
target, abandon rate over target, longest current wait over the limit) for
`raise_after_ms`, and cleared only once the value has been back past the threshold
by `clear_margin` for `clear_after_ms`. A value between the threshold and the margin
keeps a raised alert raised and a clear one clear. No value (too few calls to judge)
changes nothing. The evaluator emits facts, past tense; the service publishes them.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class AlertKind(StrEnum):
    SERVICE_LEVEL_BELOW_TARGET = "service_level_below_target"
    ABANDON_RATE_ABOVE_TARGET = "abandon_rate_above_target"
    LONGEST_WAIT_ABOVE_LIMIT = "longest_wait_above_limit"


@dataclass(frozen=True)
class AlertRule:
    kind: AlertKind
    threshold: float  # a ratio (0..1) or seconds
    clear_margin: float
    clear_after_ms: int = 60_000
    raise_after_ms: int = 0

    def breached(self, value: float) -> bool:
        if self.kind is AlertKind.SERVICE_LEVEL_BELOW_TARGET:
            return value < self.threshold
        return value > self.threshold

    def recovered(self, value: float) -> bool:
        if self.kind is AlertKind.SERVICE_LEVEL_BELOW_TARGET:
            return value >= self.threshold + self.clear_margin
        return value <= self.threshold - self.clear_margin


@dataclass(frozen=True)
class AlertRaised:
    tenant_id: str
    queue_id: str
    kind: AlertKind
    value: float
    threshold: float
    at_ms: int


@dataclass(frozen=True)
class AlertCleared:
    tenant_id: str
    queue_id: str
    kind: AlertKind
    value: float
    threshold: float
    raised_at_ms: int
    at_ms: int


class AlertEvaluator:
    """State per (tenant, queue, kind) in a keyed store of JSON values:
    {"raised_at": ms or None, "since": ms or None}, `since` being when the value went
    past the threshold (alert clear) or back past the margin (alert raised)."""

    def __init__(self, store: MutableMapping[str, Any] | None = None) -> None:
        self.store: MutableMapping[str, Any] = store if store is not None else {}

    def observe(
        self, tenant_id: str, queue_id: str, rule: AlertRule, value: float | None, at_ms: int
    ) -> AlertRaised | AlertCleared | None:
        """Judge one reading, taken at `at_ms` (readings of a key come in time order)."""
        if value is None:
            return None
        key = f"{tenant_id}\x1f{queue_id}\x1f{rule.kind}"
        state = self.store.get(key) or {"raised_at": None, "since": None}
        raised_at, since = state["raised_at"], state["since"]
        moving = rule.breached(value) if raised_at is None else rule.recovered(value)
        since = (at_ms if since is None else since) if moving else None
        hold_ms = rule.raise_after_ms if raised_at is None else rule.clear_after_ms
        fact: AlertRaised | AlertCleared | None = None
        if since is not None and at_ms - since >= hold_ms:
            if raised_at is None:
                fact = AlertRaised(tenant_id, queue_id, rule.kind, value, rule.threshold, at_ms)
                raised_at = at_ms
            else:
                fact = AlertCleared(
                    tenant_id, queue_id, rule.kind, value, rule.threshold, raised_at, at_ms
                )
                raised_at = None
            since = None
        updated = {"raised_at": raised_at, "since": since}
        if updated != state:
            self.store[key] = updated
        return fact
