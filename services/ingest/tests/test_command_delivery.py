"""Telephony commands from the topic to the adapter, on a real broker: once each, and what
cannot be carried out goes to the dead-letter topic with the reason."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
from google.protobuf.message import Message

from callcenter.v1.telephony_pb2 import CollectDigits, HangUpCall, PlayPrompt, TelephonyCommand
from chassis.kafka import EventPublisher
from chassis.kafka.dead_letter import DeadLetters
from chassis.kafka.headers import header
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics
from ingest.adapters.command_delivery import CommandDelivery
from ingest.adapters.telephony import SimulatedTelephony, TelephonyAdapter
from ingest.entrypoints.http_api import build_http_app
from ingest.service.intake import CallIntake

pytestmark = pytest.mark.integration
Deliver = Callable[[TelephonyAdapter], Awaitable[CommandDelivery]]


def command(command_id: str, **action: Message) -> TelephonyCommand:
    return TelephonyCommand(command_id=command_id, tenant_id="acme", call_id="c-1", **action)


@pytest.fixture
async def delivering(
    kafka_bootstrap: str, topics: Topics, publisher: EventPublisher, unique_name: str
) -> AsyncIterator[Deliver]:
    started: list[CommandDelivery] = []

    async def start(adapter: TelephonyAdapter) -> CommandDelivery:
        group = f"{unique_name}-telephony"
        delivery = CommandDelivery(
            kafka_bootstrap,
            topics.telephony_commands,
            adapter,
            DeadLetters(publisher, topics.dead_letter(group), group),
            group_id=group,
        )
        await delivery.start()
        started.append(delivery)
        return delivery

    yield start
    for delivery in started:
        await delivery.stop()


async def publish(publisher: EventPublisher, topic: str, *values: bytes) -> None:
    for value in values:  # keyed by tenant: one partition, in order
        await publisher.publish_raw(topic, b"acme", value, [])


async def test_a_command_published_twice_is_delivered_once(
    delivering: Deliver, publisher: EventPublisher, topics: Topics, intake: CallIntake
) -> None:
    telephony = SimulatedTelephony()
    await delivering(telephony)
    prompt = command("c-1/2", play_prompt=PlayPrompt(prompt="welcome"))
    last = command("c-1/3", collect_digits=CollectDigits(prompt="menu", max_digits=1))
    await publish(
        publisher,
        topics.telephony_commands,
        prompt.SerializeToString(),
        prompt.SerializeToString(),
        last.SerializeToString(),
    )
    delivered = await eventually(
        lambda: len(telephony.commands_for("c-1")) >= 2 and telephony.commands_for("c-1"),
        what="the last command delivered",
    )
    assert delivered == [prompt, last]

    app = build_http_app(intake, lambda: True, simulated=telephony)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://ingest"
    ) as http:
        shown = (await http.get("/v1/simulated/calls/c-1/commands")).json()
    assert [c["command_id"] for c in shown["commands"]] == ["c-1/2", "c-1/3"]
    assert shown["commands"][0]["play_prompt"] == {"prompt": "welcome"}


class Unreachable:
    """A provider that refuses one call's commands."""

    def __init__(self) -> None:
        self.delivered: list[str] = []

    async def deliver(self, command: TelephonyCommand) -> None:
        if command.command_id == "c-1/2":
            raise ConnectionError("provider API unreachable")
        self.delivered.append(command.command_id)


async def test_what_cannot_be_carried_out_is_dead_lettered_with_the_reason(
    delivering: Deliver,
    publisher: EventPublisher,
    topics: Topics,
    unique_name: str,
    kafka_bootstrap: str,
) -> None:
    provider = Unreachable()
    await delivering(provider)
    await publish(
        publisher,
        topics.telephony_commands,
        b"\xff\x00garbage",
        command("c-1/2", hang_up=HangUpCall()).SerializeToString(),
        command("c-1/3", hang_up=HangUpCall()).SerializeToString(),
    )
    await eventually(lambda: provider.delivered == ["c-1/3"], what="the partition moved on")
    dead_letters = topics.dead_letter(f"{unique_name}-telephony")
    async with TopicReader(kafka_bootstrap, dead_letters) as dlq:
        parked = await eventually(lambda: len(dlq.records) == 2 and dlq.records, what="2 parked")
    reasons = [header(record.headers, "dlq.reason") or "" for record in parked]
    assert reasons[0].startswith("not a callcenter.v1.TelephonyCommand")
    assert reasons[1] == "delivery failed after retries: ConnectionError: provider API unreachable"
    assert header(parked[0].headers, "dlq.topic") == topics.telephony_commands
