"""callcenter.v1.AgentDesktopService: what an agent's desktop does."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

import grpc

from agent_state.domain import Agent, Fact, InvalidArgument
from agent_state.grpc_status import guarded, refuse, to_proto
from agent_state.offers import offer_notice
from agent_state.roster import Roster
from callcenter.v1 import agent_desktop_pb2 as desk
from callcenter.v1 import agent_desktop_pb2_grpc
from callcenter.v1.common_pb2 import AGENT_STATE_RESERVED

Context = grpc.aio.ServicerContext


class AgentDesktopServicer(agent_desktop_pb2_grpc.AgentDesktopServiceServicer):
    def __init__(self, roster: Roster, live: Callable[[], bool]) -> None:
        self._roster = roster
        self._live = live

    async def _run(
        self, request: object, context: Context, command: Callable[[Agent, float], list[Fact]]
    ) -> desk.AgentStatus:
        tenant_id, agent_id = request.tenant_id, request.agent_id  # type: ignore[attr-defined]
        if not self._live():
            await refuse(context, grpc.StatusCode.UNAVAILABLE, "agent-state is rebuilding; retry")
        if not tenant_id or not agent_id:
            missing = "tenant_id" if not tenant_id else "agent_id"
            await refuse(context, grpc.StatusCode.INVALID_ARGUMENT, f"{missing}: required")

        async def work() -> Agent:
            return await self._roster.execute(
                tenant_id, agent_id, lambda agent: command(agent, time.time())
            )

        return to_proto((await guarded(context, work)).status())

    async def LogIn(self, request: desk.LogInRequest, context: Context) -> desk.LogInResponse:
        skills = {s.name: s.level for s in request.skills}
        status = await self._run(
            request,
            context,
            lambda a, now: a.log_in(skills, list(request.queue_ids), request.ready, now),
        )
        return desk.LogInResponse(status=status)

    async def SetState(
        self, request: desk.SetStateRequest, context: Context
    ) -> desk.SetStateResponse:
        status = await self._run(
            request,
            context,
            lambda a, now: a.set_state(request.state, request.reason_code, a.agent_id, now),
        )
        return desk.SetStateResponse(status=status)

    async def LogOut(self, request: desk.LogOutRequest, context: Context) -> desk.LogOutResponse:
        status = await self._run(
            request,
            context,
            lambda a, now: a.log_out(request.reason_code, False, a.agent_id, now),
        )
        return desk.LogOutResponse(status=status)

    async def SubscribeOffers(
        self, request: desk.SubscribeOffersRequest, context: Context
    ) -> AsyncIterator[desk.SubscribeOffersResponse]:
        key = (request.tenant_id, request.agent_id)
        queue = self._roster.streams.subscribe(key)
        try:
            agent = self._roster.agents.get(key)
            if agent and agent.state == AGENT_STATE_RESERVED and agent.offer:  # the pending one
                yield offer_notice(
                    agent.offer, self._roster.calls.get(agent.offer.call_id), time.time()
                )
            while True:
                yield await queue.get()
        finally:
            self._roster.streams.unsubscribe(key, queue)

    async def AcceptOffer(
        self, request: desk.AcceptOfferRequest, context: Context
    ) -> desk.AcceptOfferResponse:
        status = await self._run(
            request, context, lambda a, now: a.accept_offer(request.offer_id, now)
        )
        return desk.AcceptOfferResponse(status=status)

    async def RejectOffer(
        self, request: desk.RejectOfferRequest, context: Context
    ) -> desk.RejectOfferResponse:
        status = await self._run(
            request,
            context,
            lambda a, now: a.reject_offer(request.offer_id, request.reason_code, now),
        )
        return desk.RejectOfferResponse(status=status)

    async def HoldCall(
        self, request: desk.HoldCallRequest, context: Context
    ) -> desk.HoldCallResponse:
        return desk.HoldCallResponse(status=await self._run(request, context, Agent.hold))

    async def ResumeCall(
        self, request: desk.ResumeCallRequest, context: Context
    ) -> desk.ResumeCallResponse:
        return desk.ResumeCallResponse(status=await self._run(request, context, Agent.resume))

    async def HangUp(self, request: desk.HangUpRequest, context: Context) -> desk.HangUpResponse:
        return desk.HangUpResponse(status=await self._run(request, context, Agent.hang_up))

    async def TransferCall(
        self, request: desk.TransferCallRequest, context: Context
    ) -> desk.TransferCallResponse:
        target = request.WhichOneof("target")

        def transfer(agent: Agent, now: float) -> list[Fact]:
            if target is None:
                raise InvalidArgument("target", "a queue_id or a target_agent_id is required")
            if target == "queue_id":
                return agent.transfer(queue_id=request.queue_id, at=now)
            return agent.transfer(target_agent_id=request.target_agent_id, at=now)

        return desk.TransferCallResponse(status=await self._run(request, context, transfer))

    async def CompleteWrapUp(
        self, request: desk.CompleteWrapUpRequest, context: Context
    ) -> desk.CompleteWrapUpResponse:
        status = await self._run(
            request, context, lambda a, now: a.complete_wrap_up(request.disposition_code, now)
        )
        return desk.CompleteWrapUpResponse(status=status)
