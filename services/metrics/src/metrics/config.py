"""Settings of the metrics service: the chassis' plus windows, grace, thresholds, alerts
and the worker's knobs. Environment only; a bad value stops start-up, naming it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import NoDecode

from chassis.settings import ServiceSettings
from chassis.tenants import load_tenants
from metrics.domain import AlertSettings, MetricsConfig, QueueTargets, config_from_tenants

SERVICE_NAME = "metrics"
Seconds = Annotated[tuple[int, ...], NoDecode]


class MetricsSettings(ServiceSettings):
    tenants_config: Path = Field(description="YAML file of tenants: queue SL thresholds, targets")
    # Windows (seconds, comma-separated): tumbling ones start on the clock.
    metrics_tumbling_s: Seconds = (900, 1800)
    metrics_rolling_s: Seconds = (300, 900, 3600)
    # How long after a window's end an event still lands in it; then it is final.
    metrics_grace_s: int = Field(default=30, ge=0)
    metrics_short_abandon_s: float = Field(default=5.0, ge=0)
    metrics_ivr_guideline_s: float = Field(default=120.0, gt=0)
    # Alerts, judged on the rolling window below and the live longest wait.
    metrics_alert_window_s: int = Field(default=900, gt=0)
    metrics_alert_abandon_rate_target: float = Field(default=0.05, gt=0, le=1)
    metrics_alert_longest_wait_limit_s: float = Field(default=120.0, gt=0)
    metrics_alert_service_level_margin: float = Field(default=0.05, ge=0, le=1)
    metrics_alert_abandon_rate_margin: float = Field(default=0.01, ge=0, le=1)
    metrics_alert_longest_wait_margin_s: float = Field(default=15.0, ge=0)
    metrics_alert_raise_after_s: float = Field(default=0.0, ge=0)
    metrics_alert_clear_after_s: float = Field(default=60.0, ge=0)
    metrics_alert_min_calls: int = Field(default=10, ge=1)
    # How often quiet tenants' clocks move on and alerts are judged (wall clock).
    metrics_tick_interval_s: float = Field(default=1.0, gt=0)
    # Final windows kept for the intervals API (the metrics-intervals topic keeps them all).
    metrics_history_h: float = Field(default=12.0, gt=0)
    # Records handled between two checkpoints of the state (one atomic changelog batch).
    metrics_batch_max_records: int = Field(default=2000, ge=1)
    # How long a fetch waits for data: the embedded broker does not answer a waiting
    # fetch when data arrives, so this bounds how fresh the metrics are.
    metrics_fetch_max_wait_ms: int = Field(default=10, ge=0)
    # Consumer-group liveness. Shorter values notice a dead worker sooner (tests use
    # a few seconds); Faust's defaults are 60 s.
    metrics_session_timeout_s: float = Field(default=30.0, gt=0)
    metrics_rebalance_timeout_s: float = Field(default=60.0, gt=0)
    metrics_heartbeat_interval_s: float = Field(default=3.0, gt=0)
    # How often offsets whose state is in the changelog are committed.
    metrics_commit_interval_s: float = Field(default=2.8, gt=0)
    # Faust's working directory (the state is in memory; it keeps little there).
    metrics_data_dir: Path = Path(tempfile.gettempdir()) / SERVICE_NAME

    @field_validator("metrics_tumbling_s", "metrics_rolling_s", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(int(part) for part in value.split(",") if part.strip())
        return value

    @model_validator(mode="after")
    def _consistent(self) -> MetricsSettings:
        if self.metrics_heartbeat_interval_s >= self.metrics_session_timeout_s:
            raise ValueError("METRICS_HEARTBEAT_INTERVAL_S must be below METRICS_SESSION_TIMEOUT_S")
        try:
            config = self.metrics_config()
        except ValueError as exc:  # window sizes: say which setting is wrong
            raise ValueError(f"METRICS_TUMBLING_S / METRICS_ROLLING_S: {exc}") from None
        if self.metrics_alert_window_s % config.bucket_s:
            raise ValueError(f"METRICS_ALERT_WINDOW_S: not whole minutes ({config.bucket_s} s)")
        return self

    @property
    def app_id(self) -> str:
        """Faust app id: the consumer group, and the prefix of its own topics."""
        return f"{self.topic_prefix}metrics"

    @property
    def history_ms(self) -> int:
        return round(self.metrics_history_h * 3_600_000)

    @property
    def changelog_topic(self) -> str:
        return f"{self.app_id}-state-changelog"

    def metrics_config(self, tenants_file: bool = False) -> MetricsConfig:
        """The domain's configuration; with the tenants file's per-queue targets."""
        settings = {
            "tumbling_s": self.metrics_tumbling_s,
            "rolling_s": self.metrics_rolling_s,
            "grace_s": self.metrics_grace_s,
            "short_abandon_s": self.metrics_short_abandon_s,
            "ivr_guideline_s": self.metrics_ivr_guideline_s,
            "default_targets": QueueTargets(
                abandon_rate_target=self.metrics_alert_abandon_rate_target,
                longest_wait_limit_s=self.metrics_alert_longest_wait_limit_s,
            ),
        }
        if not tenants_file:
            return MetricsConfig(**settings)  # type: ignore[arg-type]
        return config_from_tenants(load_tenants(self.tenants_config), **settings)

    def alert_settings(self) -> AlertSettings:
        return AlertSettings(
            service_level_margin=self.metrics_alert_service_level_margin,
            abandon_rate_margin=self.metrics_alert_abandon_rate_margin,
            longest_wait_margin_s=self.metrics_alert_longest_wait_margin_s,
            clear_after_ms=round(self.metrics_alert_clear_after_s * 1000),
            raise_after_ms=round(self.metrics_alert_raise_after_s * 1000),
            min_calls=self.metrics_alert_min_calls,
        )
