"""callcenter.v1.SupervisorService: who is doing what, and overrides."""

from __future__ import annotations

import time
from collections.abc import Callable

import grpc

from agent_state.domain import Agent
from agent_state.grpc_status import guarded, refuse, to_proto
from agent_state.roster import Roster
from callcenter.v1 import supervisor_pb2 as sup
from callcenter.v1 import supervisor_pb2_grpc
from callcenter.v1.common_pb2 import AGENT_STATE_LOGGED_OUT
from chassis.times import to_duration

Context = grpc.aio.ServicerContext


class SupervisorServicer(supervisor_pb2_grpc.SupervisorServiceServicer):
    def __init__(self, roster: Roster, live: Callable[[], bool]) -> None:
        self._roster = roster
        self._live = live

    async def _check(self, context: Context, tenant_id: str, supervisor_id: str = "-") -> None:
        if not self._live():
            await refuse(context, grpc.StatusCode.UNAVAILABLE, "agent-state is rebuilding; retry")
        if not tenant_id:
            await refuse(context, grpc.StatusCode.INVALID_ARGUMENT, "tenant_id: required")
        if not supervisor_id:
            await refuse(context, grpc.StatusCode.INVALID_ARGUMENT, "supervisor_id: required")

    async def ListAgents(
        self, request: sup.ListAgentsRequest, context: Context
    ) -> sup.ListAgentsResponse:
        await self._check(context, request.tenant_id)
        now = time.time()
        listed = []
        for (tenant_id, _), agent in sorted(self._roster.agents.items()):
            status = agent.status()
            if tenant_id != request.tenant_id or status.state == AGENT_STATE_LOGGED_OUT:
                continue
            if request.queue_id and request.queue_id not in status.queue_ids:
                continue
            listed.append(
                sup.AgentOverview(
                    status=to_proto(status), time_in_state=to_duration(now - status.since)
                )
            )
        return sup.ListAgentsResponse(agents=listed)

    async def _force(self, request: object, context: Context, command) -> object:  # type: ignore[no-untyped-def]
        tenant_id = request.tenant_id  # type: ignore[attr-defined]
        await self._check(context, tenant_id, request.supervisor_id)  # type: ignore[attr-defined]

        async def work() -> Agent:
            return await self._roster.execute(
                tenant_id,
                request.agent_id,  # type: ignore[attr-defined]
                lambda agent: command(agent, time.time()),
            )

        return to_proto((await guarded(context, work)).status())

    async def ForceAgentState(
        self, request: sup.ForceAgentStateRequest, context: Context
    ) -> sup.ForceAgentStateResponse:
        status = await self._force(
            request,
            context,
            lambda a, now: a.set_state(
                request.state, request.reason_code, request.supervisor_id, now
            ),
        )
        return sup.ForceAgentStateResponse(status=status)

    async def ForceLogOut(
        self, request: sup.ForceLogOutRequest, context: Context
    ) -> sup.ForceLogOutResponse:
        status = await self._force(
            request,
            context,
            lambda a, now: a.log_out(request.reason_code, True, request.supervisor_id, now),
        )
        return sup.ForceLogOutResponse(status=status)
