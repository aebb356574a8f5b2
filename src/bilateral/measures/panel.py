"""The dyad-year panel behind the determinants model: candidate determinants
and an outcome that does not contain them.

Determinants (:data:`DETERMINANTS`), each from its own source:

- ``shared_alignment``: how alike the two sides' UN voting relations with
  everyone else are: the Pearson correlation, across all third states k
  that year, of A's and B's agreement shares with k (``un_agree_share``;
  pairwise complete, at least :data:`MIN_THIRDS` third states);
- ``regime_difference``: |V-Dem polyarchy of A − of B| (0–1);
- ``log_distance``: ln(1 + minimum distance in km);
- ``capability_ratio``: |ln(CINC of A / CINC of B)| (0 = equal power);
- ``combined_size``: ln CINC of A + ln CINC of B, a control for the two
  sides' joint size (the "mass" of gravity models: big states trade and
  arm more with everyone, so without it IGOs and alliances stand in for size);
- ``alliance``: any ATOP obligation in force (0/1);
- ``rivalry``: strategic rivalry (Thompson & Dreyer, 0/1);
- ``igo_shared``: intergovernmental organisations both belong to.

**No determinant in its own outcome.** Several determinants are indicators
of the composite index too (alliance of the military score, IGOs
of the political one; shared alignment is built from the same UN votes as
the alignment score). Regressing the composite on them would partly regress
a thing on itself. So the outcome is *purged*: rebuilt, exactly like the
composite (0–100 indicator scores of out_index → mean per dimension →
default-weighted mean), from only the indicators that no chosen determinant
shares data with (:func:`outcome_indicators`). With every determinant
chosen, the composite's purged outcome rests on trade, arms deliveries and
co-authored works; a dyad-year
counts only when its outcome rests on at least two dimensions (so one
without trade data is not scored on arms transfers alone).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from bilateral.measures.catalog import DIMENSIONS
from bilateral.measures.directed import directed
from bilateral.measures.index import DEFAULT_WEIGHTS, composite_indicators

MIN_THIRDS = 20
MIN_OUTCOME_DIMENSIONS = 2


@dataclass(frozen=True)
class Determinant:
    name: str
    label: str
    unit: str
    source: str
    per: str  # "per ..." in sentences (no digits, so every number in a sentence is a value)
    uses: tuple[str, ...] = ()  # index indicators built from the same data


DETERMINANTS = (
    Determinant("shared_alignment", "shared alignment with third states", "Pearson r of UN agreement with third states", "unvotes",
                "per unit of correlation between the two sides' UN agreement with everyone else", ("un_agree_share", "un_s_score", "un_kappa", "ideal_point_distance")),
    Determinant("regime_difference", "regime difference", "|difference in V-Dem polyarchy| (0–1)", "democracy",
                "per full-scale difference in V-Dem polyarchy"),
    Determinant("log_distance", "distance", "ln(1 + km)", "geography", "per unit of log distance"),
    Determinant("capability_ratio", "capability ratio", "|ln(CINC of A / CINC of B)|", "cow_nmc", "per unit of log capability ratio"),
    Determinant("combined_size", "combined size", "ln CINC of A + ln CINC of B", "cow_nmc", "per unit of log combined capabilities"),
    Determinant("alliance", "alliance", "0/1 (any ATOP obligation)", "atop", "for an alliance in force", ("atop_any", "atop_defense")),
    Determinant("rivalry", "strategic rivalry", "0/1", "rivalries", "for a strategic rivalry", ("rivalry",)),
    Determinant("igo_shared", "shared IGO memberships", "IGOs", "cow_igo", "per shared IGO", ("igo_shared",)),
)
BY_NAME = {d.name: d for d in DETERMINANTS}


def outcome_indicators(outcome: str, names: tuple[str, ...]) -> dict[str, list[str]]:
    """Per dimension, the index indicators of ``outcome`` that no determinant in ``names`` uses."""
    used = {u for n in names for u in BY_NAME[n].uses}
    dims = DIMENSIONS if outcome == "composite" else (outcome,)
    kept = {d: [i.measure for i in composite_indicators(d) if i.measure not in used] for d in dims}
    if not any(kept.values()):
        raise ValueError(f"every indicator of {outcome!r} is built from the same data as a determinant; "
                         "choose another outcome or drop the overlapping determinant")
    return kept


def purged_outcome(frame: pd.DataFrame, kept: dict[str, list[str]]) -> tuple[pd.Series, pd.Series]:
    """The outcome from ``ind_<indicator>`` columns (out_index's 0–100 indicator scores): mean per dimension, then
    the default-weighted mean of the dimensions with data (as the composite);
    and how many dimensions entered it."""
    column = {i.measure: f"ind_{i.name}" for i in composite_indicators()}
    scores = {d: frame[[column[m] for m in ms]].astype(float).mean(axis=1) for d, ms in kept.items() if ms}
    present = pd.DataFrame({d: s.notna() for d, s in scores.items()}).sum(axis=1)
    weights = pd.DataFrame({d: np.where(s.notna(), DEFAULT_WEIGHTS[d], 0.0) for d, s in scores.items()}, index=frame.index)
    values = pd.DataFrame({d: s.fillna(0.0) for d, s in scores.items()})
    total = weights.sum(axis=1)
    return (values * weights).sum(axis=1).div(total.where(total > 0)), present


def required_dimensions(kept: dict[str, list[str]]) -> int:
    """Dimensions the outcome must rest on for a row to count: two when two
    can exist (so a dyad without trade data is not scored on arms alone), else one."""
    return min(MIN_OUTCOME_DIMENSIONS, sum(1 for ms in kept.values() if ms))


def _sql(years: tuple[int, int], dyads: tuple[int, int] | None) -> str:
    pct = ", ".join(f"i.ind_{i.name}" for i in composite_indicators())
    where = f"d.year BETWEEN {int(years[0])} AND {int(years[1])}"
    if dyads:
        where += f" AND d.ccode1 = {min(dyads)} AND d.ccode2 = {max(dyads)}"
    return f"""
        SELECT d.ccode1, d.ccode2, d.year,
               abs(v1.v2x_polyarchy - v2.v2x_polyarchy) AS regime_difference,
               ln(1 + d.mindist_km) AS log_distance,
               CASE WHEN n1.cinc > 0 AND n2.cinc > 0 THEN abs(ln(n1.cinc / n2.cinc)) END AS capability_ratio,
               CASE WHEN n1.cinc > 0 AND n2.cinc > 0 THEN ln(n1.cinc) + ln(n2.cinc) END AS combined_size,
               CAST(d.atop_any AS DOUBLE) AS alliance, CAST(d.rivalry AS DOUBLE) AS rivalry,
               CAST(d.igo_shared AS DOUBLE) AS igo_shared, {pct}
        FROM out_dyad_year d
        JOIN out_index i ON i.ccode1 = d.ccode1 AND i.ccode2 = d.ccode2 AND i.year = d.year
        LEFT JOIN core_democracy__state_year v1 ON v1.ccode = d.ccode1 AND v1.year = d.year
        LEFT JOIN core_democracy__state_year v2 ON v2.ccode = d.ccode2 AND v2.year = d.year
        LEFT JOIN core_cow_nmc__state_year n1 ON n1.ccode = d.ccode1 AND n1.year = d.year
        LEFT JOIN core_cow_nmc__state_year n2 ON n2.ccode = d.ccode2 AND n2.year = d.year
        WHERE {where}"""


def agreement_matrix(rows: pd.DataFrame) -> pd.DataFrame:
    """One year's symmetric matrix of UN agreement shares from its dyad rows
    (NaN on the diagonal and where missing)."""
    both = pd.concat([rows, rows.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})])
    return both.pivot(index="ccode1", columns="ccode2", values="un_agree_share")


def shared_alignment(con, years: tuple[int, int], pair: tuple[int, int] | None = None) -> pd.DataFrame:
    """Rows (ccode1, ccode2, year, shared_alignment): the correlation over third
    states k of agreement(A, k) and agreement(B, k). A and B themselves never
    count as third states (the matrix diagonal is missing)."""
    if pair:
        return _pair_alignment(con, years, *sorted(pair))
    rows = con.sql(f"""SELECT ccode1, ccode2, year, un_agree_share FROM out_dyad_year
                       WHERE year BETWEEN {int(years[0])} AND {int(years[1])} AND un_agree_share IS NOT NULL""").df()
    out = []
    for year, group in rows.groupby("year"):
        corr = agreement_matrix(group).corr(min_periods=MIN_THIRDS)
        corr.index.name, corr.columns.name = "ccode1", "ccode2"
        long = corr.stack().rename("shared_alignment").reset_index()
        out.append(long[long["ccode1"] < long["ccode2"]].assign(year=int(year)))
    if not out:
        return pd.DataFrame(columns=["ccode1", "ccode2", "year", "shared_alignment"])
    return pd.concat(out, ignore_index=True)


def _pair_alignment(con, years: tuple[int, int], a: int, b: int) -> pd.DataFrame:
    """:func:`shared_alignment` for one dyad, every year in one query (same definition)."""
    rows = directed(con, "out_dyad_year", [a, b], ("un_agree_share",), years, where="un_agree_share IS NOT NULL")
    rows = rows.rename(columns={"un_agree_share": "v"})
    rows = rows[~rows["partner"].isin([a, b])]
    wide = rows.pivot_table(index=["year", "partner"], columns="state", values="v").reindex(columns=[a, b]).dropna()
    out = []
    for year, group in wide.groupby(level="year"):
        r = group[a].corr(group[b]) if len(group) >= MIN_THIRDS else np.nan
        out.append((a, b, int(year), r))
    return pd.DataFrame(out, columns=["ccode1", "ccode2", "year", "shared_alignment"])


def panel(con, years: tuple[int, int], outcome: str = "composite", names: tuple[str, ...] | None = None,
          dyad: tuple[int, int] | None = None) -> pd.DataFrame:
    """Dyad-years with the chosen determinants and the purged outcome (column
    ``outcome``); all dyads, or only ``dyad``."""
    names = tuple(names or BY_NAME)
    frame = con.sql(_sql(years, dyad)).df()
    if "shared_alignment" in names:
        shared = shared_alignment(con, years, pair=dyad)
        frame = frame.merge(shared, on=["ccode1", "ccode2", "year"], how="left")
    kept = outcome_indicators(outcome, names)
    frame["outcome"], present = purged_outcome(frame, kept)
    frame.loc[present < required_dimensions(kept), "outcome"] = np.nan
    return frame[["ccode1", "ccode2", "year", "outcome", *names]]
