"""Settings of the metrics service: the chassis' common ones plus Faust's knobs."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pydantic import Field, model_validator

from chassis.settings import ServiceSettings

SERVICE_NAME = "metrics"


class MetricsSettings(ServiceSettings):
    # Consumer-group liveness. Shorter values notice a dead worker sooner (tests use
    # a few seconds); Faust's defaults are 60 s.
    metrics_session_timeout_s: float = Field(default=30.0, gt=0)
    metrics_rebalance_timeout_s: float = Field(default=60.0, gt=0)
    metrics_heartbeat_interval_s: float = Field(default=3.0, gt=0)
    # How often processed offsets are committed (after the table changes are flushed).
    metrics_commit_interval_s: float = Field(default=2.8, gt=0)
    # How long table updates wait to be sent to the changelog in one batch.
    metrics_producer_linger_ms: float = Field(default=10.0, ge=0)
    # Faust's working directory (tables are in memory; it keeps little there).
    metrics_data_dir: Path = Path(tempfile.gettempdir()) / SERVICE_NAME

    @model_validator(mode="after")
    def _heartbeat_below_session(self) -> MetricsSettings:
        if self.metrics_heartbeat_interval_s >= self.metrics_session_timeout_s:
            raise ValueError("METRICS_HEARTBEAT_INTERVAL_S must be below METRICS_SESSION_TIMEOUT_S")
        return self

    @property
    def app_id(self) -> str:
        """Faust app id: the consumer group, and the prefix of its changelog topics."""
        return f"{self.topic_prefix}metrics"
