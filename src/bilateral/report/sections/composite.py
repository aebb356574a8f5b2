"""The composite index and ranks: where the pair stands among all dyads in a
year, and among each side's partners.

Each dimension score (0–100) is the mean of the dimension's indicator
scores (volumes on a log scale against the year's largest pair, UN votes as
percentiles among all pairs); the composite is their mean, and exists only
where at least four dimensions are informative (:mod:`bilateral.measures.index`,
docs/method.md). Ranks compare only partners scored on the same inputs.
A composite is only as broad as its coverage, so every
statement names the dimensions it rests on, and words of degree follow the
thresholds in :data:`bilateral.wording.DEGREES`. Values come from
``out_index`` and are cited to the derived source ``bilateral``.
"""

from __future__ import annotations

import re

import pandas as pd

from bilateral.measures.index import input_names
from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement, Table
from bilateral.report.queries import DERIVED
from bilateral.report.sections.context import Context
from bilateral.wording import degree, interval, join, number, ordinal, possessive, rank_words, span, the

TABLE = "out_index"
SCORE_UNIT = "score 0–100 (docs/method.md: indices)"
#: The dimensions in the brief's order: their words, and a fixed Okabe–Ito colour each.
DIMENSIONS = {
    "political": ("political contact", "#0072B2"),
    "economic": ("economic ties", "#E69F00"),
    "military": ("military cooperation", "#009E73"),
    "science": ("scientific cooperation", "#CC79A7"),
    "alignment": ("strategic alignment", "#D55E00"),
}
COMPOSITE = ("composite index", "#000000")


def build(ctx: Context) -> Section:
    section = Section("composite", "Composite index and ranks")
    index = ctx.data.index
    scored = index.dropna(subset=["composite_index"]) if index is not None and not index.empty else None
    if scored is None or scored.empty:
        section.sentences.append(Statement(
            f"The composite index has no score for {the(ctx.a.name)} and {the(ctx.b.name)} in {span(*ctx.years)}: "
            "fewer than three of its five dimensions have data for the pair in any of these years.",
            (Evidence(DERIVED, "composite_dimensions", 0, "dimensions", date=interval(*ctx.years), table=TABLE),), kind="gap"))
        return section
    latest = scored.iloc[-1]
    widest = scored[scored["composite_dimensions"] == scored["composite_dimensions"].max()].iloc[-1]
    section.sentences += [_standing(ctx, latest, "the latest year with a composite index"), _ranks(ctx, latest)]
    if int(widest["year"]) != int(latest["year"]):
        section.sentences += [_standing(ctx, widest, "the latest year in which it rests on the most dimensions"), _ranks(ctx, widest)]
    section.sentences.append(_scores(ctx, widest))
    section.sentences += _ties_and_dependence(ctx, index)
    section.sentences += _partners(ctx)
    gap = _thinning(ctx, scored)
    if gap:
        section.sentences.append(gap)
    section.charts.append(_chart(ctx, scored))
    section.tables.append(_by_year(ctx, scored))
    section.tables += _partner_tables(ctx)
    return section


def _present(row) -> list[str]:
    return [d for d in DIMENSIONS if pd.notna(row.get(f"score_{d}"))]


def _ev(row, measure: str, value, unit: str, note: str | None = None) -> Evidence:
    return Evidence(DERIVED, measure, value, unit, year=int(row["year"]), table=TABLE, note=note)


def _standing(ctx: Context, row, which: str) -> Statement:
    """The composite, its percentile among all dyads, the words of degree, and its coverage."""
    year, value, dims = int(row["year"]), float(row["composite_index"]), int(row["composite_dimensions"])
    names = [DIMENSIONS[d][0] for d in _present(row)]
    evidence = [_ev(row, "composite_index", value, SCORE_UNIT), _ev(row, "composite_dimensions", dims, "dimensions", note=join(names))]
    text = f"In {year}, {which}, {the(ctx.a.name)} and {the(ctx.b.name)} scored {number(value, 1)}"
    pct = row.get("composite_pct_of_dyads")
    if pd.notna(pct):
        words, minimum = degree(float(pct))
        text += f", higher than {number(float(pct), 1)}% of the other dyads that year, which places them {words}"
        evidence.append(_ev(row, "composite_percentile", float(pct), "percent of other dyads that year with a lower composite",
                            note=f"among {int(row['composite_dyads']):,} dyads with a composite"))
        if re.search(r"\d", words):
            band = 100 - minimum
            evidence.append(_ev(row, "degree_band", int(band) if float(band).is_integer() else band, "percent of dyads",
                                note=f"wording threshold (bilateral/wording.py DEGREES; docs/method.md): '{words}' means a percentile of {minimum:g} or more"))
    text += f"; the score rests on {dims} of the five dimensions ({join(names)})."
    return Statement(text, tuple(evidence))


def _rank_measure(row, side: str) -> str:
    """The name of the rank for side ``a`` (B among A's partners) or ``b`` (out_index_ranks, composite)."""
    return f"composite_rank_for_{side}"


def _ranks(ctx: Context, row) -> Statement:
    """B's rank among A's partners and A's among B's, each out of the partners scored on the same dimensions."""
    a, b = ctx.a.name, ctx.b.name
    if pd.isna(row.get("composite_rank_for_a")) or pd.isna(row.get("composite_rank_for_b")):
        return Statement(
            f"In {int(row['year'])}, the pair is not ranked among either side's partners on the composite index: ranks compare "
            "only partners scored on every dimension informative that year, and this pair lacks one.",
            (_ev(row, "composite_dimensions", int(row["composite_dimensions"]), "dimensions"),), kind="gap")
    rank_a, rank_b = int(row["composite_rank_for_a"]), int(row["composite_rank_for_b"])
    n_a, n_b = int(row["partners_a"]), int(row["partners_b"])
    text = (f"In {int(row['year'])}, {the(b)} was {possessive(a)} {rank_words(rank_a, 'closest')} partner on the composite index "
            f"out of {n_a:,} scored on the same dimensions, and {the(a)} was {possessive(b)} {rank_words(rank_b, 'closest')} out of {n_b:,}.")
    return Statement(text, (
        _ev(row, _rank_measure(row, "a"), rank_a, f"rank among {possessive(a)} partners (1 = closest)", note=f"{b} among {possessive(a)} partners"),
        _ev(row, "partners_with_composite", n_a, "partners", note=f"{possessive(a)} partners ranked on the same dimensions that year"),
        _ev(row, _rank_measure(row, "b"), rank_b, f"rank among {possessive(b)} partners (1 = closest)", note=f"{a} among {possessive(b)} partners"),
        _ev(row, "partners_with_composite", n_b, "partners", note=f"{possessive(b)} partners ranked on the same dimensions that year"),
    ))


def _scores(ctx: Context, row) -> Statement:
    """The five dimension scores of one year, with the indicators behind each."""
    parts, evidence, missing = [], [], []
    for dim, (words, _) in DIMENSIONS.items():
        value = row.get(f"score_{dim}")
        if pd.isna(value):
            missing.append(words)
            continue
        parts.append(f"{words} {number(float(value), 1)}")
        n = int(row[f"{dim}_indicators"])
        evidence.append(_ev(row, f"score_{dim}", float(value), SCORE_UNIT, note=f"{n} indicator{'s' if n != 1 else ''}"))
    text = f"Its dimension scores in {int(row['year'])}, each the mean of the dimension's indicator scores, were {join(parts)}"
    if missing:
        text += f"; {join(missing)} had no data"
    return Statement(text + ".", tuple(evidence))


#: How the brief names each ties indicator; the sentence lists only those the year's index rests on
#: (shared IGOs stop after 2014, so a 2020 ties score must not claim them).
_TIES_WORDS = {"trade": "trade", "arms": "arms deliveries", "alliance": "alliances", "igo": "shared IGOs", "coauthored": "co-authorship"}


def _ties_and_dependence(ctx: Context, index: pd.DataFrame) -> list[Statement]:
    """Ties (how much the two do together) with both ranks, and each side's dependence on the other,
    in the latest year each is built (issue 9: kept apart from the composite; the asymmetry is the story)."""
    out = []
    a, b = ctx.a.name, ctx.b.name
    ties = index.dropna(subset=["ties_index"]) if "ties_index" in index else pd.DataFrame()
    if not ties.empty:
        row = ties.iloc[-1]
        text = f"In {int(row['year'])}, the latest year with a ties index, {the(a)} and {the(b)} scored {number(float(row['ties_index']), 1)} on ties"
        evidence = [_ev(row, "ties_index", float(row["ties_index"]), SCORE_UNIT, note=f"{int(row['ties_dimensions'])} dimensions")]
        if pd.notna(row.get("ties_rank_for_a")) and pd.notna(row.get("ties_rank_for_b")):
            text += (f", a scale topped by the year's largest pairs ({join(_TIES_WORDS[n] for n in input_names('ties', row.get('ties_inputs')))}; "
                     "docs/method.md): " f"{the(b)} ranked {ordinal(int(row['ties_rank_for_a']))} "
                     f"of {int(row['ties_partners_a']):,} among {possessive(a)} partners on ties, and {the(a)} {ordinal(int(row['ties_rank_for_b']))} "
                     f"of {int(row['ties_partners_b']):,} among {possessive(b)}")
            evidence += [_ev(row, "ties_rank_for_a", int(row["ties_rank_for_a"]), f"rank among {possessive(a)} partners on ties (1 = most ties)"),
                         _ev(row, "ties_partners_a", int(row["ties_partners_a"]), "partners ranked on the same inputs"),
                         _ev(row, "ties_rank_for_b", int(row["ties_rank_for_b"]), f"rank among {possessive(b)} partners on ties (1 = most ties)"),
                         _ev(row, "ties_partners_b", int(row["ties_partners_b"]), "partners ranked on the same inputs")]
        else:
            text += "; the pair is not ranked on ties that year, since it lacks one of the year's informative inputs"
        out.append(Statement(text + ".", tuple(evidence)))
    dependence = index.dropna(subset=["dependence_a", "dependence_b"]) if "dependence_a" in index else pd.DataFrame()
    if not dependence.empty:
        row = dependence.iloc[-1]
        da, db = float(row["dependence_a"]), float(row["dependence_b"])
        out.append(Statement(
            f"In {int(row['year'])}, {possessive(a)} dependence on {the(b)}, the mean of {possessive(b)} shares of {possessive(a)} trade, "
            f"arms imports and international co-publications, was {number(da, 1)}%, and {possessive(b)} dependence on {the(a)} {number(db, 1)}%.",
            (_ev(row, "dependence_a", da, "percent (mean share)", note=f"{possessive(a)} dependence on {b}"),
             _ev(row, "dependence_b", db, "percent (mean share)", note=f"{possessive(b)} dependence on {a}"))))
    return out


def _partners(ctx: Context) -> list[Statement]:
    """Each side's closest partners in the latest year with a composite, and where the other side stands."""
    ranked = ctx.data.partners
    if not ranked:
        return []
    year = ranked["year"]
    row = ctx.data.index[ctx.data.index["year"] == year].iloc[0]
    out = []
    for side, (me, other) in (("a", (ctx.a, ctx.b)), ("b", (ctx.b, ctx.a))):
        frame = ranked[side]
        if frame.empty:
            continue
        names = [the(n) for n in frame["partner_name"]]
        if pd.isna(row.get(f"composite_rank_for_{side}")):
            continue
        rank = int(row[f"composite_rank_for_{side}"])
        evidence = [Evidence(DERIVED, "composite_index", float(r["composite_index"]), SCORE_UNIT, year=year, table=TABLE,
                             note=f"{r['partner_name']}, {possessive(me.name)} partner ranked {int(r['rank'])}") for _, r in frame.iterrows()]
        evidence.append(Evidence(DERIVED, _rank_measure(row, side), rank, f"rank among {possessive(me.name)} partners (1 = closest)",
                                 year=year, table=TABLE, note=f"{other.name} among {possessive(me.name)} partners"))
        out.append(Statement(
            f"In {year}, {possessive(me.name)} closest partners on the composite index were, in order, {join(names)}; "
            f"{the(other.name)} ranked {ordinal(rank)}.",
            tuple(evidence)))
    return out


def _thinning(ctx: Context, scored: pd.DataFrame) -> Statement | None:
    """Dimensions whose scores stop before the latest composite: later composites rest on fewer dimensions."""
    last_year = int(scored["year"].max())
    ends: dict[int, list[str]] = {}
    evidence = []
    for dim, (words, _) in DIMENSIONS.items():
        column = f"score_{dim}"
        have = scored.dropna(subset=[column])
        if have.empty or int(have["year"].max()) >= last_year:
            continue
        row = have.iloc[-1]
        ends.setdefault(int(row["year"]), []).append(words)
        evidence.append(_ev(row, column, float(row[column]), SCORE_UNIT, note="last year with a score in this brief"))
    if not ends:
        return None
    parts = [f"{join(names)} after {year}" for year, names in sorted(ends.items())]
    return Statement(
        f"The composite rests on fewer dimensions in later years: there is no score for {join(parts)}, "
        "so compare years by the dimension scores in the composite section's table by year, not by the composite alone.",
        tuple(evidence), kind="gap")


def _chart(ctx: Context, scored: pd.DataFrame):
    frames = []
    for dim, (words, _) in DIMENSIONS.items():
        frames.append(pd.DataFrame({"year": scored["year"], "value": scored[f"score_{dim}"], "series": words}))
    frames.append(pd.DataFrame({"year": scored["year"], "value": scored["composite_index"], "series": COMPOSITE[0]}))
    long = pd.concat(frames, ignore_index=True)
    colors = {words: colour for words, colour in DIMENSIONS.values()} | {COMPOSITE[0]: COMPOSITE[1]}
    absent = [words for dim, (words, _) in DIMENSIONS.items() if scored[f"score_{dim}"].isna().all()]
    ref = ctx.sources.get(DERIVED)
    note = (f"Source: bilateral{f' {ref.version}' if ref else ''}, composite index (out_index), computed from the sources listed below. "
            "Each dimension score is the mean of its indicator scores (0–100); the composite is their mean, shown only where "
            "at least four dimensions are informative (docs/method.md)." + (f" No data: {join(absent)}." if absent else ""))
    first, last = int(scored["year"].min()), int(scored["year"].max())
    return charts.line("composite", f"Composite index and dimension scores, {the(ctx.a.name)} and {the(ctx.b.name)}", note, long,
                       "Score (0–100)", (first, last), series="series", colors=colors, y_domain=(0, 100),
                       dashes={COMPOSITE[0]: [6, 3]})


def _round(value, digits: int = 1):
    return None if pd.isna(value) else round(float(value), digits)


def _by_year(ctx: Context, scored: pd.DataFrame) -> Table:
    """One row per year; a dimension without data in any year gets no column, and the title says so."""
    a, b = ctx.a.name, ctx.b.name
    shown = [d for d in DIMENSIONS if scored[f"score_{d}"].notna().any()]
    absent = [DIMENSIONS[d][0] for d in DIMENSIONS if d not in shown]
    columns = ("year", *shown, "composite", "dimensions", "indicators", f"rank for {the(a)}", f"rank for {the(b)}")
    rows = []
    for _, r in scored.iterrows():
        indicators = sum(int(r[f"{d}_indicators"]) for d in DIMENSIONS)
        rows.append((int(r["year"]), *(_round(r[f"score_{d}"]) for d in shown), _round(r["composite_index"]),
                     int(r["composite_dimensions"]), indicators, _int(r["composite_rank_for_a"]), _int(r["composite_rank_for_b"])))
    title = (f"Dimension scores, composite and ranks by year (scores 0–100; rank for {the(a)}: {the(b)} among {possessive(a)} partners, "
             f"and the reverse; blank: no data{f'; no data in any year: {join(absent)}' if absent else ''})")
    return Table("composite_by_year", title, columns, tuple(rows), source=DERIVED, decimals=1)


def _partner_tables(ctx: Context) -> list[Table]:
    ranked = ctx.data.partners
    if not ranked:
        return []
    out = []
    for side, me in (("a", ctx.a), ("b", ctx.b)):
        frame = ranked[side]
        rows = tuple((int(r["rank"]), r["partner_name"], _round(r["composite_index"]), int(r["composite_dimensions"]))
                     for _, r in frame.iterrows())
        title = f"{possessive(me.name)} closest partners on the composite index, {ranked['year']}"
        out.append(Table(f"partners_{side}", title[0].upper() + title[1:],
                         ("rank", "partner", "composite", "dimensions"), rows, source=DERIVED, decimals=1))
    return out


def _int(value):
    return None if pd.isna(value) else int(value)
