"""agent-state's settings: the chassis' plus the tenants file."""

from pathlib import Path

from pydantic import Field

from chassis.settings import ServiceSettings

SERVICE_NAME = "agent-state"


class AgentStateSettings(ServiceSettings):
    tenants_config: Path = Field(description="YAML file of tenants, queues and reason codes")
    consumer_group: str = "agent-state"
