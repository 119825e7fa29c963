"""Checking an import file's rows a chunk at a time, column by column: one pydantic call checks
every cell of a chunk against the REST API's field types (CustomerDraft's), at about half the
cost of building and validating a dict per row. A row that passes becomes a customer, its phone
numbers in E.164, unless an earlier row of the file has one of its account numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Required, get_args, get_origin

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict, get_type_hints

from crm_lookup.domain.customers import CustomerDraft, e164_numbers, unique
from crm_lookup.domain.errors import Invalid
from crm_lookup.domain.imports import ImportRow, ParsedFile, RowError

Columns = dict[str, list[Any]]  # a field's values, one a row; a list field's split already


def _field_types() -> dict[str, Any]:
    """CustomerDraft's fields and their types with their rules (Required[...] taken off)."""
    hints = get_type_hints(CustomerDraft, include_extras=True)
    required: object = Required
    return {
        name: get_args(hint)[0] if get_origin(hint) is required else hint
        for name, hint in hints.items()
    }


# Field order as in CustomerDraft, so that a row's errors come in the order the REST API's are.
_COLUMNS = TypeAdapter(
    TypedDict(  # type: ignore[operator]
        "_Columns",
        {name: list[t] for name, t in _field_types().items()},  # type: ignore[valid-type]
        total=False,
    )
)


def _validated(rows: list[int], columns: Columns) -> tuple[list[int], Columns, list[RowError]]:
    """The rows whose every cell is valid, their columns' values as validated (stripped), and
    the errors of the others. A chunk with a bad row is validated again without them."""
    try:
        return rows, _COLUMNS.validate_python(columns), []
    except ValidationError as exc:
        failures = [(error["loc"], error["msg"]) for error in exc.errors()]
    errors = [
        RowError(
            rows[int(loc[1])],
            ".".join(str(part) for part in (loc[0], *loc[2:])),
            message.removeprefix("Value error, "),
        )
        for loc, message in failures
    ]
    failed = {int(loc[1]) for loc, _ in failures}
    kept = [index for index in range(len(rows)) if index not in failed]
    columns = {name: [values[index] for index in kept] for name, values in columns.items()}
    return [rows[index] for index in kept], _COLUMNS.validate_python(columns), errors


class ImportChecks:
    """The checks of one file's chunks, in file order: an account number names one customer,
    so the second row that has it is refused, whichever chunks the two are in."""

    def __init__(self, default_region: str | None, new_ids: Callable[[int], Sequence[str]]):
        self._default_region = default_region
        self._new_ids = new_ids
        self._account_rows: dict[str, int] = {}

    def checked(self, chunk: ParsedFile, rows: list[int], columns: Columns) -> ParsedFile:
        """The chunk with these rows (numbers, and their cells by column) each a customer or
        errors; its errors sorted by row."""
        rows, columns, errors = _validated(rows, columns)
        chunk.errors += errors
        column, blanks, empty = columns.get, [""] * len(rows), [list[str]()] * len(rows)
        for row, customer_id, name, phones, accounts, language, segment, vip, notes in zip(
            rows,
            self._new_ids(len(rows)),
            columns["name"],
            column("phone_numbers", empty),
            column("account_numbers", empty),
            column("language", blanks),
            column("segment", blanks),
            column("vip_tier", blanks),
            column("notes", blanks),
            strict=True,
        ):
            try:
                numbers = e164_numbers(phones, self._default_region)
            except Invalid as exc:
                chunk.errors.append(RowError(row, exc.field, exc.message))
                continue
            account_numbers = unique(accounts)
            if error := self._account_taken(row, account_numbers):
                chunk.errors.append(error)
                continue
            chunk.rows.append(
                ImportRow(
                    row, customer_id, name, numbers, account_numbers, language, segment, vip, notes
                )
            )
        chunk.errors.sort(key=lambda error: error.row)
        return chunk

    def _account_taken(self, row: int, accounts: tuple[str, ...]) -> RowError | None:
        """The error of a row with an account number an earlier row has; else None, and the
        row's account numbers are taken."""
        account_rows = self._account_rows
        for account in accounts:
            if account in account_rows:
                message = f"{account!r} is also on row {account_rows[account]}"
                return RowError(row, "account_numbers", message)
        for account in accounts:
            account_rows[account] = row
        return None
