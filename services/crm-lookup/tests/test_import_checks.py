"""The import checks a chunk column by column; this holds them to the REST API's rules applied
row by row (CustomerDraft, then the customer, then account numbers seen on earlier rows): the
same customers and the same errors, in the same order, whatever the chunk size."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from crm_lookup.domain.csv_import import COLUMNS, LIST_COLUMNS, read_customers
from crm_lookup.domain.customers import Customer, CustomerDraft, new_customer
from crm_lookup.domain.errors import Invalid

Outcome = tuple[list[tuple[int, Customer]], list[tuple[int, str, str]]]
DRAFT = TypeAdapter(CustomerDraft)
CELLS = {  # good and bad values of each column
    "name": ["Ada", " Bo ", "", " ", "x" * 201],
    "phone_numbers": ["", "+33612345678", "+33 6 12", "06 12 34 56 78", "+3397000000|x", "1;" * 21],
    "account_numbers": ["", "A1", "A2; A1", "-bad", "B|B", " "],
    "language": ["", "fr", "pt-BR", "français"],
    "segment": ["", "retail", "x" * 65],
    "vip_tier": ["", "gold", "a b"],
    "notes": ["", "n", "x" * 2001],
}
rows_of_cells = st.fixed_dictionaries({c: st.sampled_from(v) for c, v in CELLS.items()})
files = st.lists(rows_of_cells, max_size=12)


def row_by_row(rows: list[dict[str, str]], region: str | None) -> Outcome:
    """What the REST API's rules say of each row, one row at a time."""
    customers, errors, account_rows = [], [], dict[str, int]()
    for row, cells in enumerate(rows, start=2):
        fields: dict[str, object] = dict(cells)
        for name in LIST_COLUMNS:  # ';' or '|' between values, blank values ignored
            fields[name] = [v for v in cells[name].replace("|", ";").split(";") if v.strip()]
        try:
            customer = new_customer("", DRAFT.validate_python(fields), region)
        except ValidationError as exc:
            errors += [(row, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
            continue
        except Invalid as exc:
            errors.append((row, exc.field, exc.message))
            continue
        if taken := [a for a in customer.account_numbers if a in account_rows]:
            message = f"{taken[0]!r} is also on row {account_rows[taken[0]]}"
            errors.append((row, "account_numbers", message))
            continue
        account_rows.update(dict.fromkeys(customer.account_numbers, row))
        customers.append((row, customer))
    return customers, errors


def in_chunks(rows: list[dict[str, str]], region: str | None, chunk_rows: int) -> Outcome:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    ids = itertools.count()
    chunks = list(
        read_customers(
            io.StringIO(out.getvalue(), newline=""),
            region,
            lambda count: [str(next(ids)) for _ in range(count)],
            chunk_rows,
        )
    )
    assert sum(chunk.row_count for chunk in chunks) == len(rows)
    customers = [(r.row, replace(r.customer, customer_id="")) for c in chunks for r in c.rows]
    errors = [(e.row, e.field, e.message) for c in chunks for e in c.errors]
    return customers, errors


@settings(max_examples=150, deadline=None)
@given(files, st.sampled_from([None, "FR"]), st.integers(1, 5))
def test_chunks_checked_by_column_say_what_rows_checked_one_by_one_say(
    rows: list[dict[str, str]], region: str | None, chunk_rows: int
) -> None:
    assert in_chunks(rows, region, chunk_rows) == row_by_row(rows, region)
