"""The results table, printed and written into docs/validation.md between its markers."""

from __future__ import annotations

from pathlib import Path

from cases import Case
from compare import Comparison

START, END = "<!-- results:start -->", "<!-- results:end -->"
COLUMNS = ("scenario", "λ (/s)", "N", "μ (/s)", "θ (/s)", "K", "figure", "theory", "measured")
HEADER = "| " + " | ".join((*COLUMNS, "95 % CI", "agree?")) + " |\n" + "|---" * 11 + "|"


def _number(value: float) -> str:
    return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"


def rows(case: Case, time_scale: float, comparisons: list[Comparison], clean: bool) -> list[str]:
    """One row per figure; `clean` False (offers timed out) marks every verdict."""
    model = case.model
    lines = []
    for c in comparisons:
        m = c.measured
        measured = _number(m.value) if m else "n/a"
        interval = f"[{_number(m.low)}, {_number(m.high)}]" if m else "n/a"
        agree = ("yes" if m.covers(c.theory) else "**no**") if m else "n/a"
        agree += "" if clean else " (run not clean)"
        lines.append(
            f"| {case.name} | {model.arrival_rate:.4g} | {model.agents} | "
            f"{model.service_rate:.4g} | {model.abandon_rate:.4g} | {time_scale:g} | "
            f"{c.figure} | {_number(c.theory)} | {measured} | {interval} | {agree} |"
        )
    return lines


def write_results(doc: Path, heading: str, table: list[str]) -> None:
    """Replace what is between the markers; the rest of the page is written by hand."""
    text = doc.read_text()
    before, found, rest = text.partition(START)
    _, found_end, after = rest.partition(END)
    if not (found and found_end):
        raise ValueError(f"{doc}: markers {START} ... {END} not found")
    body = "\n".join([heading, "", HEADER, *table])
    doc.write_text(f"{before}{START}\n{body}\n{END}{after}")
