"""Bulk import: a CSV of customers read and checked row by row, every refusal reported with its
row number and field, nothing dropped without saying so. The same rules as the REST API apply
(CustomerDraft); whether a partly bad file is imported is the caller's choice (ImportPolicy)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import TypeAdapter, ValidationError

from crm_lookup.domain.customers import CustomerDraft, new_customer
from crm_lookup.domain.errors import Invalid
from crm_lookup.domain.imports import ImportRow, ParsedFile, RowError

COLUMNS = ("name", "phone_numbers", "account_numbers", "language", "segment", "vip_tier", "notes")
LIST_COLUMNS = ("phone_numbers", "account_numbers")  # items separated by ';' or '|'
HEADER_ROW = 1  # rows are numbered as a spreadsheet shows them: the header is row 1
_DRAFTS = TypeAdapter(list[CustomerDraft])


def _header_errors(header: list[str]) -> list[RowError]:
    errors = [
        RowError(HEADER_ROW, name or "(empty)", f"unknown column; known: {', '.join(COLUMNS)}")
        for name in header
        if name not in COLUMNS
    ]
    errors += [
        RowError(HEADER_ROW, name, "column given twice")
        for name in sorted({n for n in header if header.count(n) > 1})
    ]
    if "name" not in header:
        errors.append(RowError(HEADER_ROW, "name", "required column missing"))
    return errors


def _items(cell: str) -> list[str]:
    """The values of a list cell, separated by ';' or '|'."""
    if ";" in cell or "|" in cell:
        return [item for item in cell.replace("|", ";").split(";") if item and not item.isspace()]
    return [cell] if cell and not cell.isspace() else []  # one value or none: most cells


def _draft_fields(
    header: list[str], list_columns: list[tuple[int, str]], values: list[str]
) -> dict[str, Any]:
    fields = dict(zip(header, values, strict=True))
    for position, name in list_columns:
        fields[name] = _items(values[position])
    return fields


def _validated(
    rows: list[int], fields: list[dict[str, object]]
) -> tuple[dict[int, CustomerDraft], list[RowError]]:
    """Each row's draft, or its errors. Validating the whole list in one call is twice as fast
    as row by row; when some rows fail, the others are validated again."""
    try:
        return dict(zip(rows, _DRAFTS.validate_python(fields), strict=True)), []
    except ValidationError as exc:
        errors = [
            RowError(
                rows[int(error["loc"][0])],
                ".".join(str(part) for part in error["loc"][1:]),
                error["msg"].removeprefix("Value error, "),
            )
            for error in exc.errors()
        ]
    failed = {error.row for error in errors}
    good = [(row, draft) for row, draft in zip(rows, fields, strict=True) if row not in failed]
    drafts = _DRAFTS.validate_python([draft for _, draft in good])
    return dict(zip([row for row, _ in good], drafts, strict=True)), errors


def _finished(
    parsed: ParsedFile,
    rows: list[int],
    fields: list[dict[str, object]],
    account_rows: dict[str, int],
    default_region: str | None,
    new_id: Callable[[], str],
) -> ParsedFile:
    """The chunk with its rows validated: each a customer or errors."""
    drafts, errors = _validated(rows, fields)
    parsed.errors += errors
    for row, draft in drafts.items():
        try:
            customer = new_customer(new_id(), draft, default_region)
        except Invalid as exc:
            parsed.errors.append(RowError(row, exc.field, exc.message))
            continue
        if taken := [a for a in customer.account_numbers if a in account_rows]:
            message = f"{taken[0]!r} is also on row {account_rows[taken[0]]}"
            parsed.errors.append(RowError(row, "account_numbers", message))
            continue
        account_rows.update(dict.fromkeys(customer.account_numbers, row))
        parsed.rows.append(ImportRow(row, customer))
    parsed.errors.sort(key=lambda error: error.row)
    return parsed


def read_customers(
    text: str, default_region: str | None, new_id: Callable[[], str], chunk_rows: int = 10_000
) -> Iterator[ParsedFile]:
    """The file's rows, `chunk_rows` at a time, each a customer (its id from `new_id`) or
    errors; a bad header is the one chunk. An account number on two rows is refused on the
    second, whichever chunks they are in: it names one customer."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = [name.strip().lower() for name in next(reader, [])]
    errors = _header_errors(header) if header else [RowError(HEADER_ROW, "", "empty file")]
    if errors:
        yield ParsedFile(errors=errors)
        return
    account_rows: dict[str, int] = {}
    list_columns = [(n, name) for n, name in enumerate(header) if name in LIST_COLUMNS]
    chunk, rows, fields = ParsedFile(), [], []
    for row, values in enumerate(reader, start=HEADER_ROW + 1):
        if not values:
            continue  # a blank line holds no customer
        chunk.row_count += 1
        if len(values) == len(header):
            rows.append(row)
            fields.append(_draft_fields(header, list_columns, values))
        else:
            message = f"{len(values)} fields where the header has {len(header)}"
            chunk.errors.append(RowError(row, "", message))
        if chunk.row_count == chunk_rows:
            yield _finished(chunk, rows, fields, account_rows, default_region, new_id)
            chunk, rows, fields = ParsedFile(), [], []
    yield _finished(chunk, rows, fields, account_rows, default_region, new_id)
