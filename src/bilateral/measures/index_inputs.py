"""Which indicators are informative in a year: the coverage rules of the indices.

An indicator enters a year's indices only if it is *informative* that year:

- at least :data:`MIN_SHARE_WITH_VALUE` (half) of the year's pairs have a
  value (a source that covers only some pairs, or has stopped, does not
  drive a cross-pair score);
- no single value covers more than :data:`MAX_MODAL_SHARE` (99.5%) of the
  pairs with a value (an indicator that is one value for almost everyone,
  like SIPRI orders placed in one year, only adds noise or a constant).

A directional indicator (dependence) pools both sides' values. The result is
``out_index_inputs``, one row per year and indicator with the counts behind
the decision, and a wide per-year table the scoring reads. A change in which
indicators are informative between two years is a break in the series
(:func:`breaks`): trends and turning points are computed within unbroken spans.
"""

from __future__ import annotations

import pandas as pd

from bilateral.measures.index import ALL_INDICATORS, BY_INDEX, Indicator

MIN_SHARE_WITH_VALUE = 0.5
MAX_MODAL_SHARE = 0.995


def _columns(i: Indicator) -> tuple[str, ...]:
    return (f"v_{i.name}_1", f"v_{i.name}_2") if i.directional else (f"v_{i.name}",)


def _index_of(i: Indicator) -> str:
    return next(name for name, members in BY_INDEX.items() if i in members)


def inputs_sql(values: str) -> str:
    """``out_index_inputs``: per year and indicator, the pairs, those with a
    value, the modal value and its share, and whether it is informative.

    Two passes over ``values``: the year's counts, maxima and modes, then how
    many pairs hold the mode. For a directional indicator the counts pool
    both sides and the mode is side 1's (for shares it is 0 on both sides).
    Of values tied for the mode the smallest is taken: DuckDB's ``mode``
    otherwise takes whichever its threads meet first, and two builds gave
    different modal values in 60 year-indicators."""
    first, second, rows = [], [], []
    for i in ALL_INDICATORS:
        cols = _columns(i)
        first += [f"count(*) * {len(cols)} AS pairs_{i.name}", " + ".join(f"count({c})" for c in cols) + f" AS have_{i.name}",
                  f"mode({cols[0]} ORDER BY {cols[0]}) AS mode_{i.name}", f"greatest({', '.join(f'max({c})' for c in cols)}) AS max_{i.name}"]
        second.append(" + ".join(f"count(*) FILTER (WHERE v.{c} = s.mode_{i.name})" for c in cols) + f" AS modal_{i.name}")
        dimension = f"'{i.dimension}'" if i.dimension else "NULL"
        text = i.note.replace("'", "''")
        note = f"CASE WHEN year > 2018 THEN '{text}' END" if i.note else "NULL"
        rows.append(f"""SELECT year, '{_index_of(i)}' AS index_name, '{i.name}' AS indicator, '{i.measure}' AS measure,
                   {dimension} AS dimension, '{i.scale}' AS scale, pairs_{i.name} AS pairs, have_{i.name} AS pairs_with_value,
                   CAST(mode_{i.name} AS DOUBLE) AS modal_value, modal_{i.name} AS modal_pairs,
                   CAST(max_{i.name} AS DOUBLE) AS max_value, {note} AS note FROM counted""")
    return f"""
        WITH stats AS (SELECT year, {', '.join(first)} FROM {values} GROUP BY year),
        modal AS (SELECT year, {', '.join(second)} FROM {values} v JOIN stats s USING (year) GROUP BY year),
        counted AS (SELECT * FROM stats JOIN modal USING (year))
        SELECT year, index_name, indicator, measure, dimension, scale, pairs, pairs_with_value,
               pairs_with_value / pairs AS share_with_value, modal_value,
               modal_pairs / nullif(pairs_with_value, 0) AS modal_share, max_value,
               coalesce(pairs_with_value >= {MIN_SHARE_WITH_VALUE} * pairs
                        AND modal_pairs <= {MAX_MODAL_SHARE} * pairs_with_value, FALSE) AS informative, note
        FROM ({' UNION ALL '.join(rows)})
        ORDER BY year, index_name, indicator
    """


def year_stats_sql(inputs: str) -> str:
    """One row per year: ``pairs``, ``informative_<indicator>``, and ``max_<column>`` (log
    scaling) or ``n_<column>`` (pairs with a value, for percentiles)."""
    columns = ["max(pairs) FILTER (WHERE indicator = 'trade') AS pairs"]
    for i in ALL_INDICATORS:
        columns.append(f"bool_or(informative) FILTER (WHERE indicator = '{i.name}') AS informative_{i.name}")
        if i.scale == "log":
            columns.append(f"max(max_value) FILTER (WHERE indicator = '{i.name}') AS max_{i.name}")
        if i.scale.startswith("rank"):
            columns.append(f"max(pairs_with_value) FILTER (WHERE indicator = '{i.name}') AS n_{i.name}")
    return f"SELECT year, {', '.join(columns)} FROM {inputs} GROUP BY year"


def informative(con, index_name: str) -> pd.DataFrame:
    """Year × indicator table of informative flags for one index (composite: its dimensions)."""
    if index_name == "composite":
        sql = """SELECT year, dimension AS indicator, bool_or(informative) AS informative FROM out_index_inputs
                 WHERE dimension IS NOT NULL GROUP BY ALL"""
    else:
        sql = f"SELECT year, indicator, informative FROM out_index_inputs WHERE index_name = '{index_name}'"
    frame = con.sql(sql).df()
    return frame.pivot(index="year", columns="indicator", values="informative").sort_index().fillna(False).astype(bool)


def breaks(inputs: pd.Series) -> list[int]:
    """The years in which the set of inputs behind a series changes (its first year excluded).

    ``inputs`` is indexed by year and holds each year's inputs (a string such
    as ``trade+arms+igo`` or a count); a missing year is no break by itself."""
    inputs = inputs.dropna()
    changed = inputs.ne(inputs.shift()) & inputs.shift().notna()
    return [int(y) for y in inputs.index[changed]]


def spans(inputs: pd.Series) -> list[tuple[int, int]]:
    """Unbroken spans (first, last year) of a series whose inputs are given by year."""
    inputs = inputs.dropna()
    if inputs.empty:
        return []
    cuts = breaks(inputs)
    starts = [int(inputs.index[0]), *cuts]
    ends = [int(inputs.index[inputs.index < c].max()) for c in cuts] + [int(inputs.index[-1])]
    return list(zip(starts, ends))
