"""gRPC server with standard health checking (for Kubernetes probes) and reflection."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

Registrar = Callable[[grpc.aio.Server], None]

# gRPC core starts refusing new calls at random once 1,000 wait for the Python server to
# take them, and all beyond 3,000. Every agent desktop holds a stream and they all come
# back at once after a restart: tens of thousands may be queued for a moment.
SERVER_OPTIONS = [
    ("grpc.server.max_pending_requests", 50_000),
    ("grpc.server.max_pending_requests_hard_limit", 100_000),
]


class GrpcServer:
    """Serves the given services; health reports SERVING only once `mark_serving` is called,
    so a probe does not send traffic before the service has caught up."""

    def __init__(
        self, port: int, registrars: Iterable[Registrar], service_names: Iterable[str]
    ) -> None:
        self._server = grpc.aio.server(options=SERVER_OPTIONS)
        self._health = health.aio.HealthServicer()
        self._names = list(service_names)
        for register in registrars:
            register(self._server)
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._server)
        reflection.enable_server_reflection(
            [*self._names, health.SERVICE_NAME, reflection.SERVICE_NAME], self._server
        )
        self.port = self._server.add_insecure_port(f"[::]:{port}")

    async def start(self) -> None:
        await self._set_all(health_pb2.HealthCheckResponse.NOT_SERVING)
        await self._server.start()

    async def mark_serving(self) -> None:
        await self._set_all(health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace_s: float = 5.0) -> None:
        """Refuse new calls, let those in flight finish within the grace period."""
        await self._set_all(health_pb2.HealthCheckResponse.NOT_SERVING)
        await self._server.stop(grace_s)

    async def _set_all(
        self, status: health_pb2.HealthCheckResponse.ServingStatus.ValueType
    ) -> None:
        for name in ["", *self._names]:  # "" is the server as a whole
            await self._health.set(name, status)
