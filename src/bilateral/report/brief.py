"""Build a brief for one dyad, and write it as HTML, JSON and Markdown.

:func:`build_brief` is the API the CLI and (later) the web app call; it
returns the JSON-able :class:`~bilateral.report.model.Brief`. The two states
are resolved with the year-aware resolver, so "USSR" in 1960–1990 is COW 365
named "Soviet Union". By default the brief spans the years in which the
sources say anything about the pair, but never before the later of the two
states' entry into the state system, nor before both existed in their
present form or as a predecessor they continue (Serbia from 1992, not
Yugoslavia). Sentences are then named for their years (:mod:`.names`).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from time import perf_counter

from bilateral.countries import get_resolver
from bilateral.errors import BilateralError
from bilateral.paths import write_atomically
from bilateral.report import names
from bilateral.span import check_years
from bilateral.report.model import Brief, Party
from bilateral.report.queries import DERIVED, DyadData, load, with_partners
from bilateral.report.sections import Context, build_sections

FORMATS = ("html", "json", "md")
MEASURES = ("imports_a_musd", "imports_b_musd", "igo_shared", "atop_any", "ideal_point_distance")


class ReportError(BilateralError):
    """A brief that cannot be written as asked (the same state twice, a bad year range)."""


def build_brief(a: str, b: str, years: tuple[int, int] | None = None, db=None, mirror=None, con=None,
                progress: bool = True, steps: "_Steps | None" = None) -> Brief:
    """The brief on relations between ``a`` and ``b`` (names or codes in any scheme).

    ``con`` reuses an open warehouse connection (the web app's, say);
    otherwise the warehouse at ``db`` is opened, and built first if missing.
    """
    own = steps or _Steps(progress)
    try:
        return _build(a, b, years, db, mirror, con, progress, own)
    finally:
        if steps is None:
            own.close()


def _build(a, b, years, db, mirror, con, progress: bool, steps: "_Steps") -> Brief:
    from bilateral import arguments

    years = arguments.year_range(years)
    if years is not None and years[0] > years[1]:
        raise ReportError(f"year range {years[0]}-{years[1]} runs backwards; give the first year first.")
    if con is None:
        from bilateral.warehouse import connect

        steps.step("opening the warehouse")
        with connect(db, mirror=mirror, progress=progress) as own:
            return _build(a, b, years, db, mirror, own, progress, steps)
    steps.step("resolving states")
    when = years[1] if years else None
    resolver = get_resolver(con=con)
    state_a, state_b = resolver.resolve(a, year=when), resolver.resolve(b, year=when)
    if state_a.ccode == state_b.ccode:
        raise ReportError(f"{a!r} and {b!r} are the same state, {state_a.label()}; a brief needs two different states.")
    check_years(con, state_a, state_b, years)
    steps.step("reading the dyad's data")
    data = load(con, state_a.ccode, state_b.ccode)
    if years is None and data.dyad_years.empty:
        raise ReportError(
            f"{state_a.label()} and {state_b.label()} were never in the state system at the same time, so there is no dyad to "
            "describe; give --years to write a brief for a period anyway.")
    since = [resolver.present_form_since(s.ccode) for s in (state_a, state_b)]
    span = years or default_years(data, since=max((y for y in since if y is not None), default=None))
    party_a, party_b = (Party(s.iso3, resolver.name_in(s.ccode, span[1]), s.ccode, tuple(resolver.names_over(s.ccode, *span)))
                        for s in (state_a, state_b))
    steps.step("ranking partners")
    data = with_partners(con, data.restrict(*span), state_a.ccode, state_b.ccode)
    steps.step("explaining: trajectory, third states, blocs, peers, determinants")
    explained, why = explain_pair(con, state_a.ccode, state_b.ccode, span)
    steps.step("writing sentences and charts")
    present = {s.ccode: resolver.state(s.ccode).name for s in (state_a, state_b)}
    sections = names.apply(party_a, party_b, span, build_sections(Context(party_a, party_b, span, data, explained, why)), present)
    used = [e.source for s in sections for sentence in s.sentences for e in sentence.evidence]
    used += [t.source for s in sections for t in s.tables]
    used = sorted(dict.fromkeys(used), key=lambda name: name == DERIVED)  # the derived index after the data it rests on
    sources = [data.sources[name] for name in used if name in data.sources]
    meta = {"generator": "bilateral", "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "method": "docs/method.md"}
    return Brief(party_a, party_b, span, sections, sources, meta)


def explain_pair(con, a: int, b: int, years: tuple[int, int]) -> tuple[dict | None, str | None]:
    """:func:`bilateral.explain.explain` for the pair (COW codes) over the brief's
    years, or None and the reason when there is nothing to explain. The
    determinants model is read from the warehouse, where the build stored it."""
    from bilateral.explain import ExplainError, explain

    try:
        return explain(con, a, b, years=years), None
    except ExplainError as error:
        return None, str(error)


def default_years(data: DyadData, since: int | None = None) -> tuple[int, int]:
    """The union of years with data for the pair, from the later entry into the
    system on, and from ``since`` on: the first year in which both states
    existed in their present form or as a predecessor they continue (1992 for
    Serbia, which does not continue Yugoslavia; see
    :meth:`bilateral.resolver.Resolver.present_form_since`)."""
    found: set[int] = set()
    frame = data.dyad_years
    if not frame.empty:
        found |= set(frame.loc[frame[list(MEASURES)].notna().any(axis=1), "year"].astype(int))
    both_votes = data.key_votes.dropna(subset=["vote_a", "vote_b"]) if not data.key_votes.empty else data.key_votes
    for extra in (data.un_votes, data.engagements, data.events, data.trade_reported, both_votes, data.arms, data.investments):
        if extra is not None and not extra.empty:
            found |= set(extra["year"].dropna().astype(int))
    entries = [y for y in (*data.entry_years, since) if y is not None]
    entry = max(entries) if entries else None
    if entry is not None:
        found = {y for y in found if y >= entry}
    if found:
        return (min(found), max(found))
    last = max(ref.coverage[1] for ref in data.sources.values()) if data.sources else datetime.now().year
    return (entry or last, last)


def write_report(a: str, b: str, out: Path, years: tuple[int, int] | None = None, db=None, mirror=None,
                 formats: tuple[str, ...] = FORMATS, progress: bool = True, charts: str = "interactive") -> list[Path]:
    """Write ``report.html``, ``report.json`` and ``report.md`` into ``out``; return their paths.

    ``charts`` is how the HTML draws its charts: ``interactive`` (Vega in the
    reader's browser) or ``static`` (inline SVG, no scripts); see
    :mod:`bilateral.report.render_html`.
    """
    from bilateral.report.render_html import CHART_FORMS

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ReportError(f"unknown format(s) {unknown}; choose from {', '.join(FORMATS)}.")
    if charts not in CHART_FORMS:
        raise ReportError(f"charts={charts!r} is not a way to draw charts; choose {' or '.join(CHART_FORMS)}.")
    steps = _Steps(progress)
    try:
        brief = build_brief(a, b, years=years, db=db, mirror=mirror, progress=progress, steps=steps)
        return _write_all(brief, Path(out), formats, steps, charts)
    finally:
        steps.close()


def _write_all(brief: Brief, out: Path, formats: tuple[str, ...], steps: "_Steps", charts: str) -> list[Path]:
    """Write each format; the paths come back in the order of ``formats``."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt in formats:
        steps.step(f"writing report.{fmt}")
        if fmt == "json":
            text = json.dumps(brief.to_dict(), indent=1, ensure_ascii=False)
        elif fmt == "html":
            from bilateral.report.render_html import render_html

            text = render_html(brief, charts=charts)
        else:
            from bilateral.report.render_md import render_md

            text = render_md(brief)
        written[fmt] = write_atomically(out / f"report.{fmt}", text)
    return [written[fmt] for fmt in formats]


class _Steps:
    """A rich spinner that appears only once the work has taken more than a second."""

    def __init__(self, enabled: bool):
        self.enabled, self.started, self.bar, self.task = enabled, perf_counter(), None, None

    def step(self, text: str) -> None:
        if self.bar is None and self.enabled and perf_counter() - self.started > 1.0:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True, console=Console(stderr=True))
            self.bar.start()
            self.task = self.bar.add_task(text)
        elif self.bar is not None:
            self.bar.update(self.task, description=text)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
