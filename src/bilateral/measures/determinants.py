"""The determinants model: which dyad traits go with closer relations,
across all dyads, fitted once per warehouse build and stored as a table.

The model: OLS of the purged outcome (:mod:`bilateral.measures.panel`) on the
determinants and year fixed effects, over every dyad-year from
:data:`FIRST_YEAR` on in which the outcome and every determinant exist
(rivalry data end in 2010, trade in 2014, so in practice 1990–2010),
with standard errors clustered two ways, by each country of the pair
(Cameron, Gelbach & Miller 2011: a dyad-year's errors are correlated with
those of every other dyad that shares a state, not only within the dyad).
Each coefficient comes with its 95% interval.

**Why here, in the measures layer.** The fit is a property of all dyads, not
of the pair being explained, and it takes a few seconds (most of it building
the panel). So it is a measure-layer table like the composite index: the
warehouse build calls :func:`build` after ``out_index``, which stores the
terms in ``out_determinants`` and the yearly means in
``out_determinants_means``; the explanations (:mod:`bilateral.explain.determinants`)
only read it (:func:`load`) and write their statements from it. The build
therefore never imports the explain layer. :func:`load` fits once per
process only for a warehouse built before the tables existed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from bilateral.measures.panel import BY_NAME, outcome_indicators, panel

FIRST_YEAR = 1990
TERMS_TABLE, MEANS_TABLE = "out_determinants", "out_determinants_means"
_FITTED: dict[tuple, "Fit"] = {}


@dataclass
class Fit:
    """A fitted model: one row per determinant in ``terms``, the yearly means of
    the outcome and each determinant in ``means`` (index year)."""

    outcome: str
    terms: pd.DataFrame  # term, coef, se, ci_low, ci_high, p
    means: pd.DataFrame
    n_obs: int
    n_dyads: int
    years: tuple[int, int]
    r2: float
    indicators: str  # the outcome's indicators, comma-separated


def fit_panel(data: pd.DataFrame, names: list[str], outcome: str = "composite", indicators: str = "") -> Fit:
    """OLS of ``outcome`` on ``names`` with year fixed effects, SEs clustered two
    ways, by ``ccode1`` and by ``ccode2`` (statsmodels' ``cov_type="cluster"``
    with two group columns: V₁ + V₂ − V₁∩₂, Cameron, Gelbach & Miller 2011).

    The year effects are absorbed by demeaning every variable within its year
    (Frisch–Waugh–Lovell: the same coefficients as year dummies, and a design
    of a few columns instead of dozens, which keeps the fit to seconds on
    ~230,000 rows). The cluster-robust covariance is statsmodels'; its
    small-sample factor (N − 1)/(N − K) is then corrected so that K counts the
    year effects too, which makes the standard errors equal those of the
    dummy regression (a test checks this). ``r2`` is the within-year R²: the
    share of the differences between dyads in the same year that the
    determinants account for."""
    import statsmodels.api as sm  # slow to import; only fitting needs it
    from scipy.stats import norm

    # rows in a fixed order (DuckDB returns them in any), so that the sums, and the fit, are the same to the last bit every build
    data = data.dropna(subset=["outcome", *names]).sort_values(["year", "ccode1", "ccode2"], kind="stable", ignore_index=True)
    if data.empty:
        raise ValueError("no dyad-year has the outcome and every determinant")
    columns = ["outcome", *names]
    within = data[columns].astype(float) - data.groupby("year")[columns].transform("mean").astype(float)
    dyads = (data["ccode1"].astype(np.int64) * 10_000 + data["ccode2"].astype(np.int64)).to_numpy()
    groups = data[["ccode1", "ccode2"]].astype(np.int64).to_numpy()
    result = sm.OLS(within["outcome"].to_numpy(), within[names].to_numpy()).fit(cov_type="cluster", cov_kwds={"groups": groups})
    n, k, years = len(data), len(names), data["year"].nunique()
    se = np.asarray(result.bse) * np.sqrt((n - k) / (n - k - years))
    half = norm.ppf(0.975) * se
    coef = np.asarray(result.params)
    terms = pd.DataFrame({"term": names, "coef": coef, "se": se, "ci_low": coef - half, "ci_high": coef + half,
                          "p": 2 * norm.sf(np.abs(coef / se))})
    means = data.groupby("year")[columns].mean()
    return Fit(outcome, terms, means, n, len(np.unique(dyads)), (int(data["year"].min()), int(data["year"].max())),
               float(result.rsquared), indicators)


def last_year(con) -> int:
    """The last year in which every determinant's data exist (rivalry ends first)."""
    columns = ("rivalry", "atop_any", "igo_shared", "mindist_km", "un_agree_share")
    found = con.execute("SELECT " + ", ".join(f"max(year) FILTER (WHERE {c} IS NOT NULL)" for c in columns) + " FROM out_dyad_year").fetchone()
    return int(min(v for v in found if v is not None))


def fit_model(con, outcome: str = "composite", names: tuple[str, ...] | None = None) -> Fit:
    """Build the panel from the warehouse and fit it (a few seconds)."""
    names = tuple(names or BY_NAME)
    kept = outcome_indicators(outcome, names)
    data = panel(con, (FIRST_YEAR, last_year(con)), outcome, names)
    return fit_panel(data, list(names), outcome, ", ".join(m for ms in kept.values() for m in ms))


def store(con, fit: Fit) -> None:
    """Write the fit into the warehouse (replacing an earlier one)."""
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    terms = fit.terms.assign(outcome=fit.outcome, n_obs=fit.n_obs, n_dyads=fit.n_dyads, first_year=fit.years[0],
                             last_year=fit.years[1], r2=fit.r2, outcome_indicators=fit.indicators, fitted_at=stamp)
    means = fit.means.reset_index().melt(id_vars="year", var_name="variable", value_name="mean")
    for name, frame in ((TERMS_TABLE, terms), (MEANS_TABLE, means)):
        con.register("_fit_frame", frame)
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _fit_frame")
        con.unregister("_fit_frame")


def build(con) -> None:
    """The build hook: fit the default model (composite, every determinant) and store it."""
    store(con, fit_model(con))


def load(con) -> Fit:
    """The stored fit, or one fitted now (once per warehouse and process)."""
    if {TERMS_TABLE, MEANS_TABLE} <= _tables(con):
        terms = con.sql(f"SELECT * FROM {TERMS_TABLE}").df()
        means = con.sql(f"SELECT * FROM {MEANS_TABLE}").df().pivot(index="year", columns="variable", values="mean")
        row = terms.iloc[0]
        return Fit(str(row["outcome"]), terms[["term", "coef", "se", "ci_low", "ci_high", "p"]], means, int(row["n_obs"]),
                   int(row["n_dyads"]), (int(row["first_year"]), int(row["last_year"])), float(row["r2"]), str(row["outcome_indicators"]))
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    built = con.execute("SELECT max(built_at) FROM _sources").fetchone()[0] if "_sources" in _tables(con) else None
    key = (path, str(built))
    if key not in _FITTED:
        _FITTED[key] = fit_model(con)
    return _FITTED[key]


def _tables(con) -> set[str]:
    return {row[0] for row in con.sql("SELECT table_name FROM information_schema.tables").fetchall()}
