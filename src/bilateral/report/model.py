"""The brief as data: sections of sentences with their evidence, and charts.

Both renderers (HTML, Markdown) and, later, the web app consume this one
structure, so nothing here knows about presentation. A section's sentences
are :class:`bilateral.evidence.Statement`, the type the explanations write
too, so their statements join the brief as they are. ``Brief.to_dict()`` is
the JSON contract of ``report.json``::

    {"dyad": {"a": {"iso3", "name", "ccode", ["names"]}, "b": {...}}, "years": [y1, y2],
     "sections": [{"id", "title", "sentences": [{"text", "evidence": [...]}],
                   "charts": [{"id", "title", "spec"}], "tables": [...]}],
     "sources": [{"id", "citation", "version", "coverage"}]}

Every evidence item names its source, measure, value and unit, and either a
``year`` or a ``date`` (an ISO 8601 date, or an interval ``1992/2014`` when the
value describes a span of years). ``tables`` is an addition to the contract:
row-level listings (the ledger's events, votes and reported figures) whose
free text would not fit the rule that every number in a sentence is evidence.
A side whose name changed within the brief's years (345: Yugoslavia, then
Serbia) also has ``names``: ``[{"from", "to", "name"}]``, oldest first.
Sentences, charts and tables may carry a ``topic``: a sub-heading inside their
section ("Third states", "Opposing blocs"), under which the renderers group them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bilateral.evidence import Evidence, Statement, plain  # noqa: F401 - Evidence and Statement are part of the brief's model


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite chart; ``spec`` carries its data inline."""

    id: str
    title: str
    spec: dict[str, Any]
    source_note: str
    topic: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _topical({"id": self.id, "title": self.title, "spec": self.spec, "source_note": self.source_note}, self.topic)


@dataclass(frozen=True)
class Table:
    """A listing of rows (cells are plain values); ``links`` holds one URL or None per row."""

    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    source: str
    links: tuple[str | None, ...] = ()
    flags: tuple[str | None, ...] = ()  # e.g. "disputed", one per row
    decimals: int | None = None  # show every float with this many decimals (a column of scores reads alike)
    topic: str | None = None

    def to_dict(self) -> dict[str, Any]:
        rows = [dict(zip(self.columns, map(plain, row))) for row in self.rows]
        for i, row in enumerate(rows):
            if i < len(self.links) and self.links[i]:
                row["url"] = self.links[i]
            if i < len(self.flags) and self.flags[i]:
                row["flag"] = self.flags[i]
        return _topical({"id": self.id, "title": self.title, "source": self.source, "columns": list(self.columns), "rows": rows},
                        self.topic)


@dataclass
class Section:
    id: str
    title: str
    sentences: list[Statement] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def groups(self) -> list[tuple[str | None, list[Statement], list[Chart], list[Table]]]:
        """(topic, sentences, charts, tables) per topic, in order of first appearance; untopical items first."""
        topics: list[str | None] = [None]
        for item in (*self.sentences, *self.charts, *self.tables):
            if item.topic not in topics:
                topics.append(item.topic)
        out = [(t, [s for s in self.sentences if s.topic == t], [c for c in self.charts if c.topic == t],
                [x for x in self.tables if x.topic == t]) for t in topics]
        return [g for g in out if any(g[1:])]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "sentences": [s.to_dict() for s in self.sentences],
            "charts": [c.to_dict() for c in self.charts],
            "tables": [t.to_dict() for t in self.tables],
        }


@dataclass(frozen=True)
class Party:
    """One side of the dyad, named as it was in the brief's last year;
    ``names`` holds its names over the brief's years, as (first, last, name)
    spells (see :func:`bilateral.resolver.Resolver.names_over`)."""

    iso3: str | None
    name: str
    ccode: int
    names: tuple = ()

    def to_dict(self) -> dict[str, Any]:
        out = {"iso3": self.iso3, "name": self.name, "ccode": self.ccode}
        if len(self.names) > 1:  # only where the name changed within the brief's years
            out["names"] = [{"from": s[0], "to": s[1], "name": s[2]} for s in self.names]
        return out


@dataclass(frozen=True)
class SourceRef:
    """A source cited by the brief, from the warehouse's ``_sources``."""

    id: str
    title: str
    citation: str
    version: str
    coverage: tuple[int, int]
    gaps: str = ""
    homepage: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "citation": self.citation,
            "version": self.version,
            "coverage": list(self.coverage),
            "gaps": self.gaps,
            "homepage": self.homepage,
        }


@dataclass
class Brief:
    a: Party
    b: Party
    years: tuple[int, int]
    sections: list[Section]
    sources: list[SourceRef]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dyad": {"a": self.a.to_dict(), "b": self.b.to_dict()},
            "years": list(self.years),
            "sections": [s.to_dict() for s in self.sections],
            "sources": [s.to_dict() for s in self.sources],
            "meta": self.meta,
        }

    def section(self, id: str) -> Section:
        return next(s for s in self.sections if s.id == id)


def _topical(out: dict[str, Any], topic: str | None) -> dict[str, Any]:
    if topic is not None:
        out["topic"] = topic
    return out
