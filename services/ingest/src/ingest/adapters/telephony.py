"""The port to the telephony side, the built-in simulated provider, and adapters by name.

An adapter carries the platform's TelephonyCommands out on a provider's calls. Another
provider plugs in by implementing TelephonyAdapter and registering a factory under a
name: in BUILT_IN, or, from a separately installed package, as an entry point of the
group ENTRY_POINT_GROUP. TELEPHONY_ADAPTER selects one by name (docs/ingest.md).
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Protocol

from callcenter.v1.telephony_pb2 import TelephonyCommand

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "callcenter.telephony_adapters"


class TelephonyAdapter(Protocol):
    async def deliver(self, command: TelephonyCommand) -> None:
        """Carry the command out, or raise: it is retried, then dead-lettered. A command
        may come twice (at-least-once); ingest drops repeats of a recent command_id."""
        ...


class SimulatedTelephony:
    """A provider that only remembers and logs what it was asked to do, for the simulator,
    demos and tests. Keeps the last `per_call` commands of the last `calls` calls: a
    long-running simulator must not grow without bound."""

    def __init__(self, calls: int = 10_000, per_call: int = 200) -> None:
        self._calls = calls
        self._per_call = per_call
        self._commands: OrderedDict[str, deque[TelephonyCommand]] = OrderedDict()

    async def deliver(self, command: TelephonyCommand) -> None:
        commands = self._commands.get(command.call_id)
        if commands is None:
            commands = self._commands[command.call_id] = deque(maxlen=self._per_call)
            while len(self._commands) > self._calls:
                self._commands.popitem(last=False)
        commands.append(command)
        log.info(
            "simulated telephony command",
            extra={
                "command": command.WhichOneof("command"),
                "command_id": command.command_id,
                "call_id": command.call_id,
                "tenant_id": command.tenant_id,
            },
        )

    def commands_for(self, call_id: str) -> list[TelephonyCommand]:
        return list(self._commands.get(call_id, ()))


AdapterFactory = Callable[[], TelephonyAdapter]
BUILT_IN: dict[str, AdapterFactory] = {"simulated": SimulatedTelephony}


def adapter_names() -> list[str]:
    return sorted({*BUILT_IN, *(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))})


def build_adapter(name: str) -> TelephonyAdapter:
    factory = BUILT_IN.get(name)
    if factory is None:
        found = entry_points(group=ENTRY_POINT_GROUP, name=name)
        if not found:
            raise ValueError(f"unknown telephony adapter {name!r}; known: {adapter_names()}")
        factory = next(iter(found)).load()
    return factory()
