"""`callcenter tail`: decoded records of a topic, live, for humans."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer
from google.protobuf.message import DecodeError

from callcenter.v1.envelope_pb2 import Event
from callcenter.v1.metrics_pb2 import IntervalMetrics
from callcenter.v1.telephony_pb2 import TelephonyCommand
from callcenter_cli.render import event_line, message_line
from chassis.topics import Topics

STOP_TIMEOUT_S = 3.0


def line_maker(topics: Topics, topic: str) -> Callable[[bytes], str]:
    """Two topics carry plain messages; every other one of the platform carries Events."""
    if topic == topics.metrics_intervals:
        return lambda value: message_line(IntervalMetrics.FromString(value))
    if topic == topics.telephony_commands:
        return lambda value: message_line(TelephonyCommand.FromString(value))
    return lambda value: event_line(Event.FromString(value))


async def tail(bootstrap_servers: str, topics: Topics, topic: str, from_beginning: bool) -> None:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
    )
    line = line_maker(topics, topic)
    await consumer.start()
    _stop_on_signals()
    print(f"tailing {topic} on {bootstrap_servers} (Ctrl-C to stop)", flush=True)
    try:
        async for record in consumer:
            try:
                print(line(record.value or b""), flush=True)
            except DecodeError:
                print(
                    f"(undecodable) partition={record.partition} offset={record.offset} "
                    f"{(record.value or b'')[:80]!r}",
                    flush=True,
                )
    except asyncio.CancelledError:
        pass  # Ctrl-C or SIGTERM: a normal end
    finally:
        # Ctrl-C must end it promptly even when the broker is slow to answer the goodbye.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(consumer.stop(), STOP_TIMEOUT_S)


def _stop_on_signals() -> None:
    """Explicit handlers: a shell starts background jobs with SIGINT ignored, and Python
    then never raises KeyboardInterrupt, so Ctrl-C (or a test's SIGINT) would do nothing."""
    loop, main = asyncio.get_running_loop(), asyncio.current_task()
    assert main is not None
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, main.cancel)
