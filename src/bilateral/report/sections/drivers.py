"""What drives the relationship: third states, opposing blocs, peers and the
determinants model, from :func:`bilateral.explain.explain`.

Nothing is recomputed here. explain's statements (with their evidence and
their limits) become the section's sentences, one topic each, and its data
(the A–B, A–C and B–C series; each side's distance to the blocs; B's rank
among A's relations with B's peers; each determinant's contribution to A–B's
level) become charts, so that a reader can see what the sentences say.
"""

from __future__ import annotations

import pandas as pd

from bilateral.report import charts
from bilateral.report.model import Chart, Evidence, Section, Statement
from bilateral.report.queries import BLOCS, DERIVED
from bilateral.report.sections.context import Context, from_statements
from bilateral.wording import The, interval, possessive, span, the

#: explain's parts shown here, with their sub-headings, in order.
TOPICS = {"triad": "Third states", "blocs": "Opposing blocs", "peers": "Peers in the region",
          "determinants": "Determinants across all dyads"}
#: One colour per side of the dyad and one for the pair, in every chart of the section (Okabe–Ito).
SIDE_A, SIDE_B, PAIR = charts.OKABE_ITO[0], charts.OKABE_ITO[5], charts.OKABE_ITO[7]
IDEAL_POINTS = "voeten_idealpoints"


def build(ctx: Context) -> Section:
    section = Section("drivers", "What drives the relationship")
    explained = ctx.explained
    if explained is None:
        section.sentences.append(nothing_to_explain(ctx))
        return section
    for part, topic in TOPICS.items():
        statements = [s for s in explained[part]["statements"] if _inside(s, ctx.years)]
        section.sentences += from_statements(statements, topic)
        if len(statements) < len(explained[part]["statements"]):
            if part == "determinants":
                section.sentences.append(_outside(ctx, explained[part], topic))
            continue  # its chart would show what the sentences leave out
        chart = CHARTS[part](ctx, explained[part], topic)
        if chart is not None:
            section.charts.append(chart)
    return section


def _inside(statement: Statement, years: tuple[int, int]) -> bool:
    """Whether every dated value of a statement lies within the brief's years (explain's
    determinants place the pair in the model's latest year when none of the brief's is in it)."""
    return all(years[0] <= e.year <= years[1] for e in statement.evidence if e.year is not None)


def _outside(ctx: Context, part: dict, topic: str) -> Statement:
    """Why the determinants model says nothing about the pair in the brief's years."""
    first, last = part.get("years") or ctx.years
    return Statement(
        f"The determinants model covers {span(first, last)}, the years in which every determinant has data, and places a pair only "
        f"in those years; the pair has none within this brief's {span(*ctx.years)}, so the model does not place it here.",
        (Evidence(DERIVED, "model_years", f"{first}–{last}", "years", date=interval(first, last), table="out_determinants"),
         Evidence(DERIVED, "brief_years", f"{ctx.years[0]}–{ctx.years[1]}", "years", date=interval(*ctx.years))),
        kind="gap", topic=topic)


def nothing_to_explain(ctx: Context) -> Statement:
    """explain() had nothing to work on: the pair has no composite in any year."""
    return Statement(
        f"{The(ctx.a.name)} and {the(ctx.b.name)} have no composite score in {span(*ctx.years)}, "
        "so there is no relationship to set beside third states, blocs or peers, and the determinants model cannot place the pair.",
        (Evidence(DERIVED, "composite_years", 0, "years", date=interval(*ctx.years), table="out_index", note=ctx.explain_error),),
        kind="gap")


def _version(ctx: Context, source: str) -> str:
    ref = ctx.sources.get(source)
    return f" {ref.version}" if ref else ""


def _triad(ctx: Context, triad: dict, topic: str) -> Chart | None:
    """A–B beside A–C and B–C on the composite, for the third state explain chose."""
    third, rows = triad.get("third"), triad.get("series") or []
    if not third or not rows:
        return None
    frame = pd.DataFrame(rows)
    a, b, c = ctx.a.name, ctx.b.name, third["name"]
    names = {"ab": f"{a}–{b}", "ac": f"{a}–{c}", "bc": f"{b}–{c}"}
    long = pd.concat([pd.DataFrame({"year": frame["year"], "value": frame[f"composite_index_{k}"], "series": name})
                      for k, name in names.items()], ignore_index=True)
    if long["value"].notna().sum() == 0:
        return None
    why = (f"{the(c)} is the state both are jointly closest to in {span(*triad['candidate_years'])}" if third.get("default")
           else f"{the(c)} was chosen by the user")
    note = (f"Source: bilateral{_version(ctx, DERIVED)}, composite index (out_index), computed from the sources listed below; "
            f"{why}. Whether {names['ab']} moves with the other two is tested in the sentences above (co-movement of yearly changes).")
    years = (int(long.dropna()["year"].min()), int(long.dropna()["year"].max()))
    return charts.line("triad", f"{names['ab']} beside {names['ac']} and {names['bc']}, composite index", note, long,
                       "Composite index (0–100)", years, series="series",
                       colors={names["ab"]: PAIR, names["ac"]: SIDE_A, names["bc"]: SIDE_B}, y_domain=(0, 100), topic=topic)


def _blocs(ctx: Context, blocs: dict, topic: str) -> Chart | None:
    """Each side's mean UN ideal-point distance to each reference bloc it was compared with."""
    from bilateral.explain.blocs import BLOC_NAMES

    shown = [bloc for bloc in BLOC_NAMES if bloc in (blocs.get("drift") or {})]
    rows = pd.DataFrame(blocs.get("series") or [])
    if not shown or rows.empty:
        return None
    rows = rows[rows["bloc"].isin(shown)].dropna(subset=["distance"])
    names = {ctx.a.ccode: ctx.a.name, ctx.b.ccode: ctx.b.name}
    frame = pd.DataFrame({"year": rows["year"], "value": rows["distance"], "series": rows["state"].map(names),
                          "bloc": rows["bloc"].map(lambda k: f"to {BLOC_NAMES[k]}"), "members": rows["members"]})
    frame["order"] = frame["bloc"].map({f"to {BLOC_NAMES[k]}": i for i, k in enumerate(shown)})
    frame = frame.sort_values(["order", "year"]).drop(columns="order")
    note = (f"Source: Bailey, Strezhnev & Voeten UN General Assembly ideal points{_version(ctx, IDEAL_POINTS)}; "
            f"memberships{_version(ctx, BLOCS)} (data/blocs.tsv; a member on 1 July of the year). Each point is the mean absolute "
            "distance between the state's ideal point and those of the bloc's members that year, the state itself left out.")
    years = (int(frame["year"].min()), int(frame["year"].max()))
    return charts.line("blocs", f"Distance of {the(ctx.a.name)} and {the(ctx.b.name)} to the reference blocs in UN votes", note, frame,
                       "Mean ideal-point distance (higher is farther)", years, series="series",
                       colors={ctx.a.name: SIDE_A, ctx.b.name: SIDE_B}, tooltip=["members:Q"], facet="bloc", topic=topic)


def _peers(ctx: Context, peers: dict, topic: str) -> Chart | None:
    """B's rank among A's relations with B and B's peers, on the composite, by year."""
    ranked = ((peers.get("by_score") or {}).get("composite") or {}).get("ranks") or []
    if not ranked:
        return None
    frame = pd.DataFrame(ranked).rename(columns={"rank": "value"})
    a, b = ctx.a.name, ctx.b.name
    note = (f"Source: bilateral{_version(ctx, DERIVED)}, composite index (out_index). Each year, {the(a)}'s composite with {the(b)} is "
            f"ranked against {possessive(a)} composites with the peers named above (1 = {possessive(a)} closest of the set; ties share "
            "the better rank).")
    years = (int(frame["year"].min()), int(frame["year"].max()))
    most = int(frame["ranked"].max())
    return charts.line("peers", f"{possessive(b)} rank among {possessive(a)} relations with {the(b)} and its peers, composite index",
                       note, frame, f"Rank (1 = {possessive(a)} closest of the set)", years, y_domain=(1, max(most, 2)), reverse=True,
                       tooltip=[{"field": "ranked", "type": "quantitative", "title": "states ranked"},
                                {"field": "score_b", "type": "quantitative", "title": f"{a}–{b} composite", "format": ".1f"},
                                {"field": "peer_median", "type": "quantitative", "title": "peers' median", "format": ".1f"}],
                       topic=topic)


def _determinants(ctx: Context, determinants: dict, topic: str) -> Chart | None:
    """What each determinant adds to or takes from A–B's level against the average dyad, and what is left unexplained."""
    from bilateral.measures.panel import BY_NAME

    parts = determinants.get("contributions") or []
    found = {e.measure: e for s in determinants["statements"] for e in s.evidence
             if e.measure in ("unexplained_gap", "outcome_gap")}
    if not parts or "unexplained_gap" not in found:
        return None
    year = found["unexplained_gap"].year
    rows = [(BY_NAME[p["term"]].label, p["contribution"]) for p in parts]
    rows.sort(key=lambda r: -abs(r[1]))
    frame = pd.DataFrame(rows, columns=["label", "value"])
    frame["group"] = ["raises the level" if v >= 0 else "lowers the level" for v in frame["value"]]
    rest = pd.DataFrame({"label": ["not explained by the model"], "value": [found["unexplained_gap"].value],
                         "group": ["not explained"]})
    frame = pd.concat([frame, rest], ignore_index=True)
    first, last = determinants["years"]
    note = (f"Source: bilateral{_version(ctx, DERIVED)}, determinants model (out_determinants): OLS with year fixed effects over "
            f"{first}–{last}, standard errors clustered by dyad. Contribution = coefficient × (the pair's value − the mean of all "
            "dyads that year). Associations across dyads, not causes.")
    return charts.hbars("determinants", f"What the model attributes the {ctx.a.name}–{ctx.b.name} level to, against the average "
                        f"dyad, {year}", note, frame, "Contribution (outcome points, relative to the average dyad that year)", "Determinant",
                        {"raises the level": SIDE_A, "lowers the level": SIDE_B, "not explained": "#999999"}, topic=topic)


CHARTS = {"triad": _triad, "blocs": _blocs, "peers": _peers, "determinants": _determinants}
