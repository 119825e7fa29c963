"""The telephony side: commands decoded or refused with a reason, adapters chosen by name."""

from __future__ import annotations

import pytest
from google.protobuf.message import Message
from pydantic import ValidationError

from callcenter.v1.telephony_pb2 import HangUpCall, PlayPrompt, TelephonyCommand
from ingest.adapters.command_delivery import UndeliverableCommand, decode_command
from ingest.adapters.telephony import SimulatedTelephony, adapter_names, build_adapter
from ingest.config import IngestSettings


def command(command_id: str = "c-1/4", call_id: str = "c-1", **action: Message) -> TelephonyCommand:
    return TelephonyCommand(
        command_id=command_id,
        tenant_id="acme",
        call_id=call_id,
        issued_by="ivr",
        **(action or {"play_prompt": PlayPrompt(prompt="welcome")}),
    )


def test_a_command_is_decoded() -> None:
    sent = command(hang_up=HangUpCall(prompt="goodbye"))
    assert decode_command(sent.SerializeToString()) == sent


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"", "empty value: not a TelephonyCommand"),
        (b"\xff\x00garbage", "not a callcenter.v1.TelephonyCommand"),
        (command(command_id="").SerializeToString(), "invalid command: command_id is empty"),
        (command(call_id="").SerializeToString(), "invalid command: call_id is empty"),
        (
            TelephonyCommand(command_id="x", tenant_id="acme", call_id="c").SerializeToString(),
            "invalid command: no command set",
        ),
    ],
)
def test_an_undeliverable_record_says_why(value: bytes, reason: str) -> None:
    with pytest.raises(UndeliverableCommand, match=reason):
        decode_command(value)


async def test_the_simulated_telephony_keeps_a_bounded_record_per_call() -> None:
    telephony = SimulatedTelephony(calls=2, per_call=2)
    for n in range(3):
        await telephony.deliver(command(f"c-1/{n}"))
    await telephony.deliver(command("c-2/1", call_id="c-2"))
    assert [c.command_id for c in telephony.commands_for("c-1")] == ["c-1/1", "c-1/2"]
    await telephony.deliver(command("c-3/1", call_id="c-3"))
    assert telephony.commands_for("c-1") == [] and telephony.commands_for("unknown") == []


def test_adapters_are_chosen_by_name() -> None:
    assert "simulated" in adapter_names()
    assert isinstance(build_adapter("simulated"), SimulatedTelephony)
    with pytest.raises(ValueError, match="unknown telephony adapter 'pigeon'"):
        build_adapter("pigeon")


def test_an_unknown_adapter_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
    monkeypatch.setenv("TENANTS_CONFIG", "tenants.yaml")
    assert IngestSettings().telephony_adapter == "simulated"
    monkeypatch.setenv("TELEPHONY_ADAPTER", "pigeon")
    with pytest.raises(ValidationError, match="telephony_adapter"):
        IngestSettings()
