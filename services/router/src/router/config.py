"""The router's settings: the chassis' plus the tenants file."""

from pathlib import Path

from pydantic import Field

from chassis.settings import ServiceSettings

SERVICE_NAME = "router"


class RouterSettings(ServiceSettings):
    tenants_config: Path = Field(description="YAML file of tenants and their queues")
    consumer_group: str = "router"
