"""Health checking reports NOT_SERVING until the service says it is ready, and on stop."""

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from chassis.grpc_server import GrpcServer


async def test_health_follows_readiness() -> None:
    server = GrpcServer(0, [], ["callcenter.v1.Example"])
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        request = health_pb2.HealthCheckRequest(service="callcenter.v1.Example")
        assert (await stub.Check(request)).status == health_pb2.HealthCheckResponse.NOT_SERVING
        await server.mark_serving()
        assert (await stub.Check(request)).status == health_pb2.HealthCheckResponse.SERVING
        assert (
            await stub.Check(health_pb2.HealthCheckRequest())
        ).status == health_pb2.HealthCheckResponse.SERVING
    await server.stop(0)
