"""Third states: does A–B closeness move with both sides' closeness to C?

- **Candidates.** Over the last :data:`RECENT_YEARS` years with an A–B
  composite, each third state C gets the mean composite of A–C and of B–C;
  only states with both, each resting on at least two dimensions, in at
  least half of those years count.
- **Default C.** The state both are jointly closest to: the highest
  ``min(mean A–C, mean B–C)`` (the weaker of the two ties decides, so a state
  close to one side only does not win), ties broken by the mean of the two.
- **Farthest.** The lowest ``max(mean A–C, mean B–C)``: both sides are far.
- **Co-movement.** Shared closeness ``S = (A–C + B–C) / 2`` per year; the
  Pearson correlation of the year-on-year changes of A–B and of S, with a
  Fisher-z 95% interval. A–B "moves with" C when the whole interval is above
  0. Changes, not levels, so that two series that merely trend are not
  read as linked; a year in which the inputs of any of the three scores
  changed (trade data end in 2014, say) is left out, since every composite
  moves then. A caveat: A–B and A–C share A's own data (A's UN votes enter
  both), so part of any co-movement is mechanical; docs/method.md says so.
"""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd

from bilateral.explain import frames, stats
from bilateral.explain.evidence import (COVERAGE, DERIVED, SCORES, Evidence, Statement, interval, join, level, num, records,
                                        score, span, the)

RECENT_YEARS = 10
MIN_DIMENSIONS = 2  # a composite resting on one dimension is not compared
LIST_LENGTH = 5


def candidates(con, a: int, b: int, years: tuple[int, int], scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Third states with A's and B's mean composite over the recent years, best first."""
    scores = frames.scores_for(con, [a, b], years, scores)
    recent = recent_years(scores, a, b, years)
    if recent is None:
        return pd.DataFrame(columns=["third", "iso3", "name", "with_a", "with_b", "joint", "mean", "far", "years"])
    scores = scores[scores["year"].between(*recent)][["state", "partner", "year", "composite_index", "composite_dimensions"]].dropna()
    scores = scores[~scores["partner"].isin([a, b]) & (scores["composite_dimensions"] >= MIN_DIMENSIONS)]
    wide = scores.pivot_table(index=["partner", "year"], columns="state", values="composite_index").dropna()
    needed = (recent[1] - recent[0] + 1) / 2
    table = wide.groupby(level="partner").agg(with_a=(a, "mean"), with_b=(b, "mean"), years=(a, "size"))
    table = table[table["years"] >= needed].reset_index().rename(columns={"partner": "third"})
    table["joint"] = table[["with_a", "with_b"]].min(axis=1)
    table["mean"] = table[["with_a", "with_b"]].mean(axis=1)
    table["far"] = table[["with_a", "with_b"]].max(axis=1)
    table = table.merge(frames.states(con, recent[1]).rename(columns={"ccode": "third"}), on="third", how="left")  # named as then
    table.attrs["years"] = recent
    return table.sort_values(["joint", "mean"], ascending=False).reset_index(drop=True)


def recent_years(scores: pd.DataFrame, a: int, b: int, years: tuple[int, int]) -> tuple[int, int] | None:
    """The last RECENT_YEARS years up to the window's end with an A–B composite."""
    found = frames.pair(scores, a, b).dropna(subset=["composite_index"])
    found = found[found["year"].between(*years)]
    if found.empty:
        return None
    last = int(found["year"].max())
    return (max(last - RECENT_YEARS + 1, int(found["year"].min())), last)


def series(scores: pd.DataFrame, a: int, b: int, c: int, years: tuple[int, int]) -> pd.DataFrame:
    """Every score of A–B, A–C and B–C per year (columns ``<score>_ab`` and so on),
    from the directed frame of A and B."""
    out = None
    columns = [*SCORES.values(), *COVERAGE.values()]
    for suffix, (x, y) in {"ab": (a, b), "ac": (a, c), "bc": (b, c)}.items():
        part = frames.pair(scores, x, y)[["year", *(c for c in columns if c in scores)]]
        part = part[part["year"].between(*years)]
        part = part.rename(columns={col: f"{col}_{suffix}" for col in columns})
        out = part if out is None else out.merge(part, on="year", how="outer")
    return out.sort_values("year").reset_index(drop=True)


def co_movements(table: pd.DataFrame) -> dict[str, stats.Correlation | None]:
    """Per score: correlation of changes in A–B with changes in shared closeness
    to C, leaving out the years in which the inputs of any of the three
    dyads' scores changed (when trade data end, every composite moves at once)."""
    out = {}
    frame = table.set_index("year")
    for name, column in SCORES.items():
        shared = (frame[f"{column}_ac"] + frame[f"{column}_bc"]) / 2
        out[name] = stats.co_movement(frame[f"{column}_ab"], shared, skip=coverage_breaks(frame, COVERAGE[name]))
    return out


def coverage_breaks(frame: pd.DataFrame, column: str) -> set[int]:
    """Years in which the number of inputs of a score changed for A–B, A–C or B–C."""
    years: set[int] = set()
    for suffix in ("ab", "ac", "bc"):
        name = f"{column}_{suffix}"
        if name in frame:
            counts = frame[name].dropna()
            years |= {int(y) for y in counts.index[counts.diff().fillna(0) != 0]}
    return years


def triad(con, a, b, third=None, years: tuple[int, int] = (1816, 2100), scores: pd.DataFrame | None = None) -> dict:
    """A–C and B–C beside A–B, the co-movement test, and the third states both
    sides are closest to and farthest from. ``a``, ``b``, ``third`` are resolved
    states; ``scores`` optionally the directed frame of A and B."""
    scores = frames.scores_for(con, [a.ccode, b.ccode], years, scores)
    table = candidates(con, a.ccode, b.ccode, years, scores)
    statements: list[Statement] = []
    if table.empty:
        return _no_candidates(a, b, years)
    recent = table.attrs["years"]
    c_code = third.ccode if third is not None else int(table.iloc[0]["third"])
    c_name = third.name if third is not None else str(table.iloc[0]["name"])
    if third is None:
        statements.append(_default_statement(a, b, table.iloc[0], recent))
    wide = series(scores, a.ccode, b.ccode, c_code, years)
    moves = co_movements(wide)
    statements += _co_statements(a, b, c_name, moves)
    statements += _list_statements(a, b, table, recent)
    return {
        "statements": statements,
        "third": {"ccode": c_code, "name": c_name, "default": third is None},
        "co_movement": {k: asdict(v) if v else None for k, v in moves.items()},
        "series": records(wide),
        "closest": records(table.head(LIST_LENGTH)[["third", "iso3", "name", "with_a", "with_b", "joint"]]),
        "farthest": records(table.sort_values(["far", "mean"]).head(LIST_LENGTH)[["third", "iso3", "name", "with_a", "with_b", "far"]]),
        "candidate_years": list(recent),
    }


def _ev(measure: str, value: float, recent, note: str | None = None) -> Evidence:
    return Evidence(DERIVED, measure, round(float(value), 4), "score 0–100 (docs/method.md: indices)", date=interval(*recent),
                    table="out_index", note=note)


def _default_statement(a, b, row, recent) -> Statement:
    return Statement(
        f"The third state both {the(a.name)} and {the(b.name)} are jointly closest to in {span(*recent)} is {the(row['name'])}: "
        f"mean composite {score(row['with_a'])} with {the(a.name)} and {score(row['with_b'])} with {the(b.name)} "
        "(the state whose weaker tie with the two is the strongest).",
        (_ev(f"composite_index_{a.iso3}_{row['iso3']}", row["with_a"], recent),
         _ev(f"composite_index_{b.iso3}_{row['iso3']}", row["with_b"], recent)))


def _co_statements(a, b, c_name: str, moves: dict) -> list[Statement]:
    out = []
    for name, corr in moves.items():
        if corr is None:
            continue
        what = "composite" if name == "composite" else f"{name} score"
        when = interval(corr.first, corr.last)
        ev = (Evidence(DERIVED, f"co_movement_{name}_r", round(corr.r, 4), "Pearson r of year-on-year changes", date=when, table="out_index",
                       note=f"changes in {a.name}–{b.name} vs changes in the mean of {a.name}–{c_name} and {b.name}–{c_name}; n = {corr.n}"),
              Evidence(DERIVED, f"co_movement_{name}_ci_low", round(corr.low, 4), "Fisher-z 95% bound", date=when, table="out_index"),
              Evidence(DERIVED, f"co_movement_{name}_ci_high", round(corr.high, 4), "Fisher-z 95% bound", date=when, table="out_index"),
              Evidence(DERIVED, f"co_movement_{name}_n", corr.n, "yearly changes", date=when, table="out_index"), level(when))
        ci = f"r = {num(corr.r, 2)}, 95% interval {num(corr.low, 2)} to {num(corr.high, 2)}, {corr.n} yearly changes in {span(corr.first, corr.last)}"
        c = the(c_name)
        if corr.positive:
            text = f"On the {what}, {a.name}–{b.name} moves with both sides' closeness to {c}: the years their ties with {c} grow closer are years they grow closer to each other ({ci})."
        elif corr.high < 0:
            text = f"On the {what}, {a.name}–{b.name} moves against both sides' closeness to {c} ({ci})."
        else:
            text = f"On the {what}, the data show no clear co-movement of {a.name}–{b.name} with their shared closeness to {c} ({ci})."
        out.append(Statement(text, ev))
    return out


def _list_statements(a, b, table: pd.DataFrame, recent) -> list[Statement]:
    closest = table.head(LIST_LENGTH)
    farthest = table.sort_values(["far", "mean"]).head(LIST_LENGTH)
    out = []
    for rows, which, column in ((closest, "closest to", "joint"), (farthest, "farthest from", "far")):
        named = [f"{the(r['name'])} ({score(r['with_a'])}, {score(r['with_b'])})" for _, r in rows.iterrows()]
        ev = []
        for _, r in rows.iterrows():
            ev += [_ev(f"composite_index_{a.iso3}_{r['iso3']}", r["with_a"], recent),
                   _ev(f"composite_index_{b.iso3}_{r['iso3']}", r["with_b"], recent)]
        out.append(Statement(
            f"Third states both {the(a.name)} and {the(b.name)} are {which} in {span(*recent)} (mean composite with {the(a.name)}, with {the(b.name)}): "
            f"{join(named)}.", tuple(ev)))
    return out


def _no_candidates(a, b, years) -> dict:
    statement = Statement(
        f"No third state has a composite resting on at least {MIN_DIMENSIONS} dimensions with both {the(a.name)} and {the(b.name)} "
        f"in at least half of the last {RECENT_YEARS} years with a composite for {a.name}–{b.name} up to {years[1]}, so none can be "
        "chosen by default; name one to compare.",
        (Evidence(DERIVED, "third_state_candidates", 0, "states", date=interval(*years), table="out_index"),
         Evidence(DERIVED, "min_dimensions", MIN_DIMENSIONS, "dimensions", date=interval(*years), table="out_index"),
         Evidence(DERIVED, "recent_years", RECENT_YEARS, "years", date=interval(*years), table="out_index")), kind="gap")
    return {"statements": [statement], "third": None, "co_movement": {}, "series": [], "closest": [], "farthest": [],
            "candidate_years": None}
