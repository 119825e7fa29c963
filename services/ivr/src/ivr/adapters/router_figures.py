"""Queue figures from the router's RouterService, with a short deadline: a call never waits on
a slow or absent router, it goes on with the defaults.

The defaults, when the router cannot answer: an estimated wait of 0 (announced as "less than a
minute") and no agent available. A flow's branches on queue figures should therefore lead to a
queue or a callback offer, never to a hang-up.
"""

from __future__ import annotations

import asyncio
import logging

import grpc

from callcenter.v1 import router_pb2, router_pb2_grpc
from ivr.flows import QueueStatus
from ivr.ports import unknown_status

log = logging.getLogger(__name__)


class RouterFigures:
    def __init__(self, target: str, timeout_s: float) -> None:
        self._target = target
        self._timeout_s = timeout_s
        self._channel: grpc.aio.Channel | None = None
        self._reachable = True  # to log the change, not every call

    async def start(self) -> None:
        self._channel = grpc.aio.insecure_channel(self._target)

    async def stop(self) -> None:
        if self._channel is not None:
            await self._channel.close()

    async def status(self, tenant_id: str, queue_id: str, position: int | None) -> QueueStatus:
        if self._channel is None:
            return unknown_status(queue_id, position)
        stub = router_pb2_grpc.RouterServiceStub(self._channel)
        try:
            asked = stub.GetQueueStatus(
                router_pb2.GetQueueStatusRequest(tenant_id=tenant_id, queue_id=queue_id),
                timeout=self._timeout_s,
            )
            if position is None:  # its estimate is for a call joining now
                status = await asked
                wait = status.estimated_wait.ToNanoseconds() / 1e9
                return self._answered(QueueStatus(queue_id, wait, None, status.agents_available))
            estimated = stub.EstimateWait(
                router_pb2.EstimateWaitRequest(
                    tenant_id=tenant_id, queue_id=queue_id, position=position
                ),
                timeout=self._timeout_s,
            )
            status, estimate = await asyncio.gather(asked, estimated)
        except grpc.aio.AioRpcError as error:
            if self._reachable:
                log.warning(
                    "router not answering: queue figures default to no wait, no agent",
                    extra={"code": error.code().name, "target": self._target},
                )
            self._reachable = False
            return unknown_status(queue_id, position)
        wait = estimate.estimated_wait.ToNanoseconds() / 1e9
        return self._answered(QueueStatus(queue_id, wait, position, status.agents_available))

    def _answered(self, status: QueueStatus) -> QueueStatus:
        if not self._reachable:
            log.info("router answering again", extra={"target": self._target})
        self._reachable = True
        return status
