"""Scientific cooperation: co-authored works (OpenAlex) and the ledger's
science-related agreements.

OpenAlex counts works co-authored by researchers in both states, but only
through a live connector (:mod:`bilateral.measures.science`): there is no open
file of co-publication by country pair to mirror, so an offline warehouse
holds no science indicator and the composite index has no science score. The
section says so plainly, never as 0, and its evidence is the index's own
record that no science indicator exists for the pair in those years. What the
ledger records (agreements and events whose title or detail names science,
research or technology) is listed as the selective record it is.
"""

from __future__ import annotations

import re

import pandas as pd

from bilateral.report.model import Evidence, Section, Sentence, Table
from bilateral.report.queries import DERIVED
from bilateral.report.sections import Context
from bilateral.report.wording import count, interval, label, number, span, the

LEDGER = "ledger"
SCIENCE_WORDS = re.compile(r"\b(?:scien\w*|research\w*|laborator\w*|academ\w*|technolog\w*|universit\w*|innovation\w*|S&T)\b", re.I)


def build(ctx: Context) -> Section:
    section = Section("science", "Scientific cooperation")
    _index(ctx, section)
    _ledger(ctx, section)
    return section


def _index(ctx: Context, section: Section) -> None:
    """The science score where the index has one; otherwise a plain statement of no data."""
    index = ctx.data.index
    scored = index.dropna(subset=["score_science"]) if index is not None and "score_science" in index else None
    if scored is not None and not scored.empty:
        last = scored.iloc[-1]
        section.sentences.append(Sentence(
            f"In {int(last['year'])}, the scientific cooperation score was {number(float(last['score_science']), 1)} "
            "(mean percentile of its indicators among all dyads that year).",
            (Evidence(DERIVED, "score_science", float(last["score_science"]), "score (mean percentile, 0–100)",
                      year=int(last["year"]), table="out_index"),)))
        return
    indicators = int(index["science_indicators"].fillna(0).sum()) if index is not None and "science_indicators" in index else 0
    section.sentences.append(Sentence(
        f"There is no data on scientific cooperation between {the(ctx.a.name)} and {the(ctx.b.name)} in {span(*ctx.years)}: "
        "counts of co-authored works come from OpenAlex through a live connector (bilateral.measures.science), which the "
        "offline warehouse does not call, so the dimension is left empty rather than scored as zero, and the composite index "
        "leaves it out.",
        (Evidence(DERIVED, "science_indicators", indicators, "indicators", date=interval(*ctx.years), table="out_index",
                  note="science indicators available to the index in these years; OpenAlex co-authorship needs "
                       "bilateral.measures.science.fetch_coauthorship (online)"),),
        kind="gap"))


def _ledger(ctx: Context, section: Section) -> None:
    events = ctx.data.events
    if events is None or events.empty:
        if ctx.coverage(LEDGER):
            section.sentences.append(Sentence(
                "The ledger records no science agreement, joint laboratory or other science-related event for this pair; "
                "its coverage is selective, so this does not mean there were none.",
                ctx.coverage_evidence(LEDGER), kind="gap"))
        return
    alt = events["is_alt"].fillna(False).astype(bool) if "is_alt" in events else pd.Series(False, index=events.index)
    text = events["title"].fillna("").astype(str) + " " + events.get("detail", pd.Series("", index=events.index)).fillna("").astype(str)
    found = events[~alt & text.str.contains(SCIENCE_WORDS)]
    if found.empty:
        section.sentences.append(Sentence(
            "The ledger records no science agreement, joint laboratory or other event naming science, research or technology "
            "for this pair; its coverage is selective, so this does not mean there were none.",
            (Evidence(LEDGER, "events_mentioning_science", 0, "count", date=interval(*ctx.years), table="core_ledger__events"),),
            kind="gap"))
        return
    first, last = int(found["year"].min()), int(found["year"].max())
    section.sentences.append(Sentence(
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
