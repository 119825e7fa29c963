"""Running a handler with bounded retries, traced as the consumer span of the event's trace."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiokafka.structs import ConsumerRecord
from opentelemetry import propagate, trace
from tenacity import (
    AsyncRetrying,
    retry_if_not_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from callcenter.v1.envelope_pb2 import Event
from chassis.kafka.headers import HeaderGetter

log = logging.getLogger(__name__)
_tracer = trace.get_tracer("chassis.kafka")
_getter = HeaderGetter()
Handler = Callable[[Event], Awaitable[None]]


class RejectEvent(Exception):
    """Raised by a handler for an event it can never handle: dead-lettered at once."""


class HandlerRunner:
    """The first try goes straight to the handler; retry machinery costs only on failure."""

    def __init__(self, handler: Handler, max_attempts: int) -> None:
        self.handler = handler
        self._max_attempts = max_attempts
        self._retrying = AsyncRetrying(
            stop=stop_after_attempt(max(1, max_attempts - 1)),
            wait=wait_exponential(multiplier=0.05, max=1.0),
            retry=retry_if_not_exception_type(RejectEvent),
            reraise=True,
        )

    async def traced(self, event: Event, record: ConsumerRecord[bytes, bytes]) -> str | None:
        """Handle the event inside a consumer span continuing the producer's trace."""
        parent = propagate.extract(record.headers or (), getter=_getter)
        with _tracer.start_as_current_span(
            f"{record.topic} process",
            context=parent,
            kind=trace.SpanKind.CONSUMER,
            attributes={
                "messaging.system": "kafka",
                "messaging.operation.type": "process",
                "messaging.destination.name": record.topic,
                "messaging.destination.partition.id": str(record.partition),
                "messaging.kafka.offset": record.offset,
                "callcenter.event_type": event.event_type,
                "callcenter.call_id": event.correlation_id,
                "callcenter.tenant_id": event.tenant_id,
            },
        ):
            try:
                await self.handler(event)
            except Exception as exc:
                return await self.after_failure(event, exc)
        return None

    async def after_failure(self, event: Event, error: Exception) -> str | None:
        """Retry after a failed first try; return why it failed for good, or None."""
        if isinstance(error, RejectEvent):
            return f"rejected by handler: {error}"
        if self._max_attempts > 1:
            log.warning("handler failed, retrying", extra={"event_id": event.event_id})
            try:
                await self._retrying(self.handler, event)
                return None
            except RejectEvent as exc:
                return f"rejected by handler: {exc}"
            except Exception as exc:
                error = exc
        log.error(
            "handler failed",
            exc_info=(type(error), error, error.__traceback__),
            extra={"event_id": event.event_id},
        )
        return f"handler failed after retries: {type(error).__name__}: {error}"
