import pytest
from pydantic import ValidationError

from ingest.domain import CallArrival


def arrival(**overrides: str) -> CallArrival:
    fields = {
        "tenant_id": "acme",
        "caller_number": "+33 1 23 45 67 89",
        "dialed_number": "+1 (212) 555-0100",
        "provider_call_id": "CA123",
    }
    return CallArrival(**{**fields, **overrides})


def test_numbers_are_stored_in_e164() -> None:
    call = arrival()
    assert (call.caller_number, call.dialed_number) == ("+33123456789", "+12125550100")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("caller_number", "hello", "caller_number"),
        ("caller_number", "0123456789", "international form"),
        ("dialed_number", "+33 1 23", "not a possible phone number"),
        ("tenant_id", "Bad Tenant!", "tenant_id"),
        ("provider_call_id", "", "provider_call_id"),
    ],
)
def test_bad_input_names_the_field(field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        arrival(**{field: value})
    assert error.value.errors()[0]["loc"] == (field,)
    assert message in str(error.value)


def test_a_retried_report_names_the_same_call() -> None:
    assert arrival().call_id == arrival().call_id
    assert arrival().call_id != arrival(provider_call_id="CA124").call_id
    assert arrival().call_id != arrival(tenant_id="globex").call_id


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValidationError, match="time zone"):
        arrival(occurred_at="2026-01-01T10:00:00")
