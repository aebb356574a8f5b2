"""Scientific cooperation: co-authored works (OpenAlex, from the warehouse)
and the ledger's science-related agreements.

The figures are the warehouse's (source ``openalex``: Batagelj's country
networks from OpenAlex, 1990–2023), so the section needs no network. OpenAlex
counts depend on the query and its snapshot, so the section leads with the
trend, then each side's share and the size-corrected Salton's cosine, and says
that levels are less safe than trends and shares. Years outside the coverage
are "no data", never 0. What the ledger records (agreements and events whose
title or detail names science, research or technology) is listed as the
selective record it is.
"""

from __future__ import annotations

import re

import pandas as pd

from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement, Table
from bilateral.report.queries import DERIVED
from bilateral.report.sections.context import Context, ends_before, no_data, under
from bilateral.wording import count, interval, label, number, possessive, share_percent, span, the

LEDGER = "ledger"
OPENALEX = "openalex"
TABLE = "out_dyad_year"
SCIENCE_WORDS = re.compile(r"\b(?:scien\w*|research\w*|laborator\w*|academ\w*|technolog\w*|universit\w*|innovation\w*|S&T)\b", re.I)


def build(ctx: Context) -> Section:
    section = Section("science", "Scientific cooperation")
    _index(ctx, section)
    under("Co-authored works (OpenAlex)", ctx, section, _coauthorship)
    _ledger(ctx, section)
    return section


def _index(ctx: Context, section: Section) -> None:
    """The science score where the index has one; otherwise a plain statement of no data."""
    index = ctx.data.index
    scored = index.dropna(subset=["score_science"]) if index is not None and "score_science" in index else None
    if scored is not None and not scored.empty:
        last = scored.iloc[-1]
        section.sentences.append(Statement(
            f"In {int(last['year'])}, the scientific cooperation score was {number(float(last['score_science']), 1)} "
            "(co-authored works on a log scale against the year's largest pair; docs/method.md, indices).",
            (Evidence(DERIVED, "score_science", float(last["score_science"]), "score 0–100 (docs/method.md: indices)",
                      year=int(last["year"]), table="out_index"),)))
        return
    indicators = int(index["science_indicators"].fillna(0).sum()) if index is not None and "science_indicators" in index else 0
    evidence = [Evidence(DERIVED, "science_indicators", indicators, "indicators", date=interval(*ctx.years), table="out_index",
                         note="science indicators available to the index in these years")]
    cov = ctx.coverage(OPENALEX)
    if cov:
        where = f"OpenAlex co-authorship, its indicator, covers {span(*cov)}"
        evidence += ctx.coverage_evidence(OPENALEX)
    else:
        where = "this warehouse holds no OpenAlex co-authorship (rebuild it with `bilateral data build`)"
    section.sentences.append(Statement(
        f"There is no data on scientific cooperation between {the(ctx.a.name)} and {the(ctx.b.name)} in {span(*ctx.years)}: "
        f"{where}, so the dimension is left empty rather than scored as zero, and the composite index leaves it out.",
        tuple(evidence), kind="gap"))


def _coauthorship(ctx: Context, section: Section) -> None:
    """Co-authored works: the latest year against the first, each side's share, Salton's cosine, and the caveat."""
    frame = ctx.data.science
    if frame is None or frame.empty or ctx.window(OPENALEX) is None:
        if ctx.coverage(OPENALEX):
            section.sentences.append(no_data(ctx, OPENALEX, "OpenAlex co-authorship"))
        return
    a, b = the(ctx.a.name), the(ctx.b.name)
    first, last = frame.iloc[0], frame.iloc[-1]
    y0, y1 = int(first["year"]), int(last["year"])
    works = lambda row: Evidence(OPENALEX, "coauthored_works", int(row["coauthored_works"]), "works", year=int(row["year"]), table=TABLE)  # noqa: E731
    text = f"OpenAlex records {count(int(last['coauthored_works']), 'work')} co-authored by researchers in {a} and {b} in {y1}"
    evidence = [works(last)]
    if y0 < y1:
        text += f", against {int(first['coauthored_works']):,} in {y0}"
        evidence.append(works(first))
        peak = frame.loc[frame["coauthored_works"].idxmax()]
        if int(peak["year"]) not in (y0, y1) and peak["coauthored_works"] > last["coauthored_works"]:
            text += f"; the most in one year was {int(peak['coauthored_works']):,}, in {int(peak['year'])}"
            evidence.append(works(peak))
    section.sentences.append(Statement(text + ".", tuple(evidence)))
    if pd.notna(last["coauthor_share_a"]) and pd.notna(last["coauthor_share_b"]):
        shares = [Evidence(OPENALEX, f"coauthor_share_{side}", 100 * float(last[f"coauthor_share_{side}"]), "% of co-authorship links",
                           year=y1, table=TABLE) for side in ("a", "b")]
        section.sentences.append(Statement(
            f"In {y1} these works were {share_percent(shares[0].value)} of {possessive(ctx.a.name)} co-authorship links with other "
            f"countries and {share_percent(shares[1].value)} of {possessive(ctx.b.name)} (a work with authors in several countries "
            "counts once for each, so these shares understate the share of works).", tuple(shares)))
    salton = frame.dropna(subset=["coauthor_salton"])
    if not salton.empty:
        s0, s1 = salton.iloc[0], salton.iloc[-1]
        ev = [Evidence(OPENALEX, "coauthor_salton", float(s1["coauthor_salton"]), "Salton's cosine", year=int(s1["year"]), table=TABLE)]
        text = f"Corrected for the size of both countries' output, Salton's cosine was {s1['coauthor_salton']:.4f} in {int(s1['year'])}"
        if int(s0["year"]) < int(s1["year"]):
            ev.append(Evidence(OPENALEX, "coauthor_salton", float(s0["coauthor_salton"]), "Salton's cosine", year=int(s0["year"]), table=TABLE))
            text += f", against {s0['coauthor_salton']:.4f} in {int(s0['year'])}"
        section.sentences.append(Statement(text + " (co-authored works over the square root of the product of each country's works).", tuple(ev)))
    section.sentences.append(Statement(
        "OpenAlex counts depend on the query and on the snapshot read (many older works have no institution country), so the "
        "trend and the shares are safer than the levels.", ctx.coverage_evidence(OPENALEX), kind="gap"))
    long = frame[["year", "coauthored_works"]].rename(columns={"coauthored_works": "value"})
    section.charts.append(charts.line("coauthorship", f"Works co-authored by researchers in {a} and {b}",
                                      f"Source: {ctx.title_of(OPENALEX)}, covers {span(*ctx.coverage(OPENALEX))}. Levels depend on the query.",
                                      long, "Co-authored works (count)", ctx.window(OPENALEX)))
    gap = ends_before(ctx, OPENALEX, "OpenAlex co-authorship", "later co-publication is not covered.")
    if gap:
        section.sentences.append(gap)


def _ledger(ctx: Context, section: Section) -> None:
    events = ctx.data.events
    if events is None or events.empty:
        if ctx.coverage(LEDGER):
            section.sentences.append(Statement(
                "The ledger records no science agreement, joint laboratory or other science-related event for this pair; "
                "its coverage is selective, so this does not mean there were none.",
                ctx.coverage_evidence(LEDGER), kind="gap"))
        return
    alt = events["is_alt"].fillna(False).astype(bool) if "is_alt" in events else pd.Series(False, index=events.index)
    text = events["title"].fillna("").astype(str) + " " + events.get("detail", pd.Series("", index=events.index)).fillna("").astype(str)
    found = events[~alt & text.str.contains(SCIENCE_WORDS)]
    if found.empty:
        section.sentences.append(Statement(
            "The ledger records no science agreement, joint laboratory or other event naming science, research or technology "
            "for this pair; its coverage is selective, so this does not mean there were none.",
            (Evidence(LEDGER, "events_mentioning_science", 0, "count", date=interval(*ctx.years), table="core_ledger__events"),),
            kind="gap"))
        return
    first, last = int(found["year"].min()), int(found["year"].max())
    section.sentences.append(Statement(
        f"The ledger records {count(len(found), 'agreement or event', 'agreements or events')} between {the(ctx.a.name)} and "
        f"{the(ctx.b.name)} in {span(first, last)} whose description names science, research or technology; the ledger is "
        "selective, so these are examples, not a measure of scientific cooperation.",
        (Evidence(LEDGER, "events_mentioning_science", len(found), "count", date=interval(first, last), table="core_ledger__events",
                  note="title or detail matches science, research, laboratory, academy, technology, university or innovation"),)))
    section.tables.append(Table(
        "science_events", "Agreements and events naming science, research or technology (ledger)",
        ("date", "type", "event", "detail"),
        tuple((str(r["date"]), label(r["event_type"]), str(r["title"]), _text(r.get("detail"))) for _, r in found.iterrows()),
        source=LEDGER, links=tuple(_text(u) or None for u in found["source_url"])))


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
