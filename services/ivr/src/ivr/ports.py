"""What the service needs from outside, as ports: adapters implement them over Kafka and the
router's gRPC API, tests in memory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from callcenter.v1.envelope_pb2 import Event
from callcenter.v1.telephony_pb2 import TelephonyCommand
from ivr.flows import Flow, FlowRef, QueueStatus


class Outbox(Protocol):
    async def publish_events(self, events: list[Event]) -> None:
        """Stores call events in the log; returns once they are acknowledged."""
        ...

    async def send_commands(self, commands: list[TelephonyCommand]) -> None:
        """Sends commands to the telephony side; returns once they are acknowledged."""
        ...


class Flows(Protocol):
    @property
    def versions(self) -> Mapping[FlowRef, Flow]:
        """Every version a session may run on; sessions read it as it grows."""
        ...

    def current(self, tenant_id: str, flow_id: str) -> Flow | None:
        """The version new calls start on."""
        ...

    def knows(self, ref: FlowRef) -> bool:
        """Whether a session on this version can be rebuilt (it is then in `versions`)."""
        ...


class QueueFigures(Protocol):
    async def status(self, tenant_id: str, queue_id: str, position: int | None) -> QueueStatus:
        """The queue's figures now, for a call at `position` (None: not in that queue). Never
        fails and never waits long: figures it cannot get are defaults."""
        ...


def unknown_status(queue_id: str, position: int | None = None) -> QueueStatus:
    """The figures of a queue the router could not give: no wait, no agent available."""
    return QueueStatus(queue_id, 0.0, position, 0)
