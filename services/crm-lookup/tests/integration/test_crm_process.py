"""crm-lookup as a real process (callcenter-crm-lookup) on the real broker, fresh topics, its
own SQLite store: a customer created over REST, calls written to the log as ingest and the IVR
would, the screen pops read back from the calls topic; then a crash and a redelivery."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import httpx
import pytest
from google.protobuf.message import Message

from callcenter.v1 import crm_pb2, crm_pb2_grpc
from callcenter.v1.call_events_pb2 import (
    IDENTIFICATION_RESULT_IDENTIFIED,
    IDENTIFICATION_RESULT_UNKNOWN,
    IVR_INPUT_KIND_DIGITS,
    CallConnected,
    CallEnded,
    CallReceived,
    IvrInputReceived,
)
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from chassis.kafka import EventPublisher
from chassis.testing.processes import RunningService, ServiceRunner
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics, ensure_topics

pytestmark = pytest.mark.integration
JEANNE = {"name": "Jeanne", "phone_numbers": ["+33612345678"], "account_numbers": ["4242001"]}


@dataclass
class Platform:
    publisher: EventPublisher
    calls: TopicReader
    runner: ServiceRunner
    topics: Topics

    async def record(self, payload: Message, call_id: str, sequence: int) -> Event:
        event = new_event(
            payload,
            tenant_id="acme",
            aggregate_type=AGGREGATE_TYPE_CALL,
            aggregate_id=call_id,
            sequence=sequence,
            producer="test",
            correlation_id=call_id,
        )
        await self.publisher.publish(self.topics.calls, event)
        return event

    def pops(self, cause: Event | None = None) -> list[Event]:
        return [
            e
            for e in self.calls.events()
            if e.event_type == "CustomerIdentified"
            and (cause is None or e.causation_id == cause.event_id)
        ]

    async def pop_for(self, cause: Event) -> Event:
        [pop] = await eventually(lambda: self.pops(cause), timeout=30, what="the screen pop")
        return pop

    async def start(self) -> RunningService:
        return await asyncio.to_thread(
            self.runner.start, "crm-lookup", "callcenter-crm-lookup", True
        )


@pytest.fixture
async def platform(kafka_bootstrap: str, tmp_path: Path) -> AsyncIterator[Platform]:
    prefix = f"crm{uuid.uuid4().hex[:8]}."
    topics = Topics(prefix)
    await ensure_topics(kafka_bootstrap, topics.all_topics(), 2)
    runner = ServiceRunner(
        {
            "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
            "TOPIC_PREFIX": prefix,
            "KAFKA_PARTITIONS": "2",
            "CONSUMER_GROUP": f"{prefix}crm-lookup",
            "CRM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/crm.sqlite3",
        }
    )
    publisher = EventPublisher(kafka_bootstrap)
    await publisher.start()
    try:
        async with TopicReader(kafka_bootstrap, topics.calls) as calls:
            yield Platform(publisher, calls, runner, topics)
    finally:
        await asyncio.to_thread(runner.stop_all)
        await publisher.stop()


async def test_screen_pops_on_the_calls_topic(platform: Platform) -> None:
    crm = await platform.start()
    async with httpx.AsyncClient(base_url=crm.url) as http:
        created = await http.post("/v1/tenants/acme/customers", json=JEANNE)
    customer_id = created.json()["customer_id"]

    received = await platform.record(CallReceived(caller_number="+33612345678"), "call-1", 1)
    pop = await platform.pop_for(received)
    found = pop.customer_identified
    assert (found.result, found.customer_id, found.looked_up_by) == (
        IDENTIFICATION_RESULT_IDENTIFIED,
        customer_id,
        "caller_number",
    )
    assert found.customer.name == "Jeanne" and found.attributes["customer_id"] == customer_id
    assert (pop.correlation_id, pop.sequence, pop.producer) == ("call-1", 2, "crm-lookup")

    typed = IvrInputReceived(
        attribute="account_number", kind=IVR_INPUT_KIND_DIGITS, digits="4242001"
    )
    account_pop = await platform.pop_for(await platform.record(typed, "call-1", 3))
    assert account_pop.customer_identified.looked_up_by == "account_number"
    assert account_pop.customer_identified.customer_id == customer_id

    # The history: call-1 answered, then call-2 from the same number shows it in its pop.
    await platform.record(CallConnected(agent_id="a1", queue_id="billing"), "call-1", 5)
    await platform.record(CallEnded(agent_id="a1"), "call-1", 6)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{crm.grpc_port}") as channel:
        stub = crm_pb2_grpc.CustomerLookupServiceStub(channel)
        request = crm_pb2.GetCustomerRequest(tenant_id="acme", customer_id=customer_id)

        async def answered() -> bool:
            recent = (await stub.GetCustomer(request)).recent_interactions
            return [(i.call_id, i.outcome, i.agent_id) for i in recent] == [
                ("call-1", "answered", "a1")
            ]

        await eventually(answered, timeout=30, what="call-1 in the history")
    second = await platform.pop_for(
        await platform.record(CallReceived(caller_number="+33612345678"), "call-2", 1)
    )
    assert [i.call_id for i in second.customer_identified.recent_interactions] == ["call-1"]

    # A crash, then the arrival delivered again: no second pop for it.
    platform.runner.kill("crm-lookup")
    await platform.publisher.publish(platform.topics.calls, received)
    await platform.start()
    stranger = await platform.record(CallReceived(caller_number="+33700000000"), "call-3", 1)
    assert (await platform.pop_for(stranger)).customer_identified.result == (
        IDENTIFICATION_RESULT_UNKNOWN
    )
    assert len(platform.pops(received)) == 1
    assert len(platform.pops()) == 4
