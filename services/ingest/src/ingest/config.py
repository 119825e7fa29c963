"""ingest's settings: the chassis' plus the number plan, the telephony adapter, timeouts."""

from pathlib import Path

from pydantic import Field, field_validator

from chassis.settings import ServiceSettings
from ingest.adapters.calls_topic import CONSUMER_GROUP
from ingest.adapters.telephony import adapter_names


class IngestSettings(ServiceSettings):
    # How long a report may wait for Kafka before the sender is told to retry (503).
    publish_timeout_s: float = Field(default=5.0, gt=0)
    tenants_config: Path = Field(description="YAML file of tenants; their numbers: pick the tenant")
    telephony_adapter: str = Field(
        default="simulated", description="Which adapter carries out telephony commands"
    )
    # The group following the calls topic for the directory of calls. Every replica must
    # see every call (docs/ingest.md): with more than one, give each its own group.
    consumer_group: str = Field(default=CONSUMER_GROUP, min_length=1)

    @field_validator("telephony_adapter")
    @classmethod
    def _known_adapter(cls, name: str) -> str:
        if name not in (known := adapter_names()):
            raise ValueError(f"unknown telephony adapter {name!r}; known: {', '.join(known)}")
        return name
