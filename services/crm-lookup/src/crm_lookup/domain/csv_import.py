"""Bulk import: a CSV of customers read and checked a chunk of rows at a time, every refusal
reported with its row number and field, nothing dropped without saying so. The same rules as
the REST API apply (CustomerDraft, domain/import_checks.py); whether a partly bad file is
imported is the caller's choice (ImportPolicy)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain

from crm_lookup.domain.errors import Invalid
from crm_lookup.domain.import_checks import Columns, ImportChecks
from crm_lookup.domain.imports import ParsedFile, RowError

COLUMNS = ("name", "phone_numbers", "account_numbers", "language", "segment", "vip_tier", "notes")
LIST_COLUMNS = ("phone_numbers", "account_numbers")  # items separated by ';' or '|'
HEADER_ROW = 1  # rows are numbered as a spreadsheet shows them: the header is row 1


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


def _columns(header: list[str], cells: list[list[str]]) -> Columns:
    """The cells of a chunk's rows, column by column, list cells split into their values."""
    by_column = zip(*cells, strict=True) if cells else [()] * len(header)
    columns = {name: list(values) for name, values in zip(header, by_column, strict=True)}
    for name in LIST_COLUMNS:
        if name in columns:
            columns[name] = [_items(cell) for cell in columns[name]]
    return columns


def read_customers(
    lines: Iterable[str],
    default_region: str | None,
    new_ids: Callable[[int], Sequence[str]],
    chunk_rows: int = 10_000,
) -> Iterator[ParsedFile]:
    """The file's rows (`lines`, as a file opened with newline="" gives them), `chunk_rows`
    at a time, each a customer (its id from `new_ids`) or errors; a bad header is the one
    chunk. Only the chunk being read is held in memory. A file the csv module cannot read (a
    cell over its 128 KiB limit) raises Invalid, whatever chunks came before."""
    lines = iter(lines)
    reader = csv.reader(chain([next(lines, "").removeprefix("\ufeff")], lines))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        errors = _header_errors(header) if header else [RowError(HEADER_ROW, "", "empty file")]
        if errors:
            yield ParsedFile(errors=errors)
            return
        yield from _chunks(reader, header, ImportChecks(default_region, new_ids), chunk_rows)
    except csv.Error as exc:
        raise Invalid("", f"line {reader.line_num}: {exc}") from None


def _chunks(
    reader: Iterator[list[str]], header: list[str], checks: ImportChecks, chunk_rows: int
) -> Iterator[ParsedFile]:
    chunk, rows, cells = ParsedFile(), list[int](), list[list[str]]()
    for row, values in enumerate(reader, start=HEADER_ROW + 1):
        if not values:
            continue  # a blank line holds no customer
        chunk.row_count += 1
        if len(values) == len(header):
            rows.append(row)
            cells.append(values)
        else:
            message = f"{len(values)} fields where the header has {len(header)}"
            chunk.errors.append(RowError(row, "", message))
        if chunk.row_count == chunk_rows:
            yield checks.checked(chunk, rows, _columns(header, cells))
            chunk, rows, cells = ParsedFile(), [], []
    yield checks.checked(chunk, rows, _columns(header, cells))
