"""Reading an import file: every row a customer or errors naming row and field, never dropped."""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_lookup.domain.csv_import import read_customers
from crm_lookup.domain.errors import Invalid
from crm_lookup.domain.imports import ParsedFile, RowError

HEADER = "name,phone_numbers,account_numbers,language,segment,vip_tier,notes\n"


def parse(text: str, region: str | None = None, chunk_rows: int = 3) -> ParsedFile:
    """The chunks, merged: small chunks, so that rules across chunks are tested too."""
    ids = itertools.count(1)

    def new_ids(count: int) -> list[str]:
        return [f"id-{next(ids)}" for _ in range(count)]

    merged = ParsedFile()
    for chunk in read_customers(io.StringIO(text, newline=""), region, new_ids, chunk_rows):
        merged.rows += chunk.rows
        merged.errors += chunk.errors
        merged.row_count += chunk.row_count
    return merged


def test_a_good_file() -> None:
    parsed = parse(
        HEADER
        + "Jeanne Martin,+33 6 12 34 56 78;+33612345678|+33970000001,A-1;B/2,fr,retail,gold,"
        + '"a, b"\n'
        + "Paul,,,,,,\n"
    )
    assert parsed.errors == [] and parsed.row_count == 2
    jeanne, paul = (row.customer for row in parsed.rows)
    assert jeanne.phone_numbers == ("+33612345678", "+33970000001")  # once each, E.164
    assert jeanne.account_numbers == ("A-1", "B/2")
    assert (jeanne.language, jeanne.vip_tier, jeanne.notes) == ("fr", "gold", "a, b")
    assert (paul.name, paul.phone_numbers, paul.vip_tier) == ("Paul", (), "")
    assert [row.row for row in parsed.rows] == [2, 3]


def test_columns_may_come_in_any_order_and_only_name_is_required() -> None:
    parsed = parse("vip_tier,Name\ngold,Ada\n")
    assert [(r.customer.name, r.customer.vip_tier) for r in parsed.rows] == [("Ada", "gold")]


def test_each_bad_row_is_reported_with_its_row_and_field() -> None:
    parsed = parse(
        HEADER
        + "Good,+33612345678,A1,fr,,,\n"
        + "\n"  # a blank line: row 3, no customer
        + "No phone,+33 6 12,,,,,\n"
        + ",+33612345679,,,,,\n"
        + "Bad language,,,français,,,\n"
        + "Too few,+33612345678\n"
        + "Same account,,A1,,,,\n"
        + '"Two\nlines",,,,,,\n'
    )
    assert parsed.errors == [
        RowError(4, "phone_numbers.0", "'+33 6 12': not a possible phone number"),
        RowError(5, "name", "String should have at least 1 character"),
        RowError(
            6, "language", "String should match pattern '^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)?$'"
        ),
        RowError(7, "", "2 fields where the header has 7"),
        RowError(8, "account_numbers", "'A1' is also on row 2"),
    ]
    assert [(r.row, r.customer.name) for r in parsed.rows] == [(2, "Good"), (9, "Two\nlines")]
    assert parsed.row_count == 7


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("", [RowError(1, "", "empty file")]),
        ("phone_numbers\n+33612345678\n", [RowError(1, "name", "required column missing")]),
        (
            "name,email\nA,a@b.c\n",
            [RowError(1, "email", "unknown column; known: " + HEADER.strip().replace(",", ", "))],
        ),
        ("name,name\nA,B\n", [RowError(1, "name", "column given twice")]),
    ],
)
def test_a_bad_header_reads_no_row(text: str, errors: list[RowError]) -> None:
    parsed = parse(text)
    assert (parsed.errors, parsed.rows) == (errors, [])


def test_a_byte_order_mark_is_not_part_of_the_header() -> None:
    assert [r.name for r in parse("\ufeffname\nAda\n").rows] == ["Ada"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_any_line_ending(newline: str) -> None:
    parsed = parse(newline.join(["name,notes", "Ada,", '"Bo","two', 'lines"', ""]))
    assert [(r.row, r.name, r.notes) for r in parsed.rows] == [
        (2, "Ada", ""),
        (3, "Bo", f"two{newline}lines"),
    ]


def test_a_file_the_csv_module_cannot_read_is_refused_whole() -> None:
    with pytest.raises(Invalid, match="line 3: field larger than field limit"):
        parse("name,notes\nAda,\nBo," + "x" * csv.field_size_limit() + "y\n")


def test_a_default_region_reads_national_numbers() -> None:
    parsed = parse("name,phone_numbers\nA,06 12 34 56 78\n", region="FR")
    assert parsed.rows[0].customer.phone_numbers == ("+33612345678",)


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@given(st.lists(st.tuples(names, st.sampled_from(["+33612345678", "x", ""])), max_size=20))
def test_every_row_is_a_customer_or_an_error(rows: list[tuple[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "phone_numbers"])
    writer.writerows(rows)
    parsed = parse(out.getvalue())
    reported = {r.row for r in parsed.rows} | {e.row for e in parsed.errors}
    assert len(reported) == parsed.row_count
    assert not {r.row for r in parsed.rows} & {e.row for e in parsed.errors}
