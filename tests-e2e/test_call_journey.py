"""A call's whole journey on real processes: the provider's webhooks reach ingest, crm-lookup
identifies the caller, the IVR walks the caller through acme's menu (prompts go out through
ingest's simulated telephony), the menu's priority and skill reach the router, and the agent's
desktop gets the offer with the screen pop."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from routing_support import Desktop, grpc_target

from callcenter.v1.call_events_pb2 import OVERFLOW_REASON_CALLER_REQUESTED
from callcenter.v1.envelope_pb2 import Event
from chassis.testing.processes import RunningService, ServiceRunner
from chassis.testing.reader import TopicReader
from chassis.testing.waiting import eventually
from chassis.topics import Topics, ensure_topics

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[1]
ACME_NUMBER = "+33 9 70 00 00 00"  # acme's number plan: the acme-main flow


async def prompts_sent(ingest: RunningService, call_id: str) -> list[str]:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{ingest.url}/v1/simulated/calls/{call_id}/commands")
    response.raise_for_status()
    return [
        command.get("collect_digits", command.get("play_prompt", {})).get("prompt", "")
        for command in response.json()["commands"]
    ]


async def press_when_prompted(
    client: httpx.AsyncClient,
    ingest: RunningService,
    call_id: str,
    path: str,
    answers: list[tuple[str, str]],
) -> None:
    """The caller answers each menu once its prompt has reached the phone."""
    for n, (prompt, digits) in enumerate(answers):
        await eventually(
            lambda p=prompt: prompt_played(ingest, call_id, p),
            timeout=60,
            what=f"prompt {prompt} played",
        )
        pressed = await client.post(
            f"{path}/digits", json={"provider_event_id": f"dtmf-{n}", "digits": digits}
        )
        assert pressed.status_code == 202, pressed.text


async def prompt_played(ingest: RunningService, call_id: str, prompt: str) -> bool:
    return prompt in await prompts_sent(ingest, call_id)


def entry_services(e2e_kafka: str, prefix: str) -> ServiceRunner:
    return ServiceRunner(
        {
            "KAFKA_BOOTSTRAP_SERVERS": e2e_kafka,
            "TOPIC_PREFIX": prefix,
            "KAFKA_PARTITIONS": "2",
            "TENANTS_CONFIG": str(ROOT / "deploy" / "config" / "tenants.yaml"),
            "IVR_FLOWS_DIR": str(ROOT / "deploy" / "config" / "flows"),
        }
    )


def start_entry(runner: ServiceRunner) -> tuple[RunningService, RunningService]:
    """Router, agent-state, IVR and ingest; returns agent-state and ingest."""
    router = runner.start("router", "callcenter-router", grpc=True)
    runner.env["ROUTER_GRPC_TARGET"] = grpc_target(router)
    agent_state = runner.start("agent-state", "callcenter-agent-state", grpc=True)
    runner.start("ivr", "callcenter-ivr", grpc=True)
    return agent_state, runner.start("ingest", "callcenter-ingest", grpc=True)


async def call_acme(client: httpx.AsyncClient, provider_call_id: str) -> str:
    arrived = await client.post(
        "/v1/calls",
        json={
            "caller_number": "+33 6 12 34 56 78",
            "dialed_number": ACME_NUMBER,
            "provider_call_id": provider_call_id,
        },
    )
    assert arrived.status_code == 202, arrived.text
    return str(arrived.json()["call_id"])


async def add_customer(crm: RunningService) -> str:
    async with httpx.AsyncClient(base_url=crm.url) as client:
        created = await client.post(
            "/v1/tenants/acme/customers",
            json={
                "name": "Jeanne Martin",
                "phone_numbers": ["+33 6 12 34 56 78"],
                "language": "fr",
                "vip_tier": "gold",
            },
        )
    assert created.status_code == 201, created.text
    return str(created.json()["customer_id"])


async def screen_pop_of(offers: Any, call_id: str, first: Any) -> Any:
    """The pop comes with the offer, or after it as an update of the same offer."""
    message = first
    while not message.HasField("screen_pop"):
        message = await asyncio.wait_for(offers.read(), timeout=60)
        assert message.call_id == call_id
    return message.screen_pop


async def test_webhook_to_menu_to_queue_to_the_agents_desktop(
    e2e_kafka: str, tmp_path: Path
) -> None:
    prefix = f"e2e{uuid.uuid4().hex[:8]}."
    topics = Topics(prefix)
    await ensure_topics(e2e_kafka, topics.all_topics(), 2)
    runner = entry_services(e2e_kafka, prefix)
    runner.env["CRM_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'crm.sqlite3'}"
    try:
        crm = runner.start("crm-lookup", "callcenter-crm-lookup", grpc=True)
        customer_id = await add_customer(crm)
        agent_state, ingest = start_entry(runner)
        async with grpc.aio.insecure_channel(grpc_target(agent_state)) as channel:
            expert = Desktop(channel, "ada")
            await expert.log_in({"support": 8}, ["support"])
            offers = expert.offers()
            provider_call_id = f"journey-{uuid.uuid4().hex[:12]}"
            async with httpx.AsyncClient(base_url=ingest.url) as client:
                call_id = await call_acme(client, provider_call_id)
                path = f"/v1/calls/simulated/{provider_call_id}"
                # 1: support, then 1: a service is down (priority 20, support level 7).
                answers = [("acme/main-menu", "1"), ("acme/support-menu", "1")]
                await press_when_prompted(client, ingest, call_id, path, answers)

                offer = await asyncio.wait_for(offers.read(), timeout=60)
                pop = await screen_pop_of(offers, call_id, offer)
            offers.cancel()
    finally:
        runner.stop_all()

    assert (offer.call_id, offer.queue_id, offer.caller_number) == (
        call_id,
        "support",
        "+33612345678",
    )
    assert offer.priority == 50  # the menu's 20, raised for a gold customer (tenants.yaml)
    assert offer.ivr_data["reason"] == "outage"
    assert (pop.customer_id, pop.customer.name) == (customer_id, "Jeanne Martin")
    assert pop.attributes["vip_tier"] == "gold"
    async with TopicReader(e2e_kafka, topics.calls) as reader:

        def journey() -> list[str]:
            return [e.event_type for e in reader.events() if e.aggregate_id == call_id]

        await eventually(lambda: "CallOffered" in journey(), what="the journey on the log")
        queued = next(
            e.call_queued
            for e in reader.events()
            if e.aggregate_id == call_id and e.event_type == "CallQueued"
        )
        assert [(s.name, s.min_level) for s in queued.required_skills] == [("support", 7)]
        [raised] = [
            e.call_priority_changed
            for e in reader.events()
            if e.aggregate_id == call_id and e.event_type == "CallPriorityChanged"
        ]
        assert (raised.priority, raised.changed_by) == (50, "router")
        order = journey()
        assert order.index("CallReceived") < order.index("IvrStarted") < order.index("CallQueued")


async def test_a_caller_waiting_in_the_queue_asks_for_a_callback_and_keeps_the_place(
    e2e_kafka: str,
) -> None:
    prefix = f"e2e{uuid.uuid4().hex[:8]}."
    topics = Topics(prefix)
    await ensure_topics(e2e_kafka, topics.all_topics(), 2)
    runner = entry_services(e2e_kafka, prefix)
    provider_call_id = f"callback-{uuid.uuid4().hex[:12]}"
    try:
        _, ingest = start_entry(runner)  # nobody logged in: the call waits
        async with (
            httpx.AsyncClient(base_url=ingest.url) as client,
            TopicReader(e2e_kafka, topics.calls) as reader,
        ):
            call_id = await call_acme(client, provider_call_id)

            def of_call(event_type: str) -> list[Event]:
                return [
                    e
                    for e in reader.events()
                    if e.aggregate_id == call_id and e.event_type == event_type
                ]

            path = f"/v1/calls/simulated/{provider_call_id}"
            answers = [("acme/main-menu", "1"), ("acme/support-menu", "2")]
            await press_when_prompted(client, ingest, call_id, path, answers)
            await eventually(lambda: of_call("CallQueued"), timeout=60, what="queued")
            pressed = await client.post(
                f"{path}/digits", json={"provider_event_id": "dtmf-callback", "digits": "9"}
            )
            assert pressed.status_code == 202, pressed.text
            await eventually(lambda: of_call("CallbackScheduled"), timeout=60, what="callback")
    finally:
        runner.stop_all()

    queued = of_call("CallQueued")[0].call_queued
    [scheduled] = [e.callback_scheduled for e in of_call("CallbackScheduled")]
    assert (scheduled.queue_id, scheduled.callback_number) == ("support", "+33612345678")
    assert scheduled.first_queued_at == queued.first_queued_at
    assert scheduled.reason == OVERFLOW_REASON_CALLER_REQUESTED
    assert not of_call("CallAbandoned")
