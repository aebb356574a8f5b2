"""Determinants: which dyad traits go with closer relations, across all dyads,
and how much each adds to or takes from A–B's level.

The model is fitted across all dyads by the warehouse build and stored
(:mod:`bilateral.measures.determinants`: the panel, the OLS with year fixed
effects and two-way clustered standard errors, tables ``out_determinants``
and ``out_determinants_means``); this module reads the fit and writes what it
says about one pair. A coefficient is called clear only when its 95%
interval excludes zero.

A determinant's contribution to A–B's level in year t is
``coef × (x_AB,t − mean of x over all dyads in t)``: with year fixed
effects, the relevant comparison is the average dyad of the same year.
The contributions add up to the model's predicted gap between A–B and the
average dyad; the rest of the actual gap is what the model does not explain.

These are associations across dyads, not causes: the determinants are
correlated with each other and with traits the model leaves out, and
relations feed back on them (allies join the same IGOs).
"""

from __future__ import annotations

import pandas as pd

from bilateral.explain.evidence import DERIVED, Evidence, Statement, join, level, num, records, signed
from bilateral.measures.determinants import MEANS_TABLE, TERMS_TABLE, Fit, load  # noqa: F401 - the fit, read from the warehouse
from bilateral.measures.panel import BY_NAME, panel


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
