"""Statements with their evidence, and the small helpers every explanation shares.

An explanation is a list of :class:`Statement`: a sentence generated from
data plus the values it rests on. :class:`Evidence` has the same fields and
the same ``to_dict()`` as the brief's (:mod:`bilateral.report.model`), so the
report can turn a statement into a sentence with
``Evidence(**vars(item))``; it is declared here rather than imported so that
``explain`` does not depend on ``report`` (the report depends on us).

Values computed by bilateral itself (a trend, a correlation, a model
coefficient) cite the source :data:`DERIVED` and the table they were
computed from, and name the inputs in ``note``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from bilateral.evidence import Evidence, plain  # noqa: F401 - re-exported for the explain modules

DERIVED = "bilateral"  # source id for values bilateral computes from warehouse tables
BLOCS = "bilateral_blocs"  # source id for the hand-written bloc memberships (data/blocs.tsv)

#: Score columns of ``out_index`` by the name users give.
SCORES = {
    "composite": "composite_index",
    "alignment": "score_alignment",
    "economic": "score_economic",
    "military": "score_military",
    "political": "score_political",
    "science": "score_science",
}
#: How many inputs a score had that year (changes in it can make a series jump).
COVERAGE = {"composite": "composite_dimensions", **{d: f"{d}_indicators" for d in SCORES if d != "composite"}}
#: Which inputs fed a score that year: a change marks a break in the series (a
#: source starting or stopping), and trends and turning points stay within the
#: unbroken spans between breaks (bilateral.measures.index_inputs.spans).
INPUTS = {"composite": "composite_inputs", **{d: f"{d}_indicators" for d in SCORES if d != "composite"}}
SCORE_UNIT = "score 0–100 (docs/method.md: indices)"


@dataclass(frozen=True)
class Statement:
    """A generated sentence; ``kind`` is ``finding`` or ``gap`` (what the data cannot say)."""

    text: str
    evidence: tuple[Evidence, ...]
    kind: str = "finding"

    def __post_init__(self):
        if not self.evidence:
            raise ValueError(f"statement without evidence: {self.text!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "evidence": [e.to_dict() for e in self.evidence]}


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON-able records (missing → None)."""
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def score(value: float) -> str:
    """A 0–100 score as written in statements: one decimal."""
    return num(value, 1)


def num(value: float, decimals: int | None = None) -> str:
    """Numbers as the brief writes them (thousands separators, true minus sign)."""
    from bilateral.report.wording import number  # late: report imports explain

    return number(float(value), decimals)


def signed(value: float, decimals: int = 1) -> str:
    """A difference with its sign: '+32.1', '−3.4'."""
    text = num(value, decimals)
    return text if text.startswith("\u2212") or float(value) == 0 else f"+{text}"


def the(name: str) -> str:
    from bilateral.report.wording import the as _the

    return _the(name)


def The(name: str) -> str:  # noqa: N802 - sentence-initial form
    from bilateral.report.wording import The as _The

    return _The(name)


def possessive(name: str) -> str:
    from bilateral.report.wording import possessive as _possessive

    return _possessive(name)


def join(items: list[str]) -> str:
    from bilateral.report.wording import join as _join

    return _join(items)


def span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}\u2013{last}"


def interval(first: int, last: int) -> str:
    return f"{int(first)}/{int(last)}"


def ordinal(n: int) -> str:
    """1 → '1st', 12 → '12th', 23 → '23rd'."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def level(date: str) -> Evidence:
    """The confidence level every "95% interval" in a statement refers to."""
    return Evidence(DERIVED, "confidence_level", 95, "%", date=date, note="two-sided level of every interval in the statement")


def long_date(value: str) -> str:
    from bilateral.report.wording import long_date as _long_date

    return _long_date(value)


def score_evidence(column: str, value: float, year: int, note: str | None = None) -> Evidence:
    """A dimension score or composite of one dyad-year, read from ``out_index``."""
    return Evidence(DERIVED, column, round(float(value), 4), SCORE_UNIT, year=int(year), table="out_index", note=note)
