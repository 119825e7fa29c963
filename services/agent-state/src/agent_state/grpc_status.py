"""Domain errors and agent status, in gRPC terms."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import NoReturn, TypeVar

import grpc
from aiokafka.errors import KafkaError

from agent_state.domain import AgentStatus, DomainError, InvalidArgument
from callcenter.v1 import agent_desktop_pb2 as desk
from callcenter.v1.common_pb2 import Skill
from chassis.times import to_timestamp

T = TypeVar("T")


def to_proto(status: AgentStatus) -> desk.AgentStatus:
    return desk.AgentStatus(
        agent_id=status.agent_id,
        state=status.state,
        reason_code=status.reason_code,
        since=to_timestamp(status.since),
        call_id=status.call_id,
        queue_id=status.queue_id,
        skills=[Skill(name=n, level=lv) for n, lv in sorted(status.skills.items())],
        queue_ids=list(status.queue_ids),
    )


async def refuse(context: grpc.aio.ServicerContext, code: grpc.StatusCode, why: str) -> NoReturn:
    await context.abort(code, why)
    raise AssertionError("unreachable: abort raises")


async def guarded(context: grpc.aio.ServicerContext, work: Callable[[], Awaitable[T]]) -> T:
    """Run a command; a domain refusal or a Kafka outage becomes the matching status."""
    try:
        return await work()
    except InvalidArgument as exc:
        await refuse(context, grpc.StatusCode.INVALID_ARGUMENT, str(exc))
    except DomainError as exc:
        await refuse(context, grpc.StatusCode.FAILED_PRECONDITION, str(exc))
    except (KafkaError, TimeoutError):
        await refuse(
            context, grpc.StatusCode.UNAVAILABLE, "event log unavailable; nothing recorded, retry"
        )
