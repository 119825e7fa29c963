from pydantic import Field

from chassis.settings import ServiceSettings


class IngestSettings(ServiceSettings):
    # How long a report may wait for Kafka before the sender is told to retry (503).
    publish_timeout_s: float = Field(default=5.0, gt=0)
