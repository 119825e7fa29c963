"""callcenter.v1.RouterService: expected waits and queue status, read from live state."""

from __future__ import annotations

import time
from collections.abc import Callable

import grpc

from callcenter.v1 import router_pb2, router_pb2_grpc
from chassis.times import to_duration
from router.domain import UnknownQueue
from router.service import Router


class RouterServicer(router_pb2_grpc.RouterServiceServicer):
    def __init__(self, router: Router, live: Callable[[], bool]) -> None:
        self._router = router
        self._live = live

    async def _domain(self, tenant_id: str, queue_id: str, context: grpc.aio.ServicerContext):  # type: ignore[no-untyped-def]
        if not self._live():
            await context.abort(grpc.StatusCode.UNAVAILABLE, "router is rebuilding its state")
        state = self._router.tenant(tenant_id)
        if state is None:
            await context.abort(
                grpc.StatusCode.NOT_FOUND, f"tenant_id: unknown tenant {tenant_id!r}"
            )
        if not queue_id:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "queue_id: required")
        return state.domain

    async def EstimateWait(
        self, request: router_pb2.EstimateWaitRequest, context: grpc.aio.ServicerContext
    ) -> router_pb2.EstimateWaitResponse:
        domain = await self._domain(request.tenant_id, request.queue_id, context)
        try:
            estimate = domain.estimate_wait(request.queue_id, request.position or None, time.time())
        except UnknownQueue:
            await context.abort(
                grpc.StatusCode.NOT_FOUND, f"queue_id: unknown queue {request.queue_id!r}"
            )
        return router_pb2.EstimateWaitResponse(
            estimated_wait=to_duration(estimate.seconds),
            position=estimate.position,
            agents_serving=estimate.agents_serving,
        )

    async def GetQueueStatus(
        self, request: router_pb2.GetQueueStatusRequest, context: grpc.aio.ServicerContext
    ) -> router_pb2.GetQueueStatusResponse:
        domain = await self._domain(request.tenant_id, request.queue_id, context)
        try:
            status = domain.queue_status(request.queue_id, time.time())
        except UnknownQueue:
            await context.abort(
                grpc.StatusCode.NOT_FOUND, f"queue_id: unknown queue {request.queue_id!r}"
            )
        return router_pb2.GetQueueStatusResponse(
            calls_waiting=status.calls_waiting,
            calls_offered=status.calls_offered,
            agents_available=status.agents_available,
            agents_serving=status.agents_serving,
            oldest_wait=to_duration(status.oldest_wait_s),
            estimated_wait=to_duration(status.estimated_wait_s),
        )
