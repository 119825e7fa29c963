"""A tenant's customers: what a customer record holds and the rules each field follows, shared
by the REST API and the CSV import so that both accept exactly the same records."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Required

from pydantic import ConfigDict, Field, StringConstraints, with_config
from typing_extensions import TypedDict

from crm_lookup.domain.errors import Invalid
from crm_lookup.domain.phones import normalise_phone

TenantId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Language = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, max_length=35, pattern=r"^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)?$"
    ),
    Field(description="BCP 47 tag, e.g. 'fr' or 'pt-BR'; empty when unknown"),
]
Segment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]
VipTier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=32, pattern=r"^[A-Za-z0-9_-]*$"),
    Field(description="e.g. 'gold'; empty: not a VIP"),
]
Notes = Annotated[str, Field(max_length=2000)]
AccountNumber = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"
    ),
]
PhoneNumbers = Annotated[
    list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]],
    Field(max_length=20, description="Any usual form; stored as E.164"),
]
AccountNumbers = Annotated[list[AccountNumber], Field(max_length=20)]


@with_config(ConfigDict(extra="forbid"))
class _Details(TypedDict, total=False):
    phone_numbers: PhoneNumbers
    account_numbers: AccountNumbers
    language: Language
    segment: Segment
    vip_tier: VipTier
    notes: Notes


class CustomerDraft(_Details):
    """A customer as a client writes it (REST body, CSV row), phone numbers still raw."""

    name: Required[Name]


class CustomerPatch(_Details, total=False):
    """The fields to change: a field left out stays as it is, a list given replaces the list."""

    name: Name


@dataclass(frozen=True)
class Customer:
    customer_id: str
    name: str
    phone_numbers: tuple[str, ...] = ()
    account_numbers: tuple[str, ...] = ()
    language: str = ""
    segment: str = ""
    vip_tier: str = ""
    notes: str = ""


def unique(values: list[str]) -> tuple[str, ...]:
    """Each once, sorted: the order the store gives them back in."""
    return tuple(sorted(set(values))) if len(values) > 1 else tuple(values)


def e164_numbers(raw_numbers: list[str], default_region: str | None) -> tuple[str, ...]:
    """Every number in E.164, or Invalid naming the first bad one ('phone_numbers.1')."""
    numbers = []
    for index, raw in enumerate(raw_numbers):
        try:
            numbers.append(normalise_phone(raw, default_region))
        except ValueError as exc:
            raise Invalid(f"phone_numbers.{index}", f"{raw!r}: {exc}") from None
    return unique(numbers)


def new_customer(customer_id: str, draft: CustomerDraft, default_region: str | None) -> Customer:
    return Customer(
        customer_id,
        draft["name"],
        e164_numbers(draft.get("phone_numbers", []), default_region),
        unique(draft.get("account_numbers", [])),
        draft.get("language", ""),
        draft.get("segment", ""),
        draft.get("vip_tier", ""),
        draft.get("notes", ""),
    )


def patched(customer: Customer, patch: CustomerPatch, default_region: str | None) -> Customer:
    changes: dict[str, object] = dict(patch)
    if "phone_numbers" in patch:
        changes["phone_numbers"] = e164_numbers(patch["phone_numbers"], default_region)
    if "account_numbers" in patch:
        changes["account_numbers"] = unique(patch["account_numbers"])
    return replace(customer, **changes)  # type: ignore[arg-type]
