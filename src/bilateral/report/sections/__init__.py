"""The brief's sections, each built from data by one module.

Each module has ``build(ctx) -> Section``. :func:`build_sections` gives the
order of issue 5 (timeline; political, economic, military, scientific,
alignment; the composite and ranks; what drives the relationship; the
outlook); the summary (lead sentences of each) and the coverage section
(every gap statement, gathered) are assembled from them. The drivers and
the outlook are written from :func:`bilateral.explain.explain`'s statements
(``ctx.explained``), converted by :func:`from_statements`, not recomputed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bilateral.report.model import Section, Statement, Table
# Re-exported: the section modules import these from .context, not from this package (no import cycle).
from bilateral.report.sections.context import Context, ends_before, from_statements, no_data, under  # noqa: F401
from bilateral.wording import span


def _modules() -> dict:
    """The section modules by name, in the order of the brief."""
    from bilateral.report.sections import (alignment, composite, drivers, economic, military, outlook, political, science,
                                           timeline)

    modules = (timeline, political, economic, military, science, alignment, composite, drivers, outlook)
    return {m.__name__.rsplit(".", 1)[1]: m for m in modules}


def build_sections(ctx: Context) -> list[Section]:
    """Every section, in the order of the brief."""
    body = [module.build(ctx) for module in _modules().values()]
    return [summary(body), *body, coverage(ctx, body)]


#: Sections that lead the summary: where the pair stands, then where it has been going.
SUMMARY_FIRST = ("composite", "outlook")
#: Which findings may stand in the summary for a section: the timeline's counts and
#: the science section's ledger listings come from a curated, selective ledger (examples,
#: not measures), so neither leads the headline; the outlook's "what to watch" and the
#: drivers' test statistics need their section around them.
SUMMARY_LEADS = {
    "timeline": lambda s: False,
    "science": lambda s: any(e.measure == "score_science" for e in s.evidence),
    "outlook": lambda s: s.topic == "Trajectory of the composite",
    "drivers": lambda s: s.text.startswith("The third state both"),
}


#: Longest headline, in sentences (issue 9).
MAX_HEADLINE = 8
#: A headline sentence that ranks the pair or calls a state "closest" must name what it ranks by.
_RANKS = re.compile(r"\bclosest\b|\brank|\b\d+(st|nd|rd|th)\b", re.I)
_INDEX_NAMED = re.compile(r"\b(composite|index|score|trade|trading|ties|alignment|dependence|votes?|voting|roll calls?)\b", re.I)


def headline_ok(sentence: Statement) -> bool:
    """False for a rank or a 'closest' that does not say which index it comes from."""
    return not _RANKS.search(sentence.text) or bool(_INDEX_NAMED.search(sentence.text))


def summary(sections: list[Section]) -> Section:
    """The first finding of each section, the composite and its trend first,
    at most :data:`MAX_HEADLINE` sentences. A dimension without findings is
    left to the coverage section, which says plainly what is missing; the
    science section leads only with a measured score; a rank must name its index."""
    lead = []
    ordered = sorted(sections, key=lambda s: s.id not in SUMMARY_FIRST)
    for section in ordered:
        findings = [s for s in section.sentences if s.kind == "finding"]
        if section.id in SUMMARY_LEADS:
            findings = [s for s in findings if SUMMARY_LEADS[section.id](s)]
        lead += [s for s in findings if headline_ok(s)][:1]
    if not lead:
        lead = [s for section in sections for s in section.sentences][:1]
    return Section("summary", "Headline summary", sentences=[replace(s, topic=None) for s in lead[:MAX_HEADLINE]])


def coverage(ctx: Context, sections: list[Section]) -> Section:
    """Every gap statement in one place, and a table of what each source covers."""
    gaps: list[Statement] = []
    for section in sections:
        gaps += [replace(s, topic=None) for s in section.sentences if s.kind == "gap" and replace(s, topic=None) not in gaps]
    used = sorted({e.source for s in sections for sentence in s.sentences for e in sentence.evidence} & set(ctx.sources))
    rows = tuple((ref.title, ref.version, span(*ref.coverage), ref.gaps or "none recorded") for ref in (ctx.sources[u] for u in used))
    table = Table("coverage", "What each source covers", ("source", "version", "coverage", "known gaps"), rows, source="_sources")
    return Section("coverage", "Data coverage and limits", sentences=gaps, tables=[table])
