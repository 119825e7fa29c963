"""OpenTelemetry set-up: one trace per call across HTTP, gRPC and Kafka.

Spans are exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. Without
it nothing is instrumented, so a service pays nothing for tracing it does not export.
"""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

_provider: TracerProvider | None = None


def setup_tracing(service_name: str, otlp_endpoint: str | None) -> bool:
    """Install the SDK and the aiokafka / gRPC instrumentation; True when tracing is on."""
    global _provider
    if not otlp_endpoint or _provider is not None:
        return _provider is not None
    _provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    exporter = OTLPSpanExporter(endpoint=f"{otlp_endpoint.rstrip('/')}/v1/traces")
    _provider.add_span_processor(BatchSpanProcessor(exporter, schedule_delay_millis=500))
    trace.set_tracer_provider(_provider)

    from opentelemetry.instrumentation.aiokafka import AIOKafkaInstrumentor
    from opentelemetry.instrumentation.grpc import (
        GrpcAioInstrumentorClient,
        GrpcAioInstrumentorServer,
    )

    AIOKafkaInstrumentor().instrument()
    GrpcAioInstrumentorServer().instrument()  # type: ignore[no-untyped-call]
    GrpcAioInstrumentorClient().instrument()  # type: ignore[no-untyped-call]
    return True


def tracing_enabled() -> bool:
    return _provider is not None


def shutdown_tracing() -> None:
    """Flush spans still buffered; called last on graceful shutdown."""
    if _provider is not None:
        _provider.shutdown()
