"""The helpers every explanation shares: the score columns, the sources of
derived values, and evidence built from them.

An explanation is a list of :class:`~bilateral.evidence.Statement`: a
sentence generated from data plus the values it rests on. The type and the
wording (:mod:`bilateral.wording`) are neutral modules shared with the
brief, so ``explain`` imports nothing from ``report`` (the report depends on
us) and its statements join the brief as they are.

Values computed by bilateral itself (a trend, a correlation, a model
coefficient) cite the source :data:`DERIVED` and the table they were
computed from, and name the inputs in ``note``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from bilateral.evidence import Evidence, Statement, plain  # noqa: F401 - re-exported for the explain modules
from bilateral.wording import The, join, long_date, number, ordinal, possessive, span, the  # noqa: F401 - re-exported

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


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON-able records (missing → None)."""
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def score(value: float) -> str:
    """A 0–100 score as written in statements: one decimal."""
    return num(value, 1)


def num(value: float, decimals: int | None = None) -> str:
    """Numbers as the brief writes them (thousands separators, true minus sign)."""
    return number(float(value), decimals)


def signed(value: float, decimals: int = 1) -> str:
    """A difference with its sign: '+32.1', '−3.4'."""
    text = num(value, decimals)
    return text if text.startswith("\u2212") or float(value) == 0 else f"+{text}"


def interval(first: int, last: int) -> str:
    """The evidence date of a span of years, '1992/2014' (numpy years from frames cast to int)."""
    return f"{int(first)}/{int(last)}"


def level(date: str) -> Evidence:
    """The confidence level every "95% interval" in a statement refers to."""
    return Evidence(DERIVED, "confidence_level", 95, "%", date=date, note="two-sided level of every interval in the statement")


def score_evidence(column: str, value: float, year: int, note: str | None = None) -> Evidence:
    """A dimension score or composite of one dyad-year, read from ``out_index``."""
    return Evidence(DERIVED, column, round(float(value), 4), SCORE_UNIT, year=int(year), table="out_index", note=note)
