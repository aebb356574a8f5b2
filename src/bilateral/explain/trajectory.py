"""Trajectory: where a relationship has been going, and when it turned.

For the composite and each dimension score of A–B:

- the trend: the OLS slope on the year, with its 95% interval (Newey–West errors)
  (:func:`bilateral.explain.stats.trend`);
- turning points: breaks in a piecewise-linear fit, found by PELT
  (:mod:`bilateral.explain.pelt`, the computation of ruptures'
  ``model="linear"`` on ``[score, 1, year]``, so a break can be a
  jump in level or a change of slope), with a penalty of
  ``5 · σ² · ln n`` per break, where σ is the noise of the series,
  estimated robustly from its year-on-year changes (MAD / 0.6745 / √2) and
  floored at :data:`NOISE_FLOOR` points; segments last at least
  :data:`MIN_SIZE` years. The BIC value, ``3 · σ² · ln n`` (a break, an
  intercept and a slope per new segment), invents a turning point in about
  one noisy straight line in six on 32 years; ``5`` keeps that near one in
  twenty-five and still finds a level shift of seven noise SDs, or a
  reversal of slope, in more than nine series in ten (simulations in
  tests/test_explain_trajectory.py and docs/method.md);
- phases between turning points, each labelled in plain words by the
  thresholds in :data:`THRESHOLDS` (see :func:`label`), documented in
  docs/method.md.

A change in the inputs behind a score (``composite_inputs``,
``<dimension>_indicators``: a source starting or stopping) breaks the series:
the trend, turning points and phases are computed within the latest unbroken
span long enough for a trend, never across a break, and the breaks are told
as breaks, with no milestone beside them (issue 9). The milestones
timeline (:mod:`bilateral.explain.milestones`) is merged in, and milestones
within a year of a turning point are named next to it (coincidence in
time, not cause).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from bilateral.explain import frames, stats
from bilateral.explain.evidence import (COVERAGE, DERIVED, INPUTS, SCORES, Evidence, Statement, The, interval, join, level,
                                        long_date, num, records, score, score_evidence, span, the)
from bilateral.explain.milestones import milestones, near, type_words
from bilateral.explain.pelt import pelt
from bilateral.measures import index_inputs

MIN_SIZE = 3  # shortest phase, in years
NOISE_FLOOR = 1.0  # points: changes smaller than this are not worth a phase
PENALTY_FACTOR = 5  # × σ² · ln n per break; see the module docstring
THRESHOLDS = {
    "stable_net": 5.0,  # |net change over a phase| below this (points) → "stable"
    "sharp_rate": 3.0,  # |slope| at or above this (points a year) → "sharply"
    "steady_r2": 0.5,  # R² of the phase's line at or above this → "steadily", else "unevenly"
    "fluctuating_sd": 10.0,  # a "stable" phase with residual SD at or above this → "fluctuated"
    "jump": 10.0,  # a break whose level shift is at least this (points) is called a jump or drop
}
#: Which milestones to name first beside a turning point (the rest are counted).
PRIORITY = {t: i for i, t in enumerate(("diplomatic_ties_established", "partnership_upgrade", "bloc_accession", "bloc_exit",
                                         "sanction", "state_visit", "leader_visit", "membership", "agreement_signed", "joint_exercise"))}
MAX_NAMED = 3
LABELS = {"composite": "composite index", **{d: f"{d} score" for d in SCORES if d != "composite"}}


@dataclass(frozen=True)
class Phase:
    first: int
    last: int
    first_value: float  # observed
    last_value: float
    start_fit: float  # fitted line at the phase's first and last year
    end_fit: float
    slope: float  # points a year
    r2: float
    resid_sd: float
    label: str


def noise(values: np.ndarray) -> float:
    """Robust noise SD of a series from its changes, floored at NOISE_FLOOR."""
    diffs = np.diff(np.asarray(values, dtype=float))
    if len(diffs) < 2:
        return NOISE_FLOOR
    mad = np.median(np.abs(diffs - np.median(diffs)))
    return max(float(mad / 0.6745 / np.sqrt(2)), NOISE_FLOOR)


def penalty(values: np.ndarray) -> float:
    """The PELT penalty per break: 5 · σ² · ln n."""
    return PENALTY_FACTOR * noise(values) ** 2 * np.log(max(len(values), 2))


def change_points(series: pd.Series) -> list[int]:
    """The years in which a new phase begins (empty when the series is too short)."""
    series = stats.clean(series)
    if len(series) < 2 * MIN_SIZE:
        return []
    years, values = series.index.to_numpy(dtype=float), series.to_numpy(dtype=float)
    signal = np.column_stack([values, np.ones_like(years), years - years.mean()])
    breaks = pelt(signal, penalty(values), MIN_SIZE)
    return [int(series.index[k]) for k in breaks[:-1]]


def label(net: float, slope: float, r2: float, resid_sd: float, observed: float | None = None) -> str:
    """Plain words for a phase from its net change, slope, fit and noise.

    ``observed`` is the change between the first and last values the
    sentence quotes ("fell … (22.4 to 1.2)"); the words never contradict it
    (issue 9): a direction is named only when the observed change has that
    sign and is at least ``stable_net``; "stable" only when both the observed
    and the fitted change are below it; a fitted line that disagrees with
    the observed ends makes the direction "uneven" at most."""
    t = THRESHOLDS
    observed = net if observed is None else observed
    if abs(observed) < t["stable_net"]:
        calm = abs(net) < t["stable_net"] and resid_sd < t["fluctuating_sd"]
        return "stayed stable" if calm else "fluctuated without a clear direction"
    direction = "rose" if observed > 0 else "fell"
    if net * observed <= 0 or abs(net) < t["stable_net"]:
        return f"{direction} unevenly"
    if abs(slope) >= t["sharp_rate"]:
        return f"{direction} sharply"
    return f"{direction} steadily" if r2 >= t["steady_r2"] else f"{direction} unevenly"


def phases(series: pd.Series, breaks: list[int] | None = None) -> list[Phase]:
    """The series cut at ``breaks`` (default: :func:`change_points`), each part labelled."""
    series = stats.clean(series)
    if series.empty:
        return []
    breaks = change_points(series) if breaks is None else breaks
    edges = [series.index[0], *breaks, series.index[-1] + 1]
    out = []
    for start, stop in zip(edges[:-1], edges[1:]):
        part = series[(series.index >= start) & (series.index < stop)]
        if part.empty:
            continue
        years, values = part.index.to_numpy(dtype=float), part.to_numpy(dtype=float)
        slope, intercept = np.polyfit(years, values, 1) if len(part) > 1 else (0.0, values[0])
        fitted = intercept + slope * years
        ss_res, ss_tot = float(((values - fitted) ** 2).sum()), float(((values - values.mean()) ** 2).sum())
        r2 = 1.0 if ss_tot == 0 else 1 - ss_res / ss_tot
        resid_sd = float(np.sqrt(ss_res / (len(part) - 2))) if len(part) > 2 else 0.0
        net = float(fitted[-1] - fitted[0])
        out.append(Phase(int(years[0]), int(years[-1]), float(values[0]), float(values[-1]), float(fitted[0]),
                         float(fitted[-1]), float(slope), r2, resid_sd,
                         label(net, slope, r2, resid_sd, observed=float(values[-1] - values[0]))))
    return out


def coverage_changes(coverage: pd.Series, year: int) -> tuple[int, int] | None:
    """(before, after) when the number of inputs changed going into ``year``."""
    coverage = coverage.dropna()
    before = coverage[coverage.index < year]
    if year not in coverage.index or before.empty:
        return None
    old, new = int(before.iloc[-1]), int(coverage.loc[year])
    return (old, new) if old != new else None


def describe(name: str, series: pd.Series, coverage: pd.Series | None, dyad: str, events: pd.DataFrame,
             inputs: pd.Series | None = None) -> tuple[list[Statement], dict]:
    """Statements and data for one score series of the dyad.

    ``inputs`` gives, by year, which inputs fed the score; where they change
    the series is broken (a source started or stopped), and the trend, the
    turning points and the phases are computed within the longest recent
    unbroken span only, never across a break. Breaks are told as such, with
    no milestone beside them."""
    column, what = SCORES[name], LABELS[name]
    series = stats.clean(series)
    if len(series) < stats.MIN_TREND_YEARS:
        return [], {}
    out: list[Statement] = []
    spans = [(series.index.min(), series.index.max())]
    if inputs is not None:
        spans = index_inputs.spans(inputs.reindex(series.index)) or spans
        if len(spans) > 1:
            out.append(_breaks_statement(dyad, what, column, spans, inputs))
    usable = [s for s in spans if series[(series.index >= s[0]) & (series.index <= s[1])].size >= stats.MIN_TREND_YEARS]
    if not usable:
        return out, {"measure": column, "spans": [list(map(int, s)) for s in spans], "trend": None, "change_points": [], "phases": [],
                     "series": records(series.rename("value").rename_axis("year").reset_index())}
    first, last = usable[-1]  # the latest span long enough for a trend
    part = series[(series.index >= first) & (series.index <= last)]
    trend = stats.trend(part)
    breaks = change_points(part)
    parts = phases(part, breaks)
    out += [_trend_statement(dyad, what, column, trend)] if trend else []
    out.extend(_phase_statement(dyad, what, column, parts))
    if name == "composite" and coverage is not None and inputs is None:
        out.extend(_coverage_statement(dyad, what, column, coverage[series.index]))
    if name != "composite" and coverage is not None:  # the composite's coverage has its own statement
        out.extend(_phase_coverage_notes(what, column, parts, coverage))
    for year in breaks:  # milestones are set beside the composite's turning points only
        out.extend(_break_notes(dyad, what, column, year, coverage, events if name == "composite" else events.iloc[0:0]))
    data = {"measure": column, "trend": asdict(trend) if trend else None, "change_points": breaks,
            "spans": [list(map(int, s)) for s in spans], "span_used": [int(first), int(last)],
            "phases": [asdict(p) for p in parts], "series": records(series.rename("value").rename_axis("year").reset_index())}
    return out, data


def _breaks_statement(dyad: str, what: str, column: str, spans: list[tuple[int, int]], inputs: pd.Series) -> Statement:
    """The breaks in a series: where the inputs behind it changed, and what that means for its trend."""
    starts = [int(s) for s, _ in spans[1:]]
    text = (f"The {dyad} {what} is broken in {join([str(y) for y in starts])}, where the sources behind it start or stop; "
            f"its trend and turning points are computed within the unbroken spans ({join([span(int(a), int(b)) for a, b in spans])}), "
            "and a change across a break is not a change in the relationship.")
    ev = tuple(Evidence(DERIVED, f"{column}_inputs", plain_inputs(inputs.get(y)), "inputs (bit mask or count)", year=y, table="out_index",
                        note="the inputs changed this year") for y in starts)
    ev += tuple(Evidence(DERIVED, f"{column}_unbroken_span", int(b) - int(a) + 1, "years", date=interval(int(a), int(b)), table="out_index",
                         note="years in which the same sources feed the series") for a, b in spans)
    return Statement(text, ev, kind="gap")


def plain_inputs(value):
    return None if value is None or pd.isna(value) else int(value)


def _trend_statement(dyad: str, what: str, column: str, trend: stats.Trend) -> Statement:
    when = interval(trend.first, trend.last)
    ev = (Evidence(DERIVED, f"{column}_trend_slope", round(trend.slope, 4), "points a year", date=when, table="out_index",
                   note=f"OLS slope on the year, 95% interval with Newey–West (HAC) errors {trend.low:.4f} to {trend.high:.4f}, n = {trend.n}"),
          Evidence(DERIVED, f"{column}_trend_ci_low", round(trend.low, 4), "points a year", date=when, table="out_index"),
          Evidence(DERIVED, f"{column}_trend_ci_high", round(trend.high, 4), "points a year", date=when, table="out_index"),
          level(when))
    ci = f"95% interval {rate(trend.low)} to {rate(trend.high)}"
    years = span(trend.first, trend.last)
    if trend.direction:
        verb = "rose" if trend.direction > 0 else "fell"
        text = f"Over {years} the {dyad} {what} {verb}, with a slope of {rate(trend.slope)} points a year ({ci})."
    else:
        text = f"Over {years} the {dyad} {what} shows no clear trend (slope {rate(trend.slope)} points a year, {ci})."
    return Statement(text, ev)


#: Most phases named in one sentence (issue 9); more are told in further sentences.
MAX_PHASES = 4


def _phase_statement(dyad: str, what: str, column: str, parts: list[Phase]) -> list[Statement]:
    """The phases, at most :data:`MAX_PHASES` to a sentence."""
    pieces, evs = [], []
    for i, p in enumerate(parts):
        jump, ev = "", []
        if i and abs(p.start_fit - parts[i - 1].end_fit) >= THRESHOLDS["jump"]:
            shift = p.start_fit - parts[i - 1].end_fit
            word = "jump" if shift > 0 else "drop"
            jump = f"after a {word} of {score(abs(shift))} points, "
            ev.append(Evidence(DERIVED, f"{column}_level_{word}", round(abs(shift), 4), "points", year=p.first, table="out_index",
                               note="size of the change between the fitted level at the end of one phase and the start of the next"))
        pieces.append(f"{jump}{p.label} in {span(p.first, p.last)} ({score(p.first_value)} to {score(p.last_value)})")
        evs.append(ev + [score_evidence(column, p.first_value, p.first), score_evidence(column, p.last_value, p.last)])
    out = []
    for start in range(0, len(parts), MAX_PHASES):
        chunk, ev = pieces[start:start + MAX_PHASES], [e for group in evs[start:start + MAX_PHASES] for e in group]
        if start == 0:
            lead = f"The {dyad} {what} " if len(parts) == 1 else f"In {len(parts)} phases, the {dyad} {what} "
            if len(parts) > 1:
                ev.append(Evidence(DERIVED, f"{column}_phases", len(parts), "phases", date=interval(parts[0].first, parts[-1].last),
                                   table="out_index"))
        else:
            lead = f"Then the {dyad} {what}" + (", " if chunk[0].startswith("after") else " ")
        out.append(Statement(lead + join(chunk) + ".", tuple(ev)))
    return out


def _coverage_statement(dyad: str, what: str, column: str, coverage: pd.Series) -> list[Statement]:
    """When the number of dimensions behind the composite changes over the years, say so once."""
    coverage = coverage.dropna().astype(int)
    starts = coverage.index[coverage.diff().fillna(1) != 0]
    if len(starts) < 2:
        return []
    ends = [*(int(s) - 1 for s in starts[1:]), int(coverage.index[-1])]
    # years with no composite fall between runs; a run ends at its last year with data
    ends = [int(coverage.index[coverage.index <= e].max()) for e in ends]
    runs = [(int(s), e, int(coverage.loc[s])) for s, e in zip(starts, ends)]
    text = join([f"{n} dimension{'s' if n != 1 else ''} in {span(s, e)}" for s, e, n in runs])
    return [Statement(
        f"The {dyad} {what} rests on {text}; part of any change across those years comes from what the data cover, "
        "not from the relationship.",
        tuple(Evidence(DERIVED, f"{column}_dimensions", n, "dimensions with data", date=interval(s, e), table="out_index")
              for s, e, n in runs), kind="gap")]


def _phase_coverage_notes(what: str, column: str, parts: list[Phase], coverage: pd.Series) -> list[Statement]:
    """A phase said to rise or fall whose inputs change inside it (not at its
    start) is flagged: with UN votes running past the other sources, a score's
    last years can rest on fewer indicators, and that is not a change in the
    relationship."""
    out = []
    for part in parts:
        if part.label == "stayed stable":
            continue
        for year in range(part.first + 1, part.last + 1):
            changed = coverage_changes(coverage, year)
            if changed:
                out.append(Statement(
                    f"The {what}'s phase of {part.first}–{part.last} spans a change in its inputs ({changed[0]} before, "
                    f"{changed[1]} from {year}), so part of its change may come from data coverage rather than from the relationship.",
                    (Evidence(DERIVED, f"{column}_inputs", changed[0], "indicators or dimensions with data", year=year - 1, table="out_index"),
                     Evidence(DERIVED, f"{column}_inputs", changed[1], "indicators or dimensions with data", year=year, table="out_index"),
                     Evidence(DERIVED, f"{column}_phase", part.first, "year", date=interval(part.first, part.last), table="out_index")),
                    kind="gap"))
                break
    return out


def _break_notes(dyad, what, column, year, coverage, events) -> list[Statement]:
    out = []
    changed = coverage_changes(coverage, year) if coverage is not None else None
    if changed:
        out.append(Statement(
            f"The turning point of the {what} in {year} coincides with a change in its inputs ({changed[0]} before, "
            f"{changed[1]} from {year}), so it may come from data coverage rather than from the relationship.",
            (Evidence(DERIVED, f"{column}_inputs", changed[0], "indicators or dimensions with data", year=year - 1, table="out_index"),
             Evidence(DERIVED, f"{column}_inputs", changed[1], "indicators or dimensions with data", year=year, table="out_index")),
            kind="gap"))
    close = near(events, year)
    if not close.empty:
        shown = close.assign(_rank=close["type"].map(PRIORITY).fillna(len(PRIORITY))).sort_values(["_rank", "date"]).head(MAX_NAMED)
        # ledger titles are free text (digits included), so they are named by type; the others by their generated title
        named = [f"{type_words(row.type) if row.source == 'ledger' else row.title} ({long_date(row.date)})"
                 for row in shown.sort_values("date").itertuples()]
        more = len(close) - len(shown)
        ev = [Evidence(DERIVED, f"{column}_turning_point", year, "year", year=year, table="out_index")]
        ev += [Evidence(row.source, row.type, row.title, "event", date=str(row.date), url=row.url or None, table=row.table)
               for row in shown.itertuples()]
        if more:
            named.append(f"{more} more in the timeline")
            ev.append(Evidence(DERIVED, "milestones_not_named", more, "events", date=interval(year - 1, year + 1)))
        out.append(Statement(
            f"Milestones within a year of the {what}'s turning point in {year}: {join(named)}. They coincide in time; "
            "the data do not say one caused the other.", tuple(ev)))
    return out


def rate(value: float) -> str:
    """A slope in points a year: two decimals."""
    return num(value, 2)


def trajectory(con, a, b, years: tuple[int, int], scores: pd.DataFrame | None = None) -> dict:
    """Trend, turning points and phases of every A–B score, and the milestones.

    ``a`` and ``b`` are resolved states (``.ccode``, ``.name``); ``scores``
    optionally the directed frame of A (:func:`frames.directed_scores`)."""
    scores = frames.pair(frames.scores_for(con, [a.ccode], years, scores), a.ccode, b.ccode).set_index("year")
    scores = scores[(scores.index >= years[0]) & (scores.index <= years[1])]
    events = milestones(con, a, b, years)
    dyad = f"{a.name}–{b.name}"
    statements, series = [], {}
    for name, column in SCORES.items():
        said, data = describe(name, scores[column], scores[COVERAGE[name]], dyad, events, scores[INPUTS[name]])
        statements += said
        if data:
            series[name] = data
    if not series:
        statements.append(Statement(
            f"{The(a.name)} and {the(b.name)} have fewer than {stats.MIN_TREND_YEARS} years with a score in {span(*years)}; "
            "no trajectory can be drawn.",
            (Evidence(DERIVED, "composite_years", int(scores["composite_index"].notna().sum()), "years",
                      date=interval(*years), table="out_index"),
             Evidence(DERIVED, "min_trend_years", stats.MIN_TREND_YEARS, "years", date=interval(*years))), kind="gap"))
    from bilateral.explain.milestones import summary

    statements += summary(events, a, b, years)
    return {"statements": statements, "series": series, "milestones": records(events),
            "thresholds": THRESHOLDS, "method": {"change_points": f"PELT, as ruptures' Pelt(model=linear), min_size={MIN_SIZE}, pen={PENALTY_FACTOR}·σ²·ln n"}}
