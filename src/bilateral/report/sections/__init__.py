"""The brief's sections, each built from data by one module.

Each module has ``build(ctx) -> Section``. :func:`build_sections` gives the
order (timeline; political, economic, military, scientific, alignment; the
composite and ranks); the summary (lead sentences of each) and the coverage
section (every gap statement, gathered) are assembled from them. Later
sections (drivers, outlook) slot into the same list.
"""

from __future__ import annotations

from dataclasses import dataclass

from bilateral.report.model import Evidence, Party, Section, Sentence, SourceRef, Table
from bilateral.report.queries import DyadData
from bilateral.report.wording import interval, span


@dataclass
class Context:
    """What every section builder needs: the two states, the years, the data."""

    a: Party
    b: Party
    years: tuple[int, int]
    data: DyadData  # already restricted to ``years``

    @property
    def sources(self) -> dict[str, SourceRef]:
        return self.data.sources

    def coverage(self, source: str) -> tuple[int, int] | None:
        ref = self.sources.get(source)
        return ref.coverage if ref else None

    def window(self, source: str) -> tuple[int, int] | None:
        """The brief's years that lie inside ``source``'s coverage, or None."""
        cov = self.coverage(source)
        if cov is None:
            return None
        first, last = max(cov[0], self.years[0]), min(cov[1], self.years[1])
        return (first, last) if first <= last else None

    def coverage_evidence(self, source: str) -> tuple[Evidence, ...]:
        """Evidence for a statement about what a source covers."""
        cov = self.coverage(source) or self.years
        return (
            Evidence(source, "coverage_start", cov[0], "year", year=cov[0], table="_sources"),
            Evidence(source, "coverage_end", cov[1], "year", year=cov[1], table="_sources"),
        )

    def title_of(self, source: str) -> str:
        ref = self.sources.get(source)
        return ref.title if ref else source


def no_data(ctx: Context, source: str, what: str) -> Sentence:
    """'<what> has no data for A and B in Y1–Y2.' — said plainly, never as 0."""
    window = ctx.window(source)
    if window is None:
        cov = ctx.coverage(source) or ctx.years
        text = f"{what} covers {span(*cov)}, outside the years of this brief, so it has no data here."
        return Sentence(text, ctx.coverage_evidence(source), kind="gap")
    text = f"{what} has no data for this pair in {span(*window)}."
    evidence = (Evidence(source, "dyad_years_with_data", 0, "count", date=interval(*window)),)
    return Sentence(text, evidence, kind="gap")


def ends_before(ctx: Context, source: str, what: str, after: str) -> Sentence | None:
    """'<what> ends in 2014; <after>' when the brief runs past the source's coverage."""
    cov = ctx.coverage(source)
    if cov is None or ctx.years[1] <= cov[1] or ctx.window(source) is None:
        return None  # nothing to end, or no_data() has already said the brief lies outside the coverage
    return Sentence(f"{what} ends in {cov[1]}; {after}", ctx.coverage_evidence(source)[1:], kind="gap")


def build_sections(ctx: Context) -> list[Section]:
    """Every section, in the order of the brief."""
    from bilateral.report.sections import alignment, composite, economic, military, political, science, timeline

    dimensions = [module.build(ctx) for module in (timeline, political, economic, military, science, alignment, composite)]
    return [summary(dimensions), *dimensions, coverage(ctx, dimensions)]


#: Sections that lead the summary, and sections whose findings are examples rather
#: than measures (the science section's ledger listings), which it leaves out.
SUMMARY_FIRST = ("composite",)
SUMMARY_SKIP = {"science": "score_science"}


def summary(sections: list[Section]) -> Section:
    """The first finding of each section, the composite first. A dimension
    without findings is left to the coverage section, which says plainly what
    is missing; the science section leads only with a measured score."""
    lead = []
    ordered = sorted(sections, key=lambda s: s.id not in SUMMARY_FIRST)
    for section in ordered:
        findings = [s for s in section.sentences if s.kind == "finding"]
        if section.id in SUMMARY_SKIP:
            findings = [s for s in findings if any(e.measure == SUMMARY_SKIP[section.id] for e in s.evidence)]
        lead += findings[:1]
    if not lead:
        lead = [s for section in sections for s in section.sentences][:1]
    return Section("summary", "Headline summary", sentences=lead)


def coverage(ctx: Context, sections: list[Section]) -> Section:
    """Every gap statement in one place, and a table of what each source covers."""
    gaps: list[Sentence] = []
    for section in sections:
        gaps += [s for s in section.sentences if s.kind == "gap" and s not in gaps]
    used = sorted({e.source for s in sections for sentence in s.sentences for e in sentence.evidence} & set(ctx.sources))
    rows = tuple((ref.title, ref.version, span(*ref.coverage), ref.gaps or "none recorded") for ref in (ctx.sources[u] for u in used))
    table = Table("coverage", "What each source covers", ("source", "version", "coverage", "known gaps"), rows, source="_sources")
    return Section("coverage", "Data coverage and limits", sentences=gaps, tables=[table])
