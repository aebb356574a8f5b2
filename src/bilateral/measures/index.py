"""The composite index: each indicator as a percentile among all dyads in the
same year, a score per dimension, and a weighted composite with ranks.

- Percentile: the mid-rank percentile of the dyad's value among every dyad
  with a value that year, 100 · (dyads strictly less close + half the other
  dyads tied with it) / (dyads − 1); reversed where lower means closer (as
  for ideal-point distance or rivalry). Mid-ranks matter for 0/1 indicators:
  with 99.7% of dyads not rivals, a non-rival scores about 50 and a rival
  about 0, instead of both scoring near 0 under a lowest-rank rule.
- Dimension score: the mean percentile of the dimension's indicators that
  exist for that dyad-year; ``<dimension>_indicators`` says how many did.
- Composite: the weighted mean of the available dimension scores, with
  :data:`DEFAULT_WEIGHTS` (users may pass their own); weights of dimensions
  without data are dropped and the rest re-normalised, and
  ``composite_dimensions`` says how many dimensions entered. A composite
  resting on fewer than :data:`MIN_DIMENSIONS` dimensions (or, with custom
  weights naming fewer, fewer than all the weighted ones) is NULL (see
  :func:`_enough_dimensions`): with UN votes to 2026 and ATOP carried
  forward, 2025–26 would otherwise rank dyads on alignment alone.
- Ranks: B's place among A's partners (1 = closest) and A's among B's.
"""

from __future__ import annotations

import math

import pandas as pd

from bilateral.measures.catalog import DIMENSIONS, index_measures

#: Default weights: the four dimensions with global data count equally;
#: science, with no offline data, weighs less until a connector fills it.
DEFAULT_WEIGHTS = {"alignment": 0.25, "economic": 0.25, "military": 0.2, "political": 0.2, "science": 0.1}
#: Fewest dimensions with data for a composite to be given at all.
MIN_DIMENSIONS = 3


def check_weights(weights: dict[str, float]) -> dict[str, float]:
    """Weights for known dimensions, non-negative, not all zero."""
    unknown = set(weights) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimension(s) {sorted(unknown)} in weights; use {', '.join(DIMENSIONS)}")
    if any(not math.isfinite(w) or w < 0 for w in weights.values()) or not any(weights.values()):
        raise ValueError(f"weights must be finite, non-negative and not all zero; got {weights}")
    return {d: float(weights.get(d, 0.0)) for d in DIMENSIONS}


def percentiles(frame: pd.DataFrame) -> pd.DataFrame:
    """Dyad keys plus ``pct_<measure>`` for every index measure, from a frame
    with the keys and the measures' columns (NULLs neither rank nor count)."""
    out = frame[["ccode1", "ccode2", "year"]].copy()
    for m in index_measures():
        values = frame[m.column]
        by_year = values.groupby(frame["year"])
        mid_rank = by_year.rank(method="average", ascending=m.higher_is_closer)  # ties share their mean rank
        dyads = values.notna().groupby(frame["year"]).transform("sum")
        pct = 100 * (mid_rank - 1) / (dyads - 1)
        out[f"pct_{m.name}"] = pct.where(dyads > 1, 50.0).where(values.notna())
    return out


def percentiles_source_sql(source: str) -> str:
    """The columns :func:`percentiles` needs, from ``source``."""
    columns = ", ".join(dict.fromkeys(m.column for m in index_measures()))
    return f"SELECT ccode1, ccode2, year, {columns} FROM {source}"


def scores_sql(percentiles: str) -> str:
    """Dimension scores and indicator counts from the percentile table."""
    columns = []
    for dimension in DIMENSIONS:
        names = [f"pct_{m.name}" for m in index_measures(dimension)]
        if not names:
            columns.append(f"CAST(NULL AS DOUBLE) AS score_{dimension}, 0 AS {dimension}_indicators")
            continue
        available = " + ".join(f"CAST({n} IS NOT NULL AS INTEGER)" for n in names)
        total = " + ".join(f"coalesce({n}, 0)" for n in names)
        columns.append(f"({total}) / nullif({available}, 0) AS score_{dimension}, {available} AS {dimension}_indicators")
    return f"SELECT p.*, {', '.join(columns)} FROM {percentiles} p"


def composite_sql(scores: str, weights: dict[str, float] | None = None) -> str:
    """Composite index and both ranks from a table of dimension scores."""
    weights = check_weights(weights or DEFAULT_WEIGHTS)
    numerator = " + ".join(f"{w} * coalesce(score_{d}, 0)" for d, w in weights.items() if w)
    denominator = " + ".join(f"{w} * CAST(score_{d} IS NOT NULL AS INTEGER)" for d, w in weights.items() if w)
    count = " + ".join(f"CAST(score_{d} IS NOT NULL AS INTEGER)" for d, w in weights.items() if w)
    return f"""
        WITH c AS MATERIALIZED (
            SELECT s.*, {_enough_dimensions(f"({numerator}) / nullif({denominator}, 0)", count, weights)} AS composite_index,
                {count} AS composite_dimensions
            FROM {scores} s
        ), directed AS (
            SELECT ccode1 AS state, ccode2 AS partner, year, composite_index FROM c WHERE composite_index IS NOT NULL
            UNION ALL
            SELECT ccode2, ccode1, year, composite_index FROM c WHERE composite_index IS NOT NULL
        ), ranked AS (
            SELECT *, rank() OVER (PARTITION BY state, year ORDER BY composite_index DESC) AS partner_rank FROM directed
        )
        SELECT c.*, r1.partner_rank AS composite_rank_of_2_for_1, r2.partner_rank AS composite_rank_of_1_for_2
        FROM c
        LEFT JOIN ranked r1 ON r1.state = c.ccode1 AND r1.partner = c.ccode2 AND r1.year = c.year
        LEFT JOIN ranked r2 ON r2.state = c.ccode2 AND r2.partner = c.ccode1 AND r2.year = c.year
    """


def _enough_dimensions(composite: str, count: str, weights: dict[str, float]) -> str:
    """The composite, or NULL when fewer than MIN_DIMENSIONS dimensions have
    data (or fewer than all of them, when the weights name fewer)."""
    needed = min(MIN_DIMENSIONS, sum(1 for w in weights.values() if w))
    return f"CASE WHEN ({count}) >= {needed} THEN {composite} END"
