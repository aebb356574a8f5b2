"""What the explanations read from the warehouse, as DataFrames.

Every query is one SQL statement over ``out_index``, ``out_dyad_year`` or
``out_states``. Directed frames (:func:`bilateral.measures.directed.directed`)
turn the undirected dyad rows (``ccode1 < ccode2``) into rows "from the point
of view of" a state: ``state``, ``partner``, ``year`` and the scores, so that
"A's relations with everyone" is one filter, whatever the order of the COW codes.
"""

from __future__ import annotations

import pandas as pd

from bilateral.explain.evidence import COVERAGE, INPUTS, SCORES
from bilateral.measures.directed import directed  # noqa: F401 - the explanations read their frames through it

SCORE_COLUMNS = tuple(SCORES.values())
COVERAGE_COLUMNS = tuple(dict.fromkeys((*COVERAGE.values(), *INPUTS.values())))
ALL_COLUMNS = SCORE_COLUMNS + COVERAGE_COLUMNS


def directed_scores(con, states, years: tuple[int, int] | None = None, partners=None,
                    columns: tuple[str, ...] = SCORE_COLUMNS) -> pd.DataFrame:
    """Rows (state, partner, year, scores...) from ``out_index`` for every dyad
    of the given states, optionally only with the given partners."""
    frame = directed(con, "out_index", states, columns, years)
    if partners is not None:
        frame = frame[frame["partner"].isin(list(partners))]
    return frame.sort_values(["state", "partner", "year"]).reset_index(drop=True)


def pair(scores: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """The A–B rows of a directed frame (one per year, oriented from A)."""
    rows = scores[(scores["state"] == a) & (scores["partner"] == b)]
    return rows.drop(columns=["state", "partner"]).sort_values("year").reset_index(drop=True)


def scores_for(con, states, years, scores: pd.DataFrame | None) -> pd.DataFrame:
    """``scores`` when the caller already holds the states' directed frame, else read it."""
    if scores is not None:
        return scores
    return directed_scores(con, states, years, columns=ALL_COLUMNS)


def directed_measure(con, states, column: str, years: tuple[int, int] | None = None, partners=None, where: str = "TRUE") -> pd.DataFrame:
    """Rows (state, partner, year, value) of one ``out_dyad_year`` column, missing values left out
    (``where``: a further fixed SQL condition on the rows)."""
    frame = directed(con, "out_dyad_year", states, (column,), years, where=f"{column} IS NOT NULL AND ({where})").rename(columns={column: "value"})
    return frame if partners is None else frame[frame["partner"].isin(list(partners))]


def states(con, year: int | None = None) -> pd.DataFrame:
    """ccode, iso3 and name of every state: named as in ``year`` (Soviet Union
    for 365 in 1985) when given, else as of their latest spell."""
    if year is None or "out_state_names" not in tables(con):
        return con.sql("SELECT ccode, iso3, name FROM out_states").df()
    return con.execute("""SELECT s.ccode, s.iso3, coalesce(n.name, s.name) AS name FROM out_states s
                          LEFT JOIN out_state_names n ON n.ccode = s.ccode AND $year BETWEEN n.from_year AND n.to_year""",
                       {"year": int(year)}).df()


def names(con, year: int | None = None) -> dict[int, str]:
    """Each state's name by COW number, as in ``year`` when given (see :func:`states`)."""
    return {int(row.ccode): row.name for row in states(con, year).itertuples()}


def tables(con) -> set[str]:
    return {row[0] for row in con.sql("SELECT table_name FROM information_schema.tables").fetchall()}


def score_years(con, a: int, b: int) -> tuple[int, int] | None:
    """First and last year with an A–B composite, or None."""
    row = con.execute(
        f"""SELECT min(year), max(year) FROM out_index
            WHERE ccode1 = {min(a, b)} AND ccode2 = {max(a, b)} AND composite_index IS NOT NULL"""
    ).fetchone()
    return None if row[0] is None else (int(row[0]), int(row[1]))
