"""Validating provider reports, and the number plan: every refusal names the field."""

import pytest
from pydantic import ValidationError

from ingest.domain import (
    CallArrival,
    NumberPlan,
    PressedDigits,
    TenantMismatch,
    UnknownNumber,
    call_id_for,
)


def arrival(**overrides: str) -> CallArrival:
    fields = {
        "caller_number": "+33 1 23 45 67 89",
        "dialed_number": "+1 (212) 555-0100",
        "provider_call_id": "CA123",
    }
    return CallArrival(**{**fields, **overrides})


def digits(value: str) -> PressedDigits:
    return PressedDigits(provider_call_id="CA123", provider_event_id="ev-1", digits=value)


def test_numbers_are_stored_in_e164_and_the_tenant_is_optional() -> None:
    call = arrival()
    assert (call.caller_number, call.dialed_number) == ("+33123456789", "+12125550100")
    assert call.tenant_id is None and call.provider == "simulated"


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


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValidationError, match="time zone"):
        arrival(occurred_at="2026-01-01T10:00:00")


@pytest.mark.parametrize("value", ["0", "123#", "*9", "0123456789*#"])
def test_keypad_digits_are_accepted(value: str) -> None:
    assert digits(value).digits == value


@pytest.mark.parametrize("value", ["", "12a", "1 2", "+1", "\uff11"])
def test_anything_but_keypad_digits_is_refused(value: str) -> None:
    with pytest.raises(ValidationError) as error:
        digits(value)
    assert error.value.errors()[0]["loc"] == ("digits",)


def test_a_provider_event_needs_its_id() -> None:
    with pytest.raises(ValidationError) as error:
        PressedDigits(provider_call_id="CA123", provider_event_id="", digits="1")
    assert error.value.errors()[0]["loc"] == ("provider_event_id",)


def test_the_call_id_is_fixed_by_tenant_provider_and_provider_call_id() -> None:
    call_id = call_id_for("acme", "twilio", "CA1")
    assert call_id == call_id_for("acme", "twilio", "CA1")
    assert call_id != call_id_for("acme", "twilio", "CA2")
    assert call_id != call_id_for("globex", "twilio", "CA1")
    assert call_id != call_id_for("acme", "vonage", "CA1")


def test_the_dialed_number_picks_the_tenant(number_plan: NumberPlan) -> None:
    assert number_plan.tenant_for("+33970000000") == "acme"
    assert number_plan.tenant_for("+12125550100") == "globex"


def test_a_sender_may_name_the_tenant_it_expects(number_plan: NumberPlan) -> None:
    assert number_plan.tenant_for("+33970000000", "acme") == "acme"


def test_an_unknown_number_is_refused_naming_it(number_plan: NumberPlan) -> None:
    with pytest.raises(UnknownNumber) as refusal:
        number_plan.tenant_for("+442079460000")
    assert refusal.value.field == "dialed_number"
    assert str(refusal.value) == "dialed_number: +442079460000 is not in any tenant's number plan"


def test_a_tenant_contradicting_the_number_plan_is_refused(number_plan: NumberPlan) -> None:
    with pytest.raises(TenantMismatch) as refusal:
        number_plan.tenant_for("+33970000000", "globex")
    assert refusal.value.field == "tenant_id"
    assert "belongs to tenant 'acme', not 'globex'" in str(refusal.value)
