"""What every section builder works with: the :class:`Context` and the helpers
that write gap statements and file sentences under a topic.

Apart from the package's ``__init__`` (which imports every section module to
build the brief) so that the section modules can import these without
importing their package back (issue 11: no import cycle).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bilateral.report.model import Evidence, Party, Section, Statement, SourceRef
from bilateral.report.queries import DyadData
from bilateral.wording import interval, span


@dataclass
class Context:
    """What every section builder needs: the two states, the years, the data."""

    a: Party
    b: Party
    years: tuple[int, int]
    data: DyadData  # already restricted to ``years``
    explained: dict | None = None  # bilateral.explain.explain()'s result for the pair and years, or None
    explain_error: str | None = None  # why there is none (no composite in any year, say)

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


def no_data(ctx: Context, source: str, what: str) -> Statement:
    """'<what> has no data for A and B in Y1–Y2.' — said plainly, never as 0."""
    window = ctx.window(source)
    if window is None:
        cov = ctx.coverage(source) or ctx.years
        text = f"{what} covers {span(*cov)}, outside the years of this brief, so it has no data here."
        return Statement(text, ctx.coverage_evidence(source), kind="gap")
    text = f"{what} has no data for this pair in {span(*window)}."
    evidence = (Evidence(source, "dyad_years_with_data", 0, "count", date=interval(*window)),)
    return Statement(text, evidence, kind="gap")


def ends_before(ctx: Context, source: str, what: str, after: str) -> Statement | None:
    """'<what> ends in 2014; <after>' when the brief runs past the source's coverage."""
    cov = ctx.coverage(source)
    if cov is None or ctx.years[1] <= cov[1] or ctx.window(source) is None:
        return None  # nothing to end, or no_data() has already said the brief lies outside the coverage
    return Statement(f"{what} ends in {cov[1]}; {after}", ctx.coverage_evidence(source)[1:], kind="gap")


def under(topic: str, ctx: Context, section: Section, *steps) -> None:
    """Run each ``step(ctx, section)`` and file what it adds (sentences, charts,
    tables) under ``topic``, so that a chart sits beside the sentences it shows."""
    start = (len(section.sentences), len(section.charts), len(section.tables))
    for step in steps:
        step(ctx, section)
    for items, first in zip((section.sentences, section.charts, section.tables), start):
        items[first:] = [replace(item, topic=topic) for item in items[first:]]


def from_statements(statements: list[Statement], topic: str | None = None) -> list[Statement]:
    """explain's statements, filed under ``topic`` (the same type as the brief's sentences)."""
    return [replace(s, topic=topic) for s in statements]
