"""A bulk import's terms: what to do with refused rows, and what a file read gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from crm_lookup.domain.customers import Customer


class ImportPolicy(StrEnum):
    REJECT = "reject"  # one bad row and nothing is imported
    SKIP = "skip"  # the good rows are imported, each bad one reported


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


@dataclass(frozen=True)
class ImportRow:
    row: int
    customer: Customer


@dataclass
class ParsedFile:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0  # data rows read, good or bad
