"""The platform's public APIs as the simulator uses them: ingest's provider webhooks (HTTP)
for callers, the agent desktop (gRPC) for agents. One HTTP client and one gRPC channel serve
every caller and agent of a run."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

import grpc
import httpx

from callcenter.v1 import agent_desktop_pb2 as desk
from callcenter.v1 import agent_desktop_pb2_grpc
from callcenter.v1.common_pb2 import AgentState, Skill

PROVIDER = "simulated"  # ingest's simulated telephony shows this provider's prompts
RETRIES = 5  # a 503 (Kafka slow, ingest rebuilding) is retried, as a provider would


@dataclass(frozen=True)
class Endpoints:
    ingest_url: str  # e.g. http://127.0.0.1:8080
    agent_state_target: str  # e.g. 127.0.0.1:50053


class Refused(Exception):
    """Ingest answered a report with a 4xx: the report cannot succeed as sent."""


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Ingest:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def _post(self, path: str, body: dict[str, str]) -> httpx.Response:
        for _ in range(RETRIES):
            response = await self.http.post(path, json=body)
            if response.status_code != 503:
                break
            await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
        if response.status_code >= 400:
            raise Refused(f"POST {path}: {response.status_code} {response.text[:200]}")
        return response

    async def arrive(self, dialed: str, caller: str, provider_call_id: str) -> str:
        body = {
            "dialed_number": dialed,
            "caller_number": caller,
            "provider": PROVIDER,
            "provider_call_id": provider_call_id,
            "occurred_at": _now(),
        }
        return str((await self._post("/v1/calls", body)).json()["call_id"])

    async def digits(self, provider_call_id: str, event_id: str, digits: str) -> None:
        body = {"provider_event_id": event_id, "digits": digits, "occurred_at": _now()}
        await self._post(f"/v1/calls/{PROVIDER}/{provider_call_id}/digits", body)

    async def hang_up(self, provider_call_id: str) -> None:
        body = {"provider_event_id": "hangup", "occurred_at": _now()}
        await self._post(f"/v1/calls/{PROVIDER}/{provider_call_id}/hangup", body)

    async def questions_asked(self, call_id: str) -> int:
        """How many times the menu has asked this call for keys (collect_digits commands)."""
        response = await self.http.get(f"/v1/simulated/calls/{call_id}/commands")
        if response.status_code != 200:
            return 0
        return sum("collect_digits" in c for c in response.json()["commands"])


class Desktop:
    """One agent's desktop on the shared channel."""

    def __init__(self, channel: grpc.aio.Channel, tenant_id: str, agent_id: str) -> None:
        self.stub = agent_desktop_pb2_grpc.AgentDesktopServiceStub(channel)
        self.who = {"tenant_id": tenant_id, "agent_id": agent_id}

    async def log_in(self, skills: dict[str, int], queue_ids: tuple[str, ...]) -> None:
        levels = [Skill(name=name, level=level) for name, level in skills.items()]
        await self.stub.LogIn(
            desk.LogInRequest(**self.who, skills=levels, queue_ids=queue_ids, ready=True)
        )

    async def set_state(self, state: AgentState.ValueType, reason_code: str = "") -> None:
        await self.stub.SetState(
            desk.SetStateRequest(**self.who, state=state, reason_code=reason_code)
        )

    def offers(
        self,
    ) -> grpc.aio.UnaryStreamCall[desk.SubscribeOffersRequest, desk.SubscribeOffersResponse]:
        return self.stub.SubscribeOffers(desk.SubscribeOffersRequest(**self.who))

    async def accept(self, offer_id: str) -> None:
        await self.stub.AcceptOffer(desk.AcceptOfferRequest(**self.who, offer_id=offer_id))

    async def reject(self, offer_id: str) -> None:
        await self.stub.RejectOffer(
            desk.RejectOfferRequest(**self.who, offer_id=offer_id, reason_code="other")
        )

    async def hang_up(self) -> None:
        await self.stub.HangUp(desk.HangUpRequest(**self.who))

    async def complete_wrap_up(self) -> None:
        await self.stub.CompleteWrapUp(
            desk.CompleteWrapUpRequest(**self.who, disposition_code="simulated")
        )

    async def log_out(self) -> None:
        await self.stub.LogOut(desk.LogOutRequest(**self.who))
