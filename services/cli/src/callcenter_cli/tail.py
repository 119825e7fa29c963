"""`callcenter tail`: decoded events of a topic, live, for humans."""

from __future__ import annotations

from aiokafka import AIOKafkaConsumer
from google.protobuf.message import DecodeError

from callcenter.v1.envelope_pb2 import Event
from callcenter_cli.render import event_line


async def tail(bootstrap_servers: str, topic: str, from_beginning: bool) -> None:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
    )
    await consumer.start()
    print(f"tailing {topic} on {bootstrap_servers} (Ctrl-C to stop)", flush=True)
    try:
        async for record in consumer:
            try:
                print(event_line(Event.FromString(record.value or b"")), flush=True)
            except DecodeError:
                print(
                    f"(not an event) partition={record.partition} offset={record.offset} "
                    f"{(record.value or b'')[:80]!r}",
                    flush=True,
                )
    finally:
        await consumer.stop()
