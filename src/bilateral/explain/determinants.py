"""Determinants: which dyad traits go with closer relations, across all dyads,
and how much each adds to or takes from A–B's level.

The model: OLS of the purged outcome (:mod:`bilateral.explain.panel`) on the
determinants and year fixed effects, over every dyad-year from
:data:`FIRST_YEAR` on in which the outcome and every determinant exist
(rivalry data end in 2010, trade in 2014, so in practice 1990–2010),
with standard errors clustered two ways, by each country of the pair
(Cameron, Gelbach & Miller 2011: a dyad-year's errors are correlated with
those of every other dyad that shares a state, not only within the dyad).
Each coefficient comes with its 95% interval, and a sentence calls an effect
clear only when that interval excludes zero.

A determinant's contribution to A–B's level in year t is
``coef × (x_AB,t − mean of x over all dyads in t)``: with year fixed
effects, the relevant comparison is the average dyad of the same year.
The contributions add up to the model's predicted gap between A–B and the
average dyad; the rest of the actual gap is what the model does not explain.

These are associations across dyads, not causes: the determinants are
correlated with each other and with traits the model leaves out, and
relations feed back on them (allies join the same IGOs).

Fitting takes a few seconds (most of it building the panel), so the warehouse build stores the fit
(:func:`store`, tables ``out_determinants`` and
``out_determinants_means``); :func:`load` reads it, and fits once per
process when a warehouse has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from bilateral.explain import frames
from bilateral.explain.evidence import DERIVED, Evidence, Statement, join, level, num, records, signed
from bilateral.explain.panel import BY_NAME, outcome_indicators, panel

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

    data = data.dropna(subset=["outcome", *names])
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


def build_determinants(con) -> None:
    """The build hook: fit the default model (composite, every determinant) and store it."""
    store(con, fit_model(con))


def load(con) -> Fit:
    """The stored fit, or one fitted now (once per warehouse and process)."""
    if {TERMS_TABLE, MEANS_TABLE} <= frames.tables(con):
        terms = con.sql(f"SELECT * FROM {TERMS_TABLE}").df()
        means = con.sql(f"SELECT * FROM {MEANS_TABLE}").df().pivot(index="year", columns="variable", values="mean")
        row = terms.iloc[0]
        return Fit(str(row["outcome"]), terms[["term", "coef", "se", "ci_low", "ci_high", "p"]], means, int(row["n_obs"]),
                   int(row["n_dyads"]), (int(row["first_year"]), int(row["last_year"])), float(row["r2"]), str(row["outcome_indicators"]))
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    built = con.execute("SELECT max(built_at) FROM _sources").fetchone()[0] if "_sources" in frames.tables(con) else None
    key = (path, str(built))
    if key not in _FITTED:
        _FITTED[key] = fit_model(con)
    return _FITTED[key]


def contributions(fit: Fit, row: pd.Series) -> pd.DataFrame:
    """Per determinant: A–B's value, the year's mean, and coef × (value − mean)."""
    year = int(row["year"])
    means = fit.means.loc[year]
    out = fit.terms.copy()
    out["value"] = [float(row[t]) for t in out["term"]]
    out["mean"] = [float(means[t]) for t in out["term"]]
    out["contribution"] = out["coef"] * (out["value"] - out["mean"])
    return out


def determinants(con, a, b, years: tuple[int, int] | None = None, fit: Fit | None = None) -> dict:
    """The model's coefficients and what each determinant adds to A–B's level,
    in the latest model year within ``years`` (else the latest model year)."""
    fit = fit or load(con)
    statements = [_model_statement(fit), _purge_statement(fit)]
    statements += [_coef_statement(fit, r) for r in fit.terms.itertuples()]
    rows = panel(con, fit.years, fit.outcome, tuple(fit.terms["term"]), dyad=(a.ccode, b.ccode)).dropna()
    table = None
    if rows.empty:
        statements.append(Statement(
            f"{a.name}–{b.name} has no year in {fit.years[0]}–{fit.years[1]} with the outcome and every determinant, so the model "
            "cannot place it.", (Evidence(DERIVED, "model_rows_for_dyad", 0, "dyad-years", date=f"{fit.years[0]}/{fit.years[1]}",
                                          table=TERMS_TABLE),), kind="gap"))
    else:
        inside = rows[rows["year"].between(*years)] if years else rows
        row = (inside if not inside.empty else rows).sort_values("year").iloc[-1]
        table = contributions(fit, row)
        statements.append(_contribution_statement(a, b, fit, row, table))
    statements.append(_limits_statement(fit))
    return {"statements": statements, "outcome": fit.outcome, "outcome_indicators": fit.indicators,
            "years": list(fit.years), "n_obs": fit.n_obs, "n_dyads": fit.n_dyads, "r2": fit.r2,
            "coefficients": records(fit.terms), "contributions": records(table) if table is not None else []}


def _ev(measure, value, unit, fit, note=None, year=None) -> Evidence:
    when = None if year is not None else f"{fit.years[0]}/{fit.years[1]}"
    return Evidence(DERIVED, measure, round(float(value), 4), unit, year=year, date=when, table=TERMS_TABLE, note=note)


def _model_statement(fit: Fit) -> Statement:
    return Statement(
        f"A panel model across {fit.n_obs:,} dyad-years ({fit.n_dyads:,} dyads, {fit.years[0]}–{fit.years[1]}), with year fixed "
        f"effects and standard errors clustered two ways (by each state of the pair), accounts for R² = {num(fit.r2, 2)} of the differences in the outcome "
        "between dyads in the same year.",
        (_ev("model_n_obs", fit.n_obs, "dyad-years", fit), _ev("model_n_dyads", fit.n_dyads, "dyads", fit),
         _ev("model_r2", fit.r2, "within-year share of variance", fit)))


def _purge_statement(fit: Fit) -> Statement:
    overlapping = [f"{BY_NAME[t].label} ({', '.join(BY_NAME[t].uses)})" for t in fit.terms["term"] if BY_NAME[t].uses]
    return Statement(
        f"The outcome is the {fit.outcome} rebuilt without the data the determinants are made of: {join(overlapping)} are "
        f"themselves inputs of the index, so they are left out of it, and the outcome rests on {fit.indicators}.",
        (_ev("outcome_indicators", len(fit.indicators.split(", ")), "indicators", fit, note=fit.indicators),), kind="gap")


def _coef_statement(fit: Fit, r) -> Statement:
    d = BY_NAME[r.term]
    clear = "clearly " + ("positive" if r.ci_low > 0 else "negative") if r.ci_low > 0 or r.ci_high < 0 else "not clearly different from zero"
    return Statement(
        f"{d.label[0].upper() + d.label[1:]}: {num(r.coef, 2)} outcome points {d.per} "
        f"(95% interval {num(r.ci_low, 2)} to {num(r.ci_high, 2)}), {clear}.",
        (_ev(f"coef_{r.term}", r.coef, f"outcome points per unit of {d.unit}", fit, note=f"source of the determinant: {d.source}"),
         _ev(f"coef_{r.term}_ci_low", r.ci_low, f"outcome points per unit of {d.unit}", fit),
         _ev(f"coef_{r.term}_ci_high", r.ci_high, f"outcome points per unit of {d.unit}", fit),
         level(f"{fit.years[0]}/{fit.years[1]}")))


def _contribution_statement(a, b, fit: Fit, row: pd.Series, table: pd.DataFrame) -> Statement:
    year = int(row["year"])
    mean_y = float(fit.means.loc[year, "outcome"])
    gap = float(row["outcome"]) - mean_y
    explained = float(table["contribution"].sum())
    ordered = table.reindex(table["contribution"].abs().sort_values(ascending=False).index)
    parts = [f"{BY_NAME[r.term].label} {signed(r.contribution)}" for r in ordered.itertuples()]
    ev = [_ev("outcome", row["outcome"], "outcome points", fit, note=f"{a.name}–{b.name}", year=year),
          _ev("outcome_mean", mean_y, "outcome points", fit, note="mean over all dyads that year", year=year),
          _ev("outcome_gap", gap, "outcome points", fit, year=year), _ev("explained_gap", explained, "outcome points", fit, year=year),
          _ev("unexplained_gap", gap - explained, "outcome points", fit, year=year)]
    ev += [_ev(f"contribution_{r.term}", r.contribution, "outcome points", fit, year=year,
               note=f"coef {r.coef:.4f} × ({r.value:.4f} − mean {r.mean:.4f})") for r in ordered.itertuples()]
    return Statement(
        f"In {year}, {a.name}–{b.name} scores {num(row['outcome'], 1)} on the outcome against {num(mean_y, 1)} for the average dyad "
        f"({signed(gap)}). The determinants account for {signed(explained)} of that gap: {join(parts)}; the other "
        f"{signed(gap - explained)} is not explained by the model.", tuple(ev))


def _limits_statement(fit: Fit) -> Statement:
    return Statement(
        "These are associations across dyads, not causes: the determinants are correlated with one another and with traits the model "
        "leaves out (economic size beyond capabilities, history, language), and close relations feed back on them (partners join "
        "the same organisations and align their votes).",
        (_ev("model_n_obs", fit.n_obs, "dyad-years", fit),), kind="gap")
