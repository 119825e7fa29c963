import pytest

from chassis.kafka.decoding import UndecodableRecord, decode
from chassis.testing.factories import call_received


def test_decodes_a_valid_envelope() -> None:
    event = call_received(1)
    assert decode(event.SerializeToString()) == event


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, "empty value"),
        (b"\xff\x00garbage", "not a callcenter.v1.Event"),
        (b"", "empty value"),
    ],
)
def test_says_why_a_record_is_not_an_event(value: bytes | None, reason: str) -> None:
    with pytest.raises(UndecodableRecord, match=reason):
        decode(value)


def test_an_envelope_without_tenant_is_invalid() -> None:
    event = call_received(1)
    event.tenant_id = ""
    with pytest.raises(UndecodableRecord, match="tenant_id is empty"):
        decode(event.SerializeToString())
