"""The IVR's settings: the chassis' plus the number plan, the flows and the router."""

from pathlib import Path

from pydantic import Field

from chassis.settings import ServiceSettings

SERVICE_NAME = "ivr"


class IvrSettings(ServiceSettings):  # type: ignore[misc]  # chassis has no py.typed
    tenants_config: Path = Field(description="YAML file of tenants, their queues and numbers")
    ivr_flows_dir: Path = Path("deploy/config/flows")
    ivr_flows_poll_s: float = Field(default=2.0, gt=0)  # how often edited flows are looked for
    router_grpc_target: str = "127.0.0.1:50052"
    # A call never waits longer for queue figures; past it the IVR decides on defaults.
    router_timeout_s: float = Field(default=0.5, gt=0)
    consumer_group: str = "ivr"
