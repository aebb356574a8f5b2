"""Opposing blocs: does each side drift away from the USA, the EU and NATO,
and do A and B drift together?

Memberships are data (``data/blocs.tsv``: one row per spell, with the date
it took effect, the date it ended, and the page it was checked against). A
state counts as a member in year Y when it was a member on 1 July of Y.

- **Distance to a bloc** in year Y: the mean published UNGA ideal-point
  distance (Bailey, Strezhnev & Voeten; ``ideal_point_distance``) between
  the state and the bloc's members that year, the state itself left out.
  Alongside, the mean composite with the members (closeness, 0–100).
- **Drift**: the trend of each side's distance (OLS slope with 95%
  interval): "drifts away" when the whole interval is above 0, "moves
  closer" when below.
- **Together**: both sides drift the same way, and "in step" when the
  year-on-year changes of their two distance series are positively
  correlated (Fisher-z interval above 0), leaving out the years in which
  the bloc's members changed (an enlargement moves every distance at once).
  Judged over the whole window and over the last :data:`RECENT_YEARS` years
  both have data. The words follow the statistics and never contradict
  them (issue 9): the sentence on the trends and the sentence on the yearly
  changes are separate, and the yearly changes are called "moving
  together" whenever their correlation's interval lies above 0 (and
  "opposite" when below), whatever the trends say: "did not drift together"
  is said only of trends, next to the correlation.
- **Whose movement**: a distance to the United States changes when either
  ideal point moves. Each side's own ideal point and the USA's are given a
  trend (same method); when the USA's own slope is larger in size than the
  state's, the sentence says the change comes mostly from the USA's own
  movement (:func:`own_movement`).
- A bloc that consists of one side alone (the USA, for a dyad with the USA)
  is skipped: the dyad's own trajectory describes it.
- **Sanctions**: the ledger's ``sanction`` events involving either side.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from functools import cache, lru_cache
from importlib import resources

import pandas as pd

from bilateral.explain import frames, stats
from bilateral.explain.evidence import (BLOCS, DERIVED, Evidence, Statement, The, interval, join, level, long_date, num, possessive,
                                        records, span, the)

BLOC_NAMES = {"usa": "the United States", "eu": "the EU", "nato": "NATO"}
MEASURE = "ideal_point_distance"
SOURCE = "voeten_idealpoints"
RECENT_YEARS = 10


@cache
def load_blocs() -> pd.DataFrame:
    """The membership spells of ``data/blocs.tsv`` with parsed dates."""
    with (resources.files("bilateral") / "data" / "blocs.tsv").open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, sep="\t", comment="#", dtype=str, keep_default_na=False, na_values=[""])
    frame["ccode"] = frame["ccode"].astype(int)
    for column in ("joined", "left"):
        frame[column] = [date.fromisoformat(v) if isinstance(v, str) else pd.NaT for v in frame[column]]
    unknown = set(frame["bloc"]) - set(BLOC_NAMES)
    if unknown:
        raise ValueError(f"data/blocs.tsv: unknown bloc(s) {sorted(unknown)}; add them to BLOC_NAMES")
    return frame


@lru_cache(maxsize=256)
def member_years(bloc: str, years: tuple[int, int]) -> pd.DataFrame:
    """Rows (year, partner): the bloc's members on 1 July of each year in ``years``.
    The latest are kept per (bloc, years), as :func:`load_blocs` is: a brief asks
    for each several times, and callers only read the frame."""
    spells = load_blocs()
    rows = []
    for s in spells[spells["bloc"] == bloc].itertuples():
        first = s.joined.year if s.joined <= date(s.joined.year, 7, 1) else s.joined.year + 1
        last = years[1] if pd.isna(s.left) else (s.left.year if s.left > date(s.left.year, 7, 1) else s.left.year - 1)
        rows += [(y, int(s.ccode)) for y in range(max(first, years[0]), min(last, years[1]) + 1)]
    return pd.DataFrame(rows, columns=["year", "partner"])


def enlargements(bloc: str, years: tuple[int, int]) -> set[int]:
    """Years whose member set differs from the year before's."""
    sets: dict[int, set[int]] = {}
    for year, partner in member_years(bloc, (years[0] - 1, years[1])).itertuples(index=False):
        sets.setdefault(int(year), set()).add(int(partner))
    ordered = sorted(sets)
    return {year for year, before in zip(ordered[1:], ordered[:-1]) if sets[year] != sets[before]}


def members(bloc: str, year: int) -> set[int]:
    """COW codes of the bloc's members on 1 July of ``year``."""
    return set(member_years(bloc, (int(year), int(year)))["partner"])


def distances(con, states: list[int], years: tuple[int, int], scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per state, bloc and year: mean ideal-point distance and mean composite to the members."""
    # one scale throughout: the all-votes estimate (2024's foreign-policy-only distances would be a different scale)
    ideal = frames.directed_measure(con, states, MEASURE, years, where="ideal_point_measure = 'all'")
    close = frames.scores_for(con, states, years, scores)
    close = close[close["state"].isin(states) & close["year"].between(*years)]
    out = []
    for bloc in BLOC_NAMES:
        rows = member_years(bloc, years)
        d = ideal.merge(rows, on=["year", "partner"]).groupby(["state", "year"]).agg(distance=("value", "mean"), members=("value", "size"))
        c = close.merge(rows, on=["year", "partner"]).groupby(["state", "year"]).agg(composite=("composite_index", "mean"))
        out.append(d.join(c, how="outer").reset_index().assign(bloc=bloc))
    return pd.concat(out, ignore_index=True)


def drift(series_a: pd.Series, series_b: pd.Series, skip=()) -> dict:
    """Each side's trend, and whether they move together and in step (``skip``:
    years whose change is left out of the in-step test, as when the bloc's members changed)."""
    ta, tb = stats.trend(series_a), stats.trend(series_b)
    corr = stats.co_movement(series_a, series_b, skip)
    da, db = (t.direction if t else 0 for t in (ta, tb))
    if da and da == db:
        verdict = "together_in_step" if corr and corr.positive else "together_not_in_step"
    elif da and db and da != db:
        verdict = "opposite"
    else:
        verdict = "not_together"
    return {"trend_a": ta, "trend_b": tb, "co_movement": corr, "verdict": verdict}


def sanctions(con, a: int, b: int, years: tuple[int, int]) -> pd.DataFrame:
    """The ledger's sanction events with A or B as either actor."""
    if "core_ledger__events" not in frames.tables(con):
        return pd.DataFrame(columns=["date", "actor1_iso3", "actor2_iso3", "title", "source_url", "is_alt"])
    return con.execute(
        """SELECT date, actor1_iso3, actor2_iso3, title, source_url, is_alt FROM core_ledger__events
            WHERE event_type = 'sanction' AND (actor1_ccode IN ($a, $b) OR actor2_ccode IN ($a, $b))
              AND year BETWEEN $y0 AND $y1 ORDER BY date_start""",
        {"a": int(a), "b": int(b), "y0": int(years[0]), "y1": int(years[1])},
    ).df()


def blocs(con, a, b, years: tuple[int, int], scores: pd.DataFrame | None = None) -> dict:
    """Each side's distance to every reference bloc over time, the drift verdicts
    (whole window and the last :data:`RECENT_YEARS` years), membership facts and
    the ledger's sanctions. ``a``, ``b`` are resolved states."""
    table = distances(con, [a.ccode, b.ccode], years, scores)
    statements, verdicts = [], {}
    for bloc, label in BLOC_NAMES.items():
        if set(member_years(bloc, years)["partner"]) <= {a.ccode, b.ccode}:
            continue  # one side is the whole bloc (the USA): the dyad's own trajectory says it
        statements += _membership_statements(a, b, bloc, label, years)
        part = table[table["bloc"] == bloc]
        side = {s: stats.clean(part[part["state"] == s].set_index("year")["distance"]) for s in (a.ccode, b.ccode)}
        if min(len(v) for v in side.values()) < stats.MIN_TREND_YEARS:
            statements.append(Statement(
                f"Too few years of ideal points to compare {possessive(a.name)} and {possessive(b.name)} distance to {label}.",
                (Evidence(SOURCE, MEASURE, None, "ideal-point units", date=interval(*years), table="out_dyad_year"),), kind="gap"))
            continue
        statements.append(_levels_statement(a, b, label, side))
        verdicts[bloc] = {}
        last = min(int(v.index.max()) for v in side.values())
        for window, first in (("all", years[0]), ("recent", last - RECENT_YEARS + 1)):
            cut = {k: v[(v.index >= first) & (v.index <= last)] for k, v in side.items()}
            result = drift(cut[a.ccode], cut[b.ccode], skip=enlargements(bloc, years))
            verdicts[bloc][window] = {k: (asdict(v) if hasattr(v, "__dataclass_fields__") else v) for k, v in result.items()}
            if result["trend_a"] and result["trend_b"]:
                statements.append(_verdict_statement(a, b, label, result))
        if bloc == "usa":
            usa = int(load_blocs().loc[lambda f: f["bloc"] == "usa", "ccode"].iloc[0])
            statements += [s for s in (own_movement(con, state, usa, years) for state in (a, b)) if s]
    statements.append(_sanction_statement(a, b, sanctions(con, a.ccode, b.ccode, years), years))
    return {"statements": statements, "drift": verdicts, "series": records(table),
            "measure": MEASURE, "membership_rule": "member on 1 July of the year", "memberships": "data/blocs.tsv"}


def _membership_statements(a, b, bloc, label, years) -> list[Statement]:
    spells = load_blocs()
    out = []
    for state in (a, b):
        for s in spells[(spells["bloc"] == bloc) & (spells["ccode"] == state.ccode)].itertuples():
            if not ((pd.isna(s.left) or s.left.year >= years[0]) and s.joined.year <= years[1]):
                continue
            evidence = [Evidence(BLOCS, f"{bloc}_joined", s.joined.isoformat(), "date", date=s.joined.isoformat(),
                                 table="data/blocs.tsv", url=s.source_url)]
            if pd.isna(s.left):
                membership = f"has been a member of {label} since {long_date(s.joined.isoformat())}"
            else:
                membership = f"was a member of {label} from {long_date(s.joined.isoformat())} until {long_date(s.left.isoformat())}"
                evidence.append(Evidence(BLOCS, f"{bloc}_left", s.left.isoformat(), "date", date=s.left.isoformat(),
                                         table="data/blocs.tsv", url=s.source_url))
            out.append(Statement(
                f"{The(state.name)} {membership}; its distance to {label} is measured to the other members.", tuple(evidence)))
    return out


def _levels_statement(a, b, label, side) -> Statement:
    ev, levels = [], []
    for state in (a, b):
        s = side[state.ccode]
        for year in (s.index[0], s.index[-1]):
            ev.append(Evidence(SOURCE, f"mean_{MEASURE}_to_{label}", round(float(s.loc[year]), 4), "ideal-point units", year=int(year),
                               table="out_dyad_year", note=f"{state.name}: mean over {label}'s members that year"))
        levels.append(f"{the(state.name)} {num(s.iloc[0], 2)} in {s.index[0]}, {num(s.iloc[-1], 2)} in {s.index[-1]}")
    return Statement(f"Mean UN ideal-point distance to {label} (higher is farther): {'; '.join(levels)}.", tuple(ev))


def _trend_words(state, label, t) -> str:
    ci = f"{num(t.slope, 3)} a year, 95% interval {num(t.low, 3)} to {num(t.high, 3)}"
    verb = "drifted away from" if t.direction > 0 else "moved closer to" if t.direction < 0 else "shows no clear drift from"
    return f"{the(state.name)} {verb} {label} ({ci})"


def _verdict_statement(a, b, label, result) -> Statement:
    ta, tb, corr = result["trend_a"], result["trend_b"], result["co_movement"]
    when = span(min(ta.first, tb.first), max(ta.last, tb.last))
    ev = []
    for state, t in ((a, ta), (b, tb)):
        period = interval(t.first, t.last)
        ev += [Evidence(DERIVED, f"{MEASURE}_to_{label}_trend_slope", round(t.slope, 5), "ideal-point units a year", date=period,
                        table="out_dyad_year", note=f"{state.name}: OLS slope of the mean distance on the year"),
               Evidence(DERIVED, f"{MEASURE}_to_{label}_trend_ci_low", round(t.low, 5), "ideal-point units a year", date=period, note=state.name),
               Evidence(DERIVED, f"{MEASURE}_to_{label}_trend_ci_high", round(t.high, 5), "ideal-point units a year", date=period, note=state.name)]
    if corr:
        period = interval(corr.first, corr.last)
        ev += [Evidence(DERIVED, f"{MEASURE}_to_{label}_co_movement_r", round(corr.r, 4), "Pearson r of year-on-year changes", date=period, note=f"n = {corr.n}"),
               Evidence(DERIVED, f"{MEASURE}_to_{label}_co_movement_ci_low", round(corr.low, 4), "Fisher-z 95% bound", date=period),
               Evidence(DERIVED, f"{MEASURE}_to_{label}_co_movement_ci_high", round(corr.high, 4), "Fisher-z 95% bound", date=period)]
    ev.append(level(interval(min(ta.first, tb.first), max(ta.last, tb.last))))
    verdict = result["verdict"]
    if verdict.startswith("together"):
        way = "away from" if ta.direction > 0 else "closer to"
        text = f"Both moved {way} {label}"
    elif verdict == "opposite":
        text = f"Their trends relative to {label} run in opposite directions"
    else:
        text = f"They do not share a clear trend relative to {label}"
    return Statement(f"In {when}, {_trend_words(a, label, ta)}; {_trend_words(b, label, tb)}. {text}; {in_step_words(corr)}.", tuple(ev))


def in_step_words(corr) -> str:
    """What the correlation of yearly changes says, in words tied to its interval."""
    if corr is None:
        return "too few yearly changes to tell whether they moved together from year to year"
    r = f"r = {num(corr.r, 2)}, 95% interval {num(corr.low, 2)} to {num(corr.high, 2)}"
    if corr.low > 0:
        return f"from year to year their distances moved together ({r})"
    if corr.high < 0:
        return f"from year to year their distances moved in opposite directions ({r})"
    return f"their year-on-year changes are not clearly correlated ({r})"


def own_movement(con, state, usa: int, years: tuple[int, int]) -> Statement | None:
    """When ``state``'s distance to the USA has a clear trend that comes mostly
    from the USA's own ideal point moving (its own slope larger in size than
    the state's), say so; else None."""
    rows = con.execute("SELECT ccode, year, idealpoint_all FROM core_voeten_idealpoints__country_year "
                       "WHERE ccode IN ($s, $u) AND year BETWEEN $y0 AND $y1", {"s": state.ccode, "u": usa, "y0": years[0], "y1": years[1]}).df() \
        if "core_voeten_idealpoints__country_year" in frames.tables(con) else pd.DataFrame()
    if rows.empty:
        return None
    wide = rows.pivot(index="year", columns="ccode", values="idealpoint_all").dropna()
    if state.ccode not in wide or usa not in wide:
        return None
    distance = stats.trend((wide[state.ccode] - wide[usa]).abs())
    own, theirs = stats.trend(wide[state.ccode]), stats.trend(wide[usa])
    if not (distance and own and theirs) or not distance.direction or abs(theirs.slope) <= abs(own.slope):
        return None
    period = interval(distance.first, distance.last)
    ev = tuple(Evidence(SOURCE, "idealpoint_all_trend_slope", round(t.slope, 5), "ideal-point units a year", date=period,
                        table="core_voeten_idealpoints__country_year", note=f"{who}: OLS slope of its own ideal point on the year")
               for who, t in ((state.name, own), ("United States", theirs)))
    moved = "away from" if distance.direction > 0 else "closer to"
    return Statement(
        f"In {span(distance.first, distance.last)}, {the(state.name)} moved {moved} the United States in UN votes mostly because the United "
        f"States' own ideal point moved ({num(theirs.slope, 3)} a year, against {num(own.slope, 3)} a year for {possessive(state.name)} own).", ev)


def _sanction_statement(a, b, events: pd.DataFrame, years) -> Statement:
    counted = events[~events["is_alt"].fillna(False).astype(bool)] if not events.empty else events
    if counted.empty:
        return Statement(
            f"The ledger records no sanction events involving {the(a.name)} or {the(b.name)} in {span(*years)}; its coverage is selective, "
            "so this does not mean there were none.",
            (Evidence("ledger", "sanction_events", 0, "events", date=interval(*years), table="core_ledger__events"),), kind="gap")
    listed = [f"{r.title} ({long_date(str(r.date))})" for r in counted.itertuples()]
    return Statement(f"Sanction events in the ledger involving {the(a.name)} or {the(b.name)}: {join(listed)}.",
                     tuple(Evidence("ledger", "sanction", r.title, "event", date=str(r.date), url=r.source_url, table="core_ledger__events")
                           for r in counted.itertuples()))
