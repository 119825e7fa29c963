"""Configuration from the environment only; a missing or bad value stops start-up at once."""

from __future__ import annotations

import sys
from typing import TypeVar

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from chassis.topics import Topics


class ServiceSettings(BaseSettings):
    """What every service reads. Services subclass it to add their own fields."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    kafka_bootstrap_servers: str = Field(min_length=1, description="host:port[,host:port]")
    topic_prefix: str = "callcenter."
    kafka_partitions: int = Field(default=6, ge=1, le=1000)
    http_port: int = Field(default=8080, ge=0, le=65535)
    grpc_port: int = Field(default=50051, ge=0, le=65535)
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    # Standard OpenTelemetry variable; traces are exported only when it is set.
    otel_exporter_otlp_endpoint: str | None = None
    shutdown_grace_s: float = Field(default=10.0, gt=0)

    @property
    def topics(self) -> Topics:
        return Topics(self.topic_prefix)


S = TypeVar("S", bound=BaseSettings)


def load(settings_type: type[S]) -> S:
    """Read settings or exit with one line per bad variable (fail fast, readable)."""
    try:
        return settings_type()
    except ValidationError as exc:
        for err in exc.errors():
            name = "_".join(str(p) for p in err["loc"]).upper()
            print(f"configuration error: {name}: {err['msg']}", file=sys.stderr)
        raise SystemExit(2) from None
