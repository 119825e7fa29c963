"""A bulk import's terms: what to do with refused rows, and what a file read gives."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import NamedTuple

from crm_lookup.domain.customers import Customer

_CUSTOMER_FIELDS = [f.name for f in fields(Customer)]


class ImportPolicy(StrEnum):
    REJECT = "reject"  # one bad row and nothing is imported
    SKIP = "skip"  # the good rows are imported, each bad one reported


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


class ImportRow(NamedTuple):
    """A row of the file to import: its number and its customer, field by field. A tuple, not
    a Customer: a file has millions of rows, and a frozen dataclass for each cost a tenth of
    the import's CPU."""

    row: int
    customer_id: str
    name: str
    phone_numbers: tuple[str, ...]
    account_numbers: tuple[str, ...]
    language: str
    segment: str
    vip_tier: str
    notes: str

    @classmethod
    def of(cls, row: int, customer: Customer) -> ImportRow:
        return cls(row, *(getattr(customer, name) for name in _CUSTOMER_FIELDS))

    @property
    def customer(self) -> Customer:
        return Customer(*self[1:])


@dataclass
class ParsedFile:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0  # data rows read, good or bad
