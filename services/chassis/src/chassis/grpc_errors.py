"""Turning validation failures into gRPC statuses that name the bad field."""

from __future__ import annotations

from typing import NoReturn

import grpc
from pydantic import ValidationError


def describe(exc: ValidationError) -> str:
    """'caller_number: not a possible phone number; tenant_id: Field required'."""
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg'].removeprefix('Value error, ')}"
        for err in exc.errors()
    )


async def invalid_argument(context: grpc.aio.ServicerContext, exc: ValidationError) -> NoReturn:
    await context.abort(grpc.StatusCode.INVALID_ARGUMENT, describe(exc))
    raise AssertionError("unreachable: abort raises")
