"""Names fit for the period: a pass over the written brief.

The sections name each state as it was in the brief's last year ("Serbia").
COW keeps one number across a change of state (345 is Yugoslavia until 1991,
the Federal Republic of Yugoslavia, Serbia and Montenegro, then Serbia), so a
brief over 1980–2024 would otherwise present Yugoslavia's 1987 trade as
Serbia's. This pass, run once the sections are written:

- names a state as it was in a sentence's years when all of them fall in one
  earlier name ("In 1987, Yugoslavia's imports from China …");
- adds a note, with the names as evidence, to a sentence whose years span a
  change ("(For Serbia read Yugoslavia in 1980–1991, …)");
- where the source files data under present-day countries (OpenAlex), names
  the state as it is today and says so: its 1990 figure for 365 is present-day
  Russia's, not the Soviet Union's;
- gives the brief's title, the note of a chart and the title of a listing by
  year over a change the earlier names (:func:`title`).

Names and their years come from :meth:`bilateral.resolver.Resolver.names_over`
(data/historical_names.tsv); a year carries the name held on 1 July.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bilateral.countries import NameSpell
from bilateral.report.model import Brief, Chart, Evidence, Party, Section, Statement, Table
from bilateral.wording import The, interval, possessive, span, the

#: The source and table cited for a state's name in some years.
SOURCE, TABLE = "states", "out_state_names"
#: Sources that file every year under present-day countries, and how a sentence names them.
PRESENT_TERRITORY = {"openalex": "OpenAlex"}
#: The source behind each chart that shows one (by chart id), where that matters for naming.
CHART_SOURCES = {"coauthorship": "openalex"}
NOTE = "the state's name in these years (1 July of each year), from bilateral's data/historical_names.tsv over the COW state list"


def earlier(party: Party) -> list[NameSpell]:
    """The spells of ``party.names`` under a name other than the one the brief uses."""
    return [s for s in party.names if s.name != party.name]


def title(brief: Brief) -> str:
    """'China and Serbia: relations brief, 1980–2024 (Serbia: Yugoslavia in 1980–1991, …)'."""
    text = f"{The(brief.a.name)} and {the(brief.b.name)}: relations brief, {span(*brief.years)}"
    return f"{text} ({note(brief)})" if note(brief) else text


def note(brief: Brief) -> str:
    """'Serbia: Yugoslavia in 1980–1991, …', or '' when neither side changed its name in the brief's years."""
    return "; ".join(f"{party.name}: {_listing(earlier(party))}" for party in (brief.a, brief.b) if earlier(party))


def _listing(spells: list[NameSpell]) -> str:
    """'Yugoslavia in 1980–1991, the Federal Republic of Yugoslavia in 1992–2002'."""
    return ", ".join(f"{the(s.name)} in {span(s.first, s.last)}" for s in spells)


def name_evidence(spell: NameSpell) -> Evidence:
    return Evidence(SOURCE, "state_name", spell.name, "name", date=interval(spell.first, spell.last), table=TABLE, note=NOTE)


def apply(a: Party, b: Party, years: tuple[int, int], sections: list[Section], present: dict[int, str] | None = None) -> list[Section]:
    """``sections`` with every sentence and chart named for its years (see the
    module docstring). ``present`` gives each side's name today by COW number
    (for sources that file data under present-day countries); by default the
    name the brief uses."""
    today = {p.ccode: (present or {}).get(p.ccode, p.name) for p in (a, b)}
    parties = [p for p in (a, b) if earlier(p) or today[p.ccode] != p.name]
    if not parties:
        return sections
    return [_section(section, parties, years, today) for section in sections]


def _section(section: Section, parties: list[Party], years: tuple[int, int], today: dict[int, str]) -> Section:
    sentences = [_sentence(sentence, parties, years, today) for sentence in section.sentences]
    charts = [_chart(chart, parties, today) for chart in section.charts]
    tables = [_table(table, parties) for table in section.tables]
    return replace(section, sentences=sentences, charts=charts, tables=tables)


def _table(table: Table, parties: list[Party]) -> Table:
    """A listing by year over a change of name: its title lists the earlier names of the years it shows."""
    if "year" not in table.columns:
        return table
    column = table.columns.index("year")
    shown = {int(row[column]) for row in table.rows if isinstance(row[column], (int, float))}
    notes = []
    for party in parties:
        others = [s for s in _spells_said(party, shown) if s.name != party.name]
        if others and _mentions(table.title, party.name):
            notes.append(f"for {party.name} read {_listing(others)}")
    return replace(table, title=f"{table.title} ({'; '.join(notes)})") if notes else table


def _sentence(sentence: Statement, parties: list[Party], years: tuple[int, int], today: dict[int, str]) -> Statement:
    said = _years(sentence, years)
    if not said:
        return sentence
    source = _present_territory({e.source for e in sentence.evidence if e.table not in ("_sources", TABLE)})
    text, evidence, notes = sentence.text, list(sentence.evidence), []
    for party in parties:
        if not _mentions(text, party.name):
            continue
        now = today[party.ccode]
        spells = _spells_said(party, said)
        others = [s for s in spells if s.name != (now if source else party.name)]
        if not others:
            continue
        evidence += [name_evidence(s) for s in others]
        if source:
            text = _rename(text, party.name, now) if now != party.name else text
            notes.append(_territory_note(source, now, others))
        elif len(spells) == 1:
            text = _rename(text, party.name, spells[0].name)
            evidence = [_renamed_note(e, party.name, spells[0].name) for e in evidence]
        else:
            notes.append(f"(For {party.name} read {_listing(others)}.)")
    if text == sentence.text and not notes:
        return sentence
    return replace(sentence, text=" ".join([text, *notes]), evidence=tuple(evidence))


def _renamed_note(e: Evidence, name: str, historical: str) -> Evidence:
    """Evidence whose note names the state ("Serbia's imports from China") named as its sentence now is."""
    if not e.note or e.table == TABLE or not _mentions(e.note, name):
        return e
    return replace(e, note=_rename(e.note, name, historical))


def _territory_note(source: str, now: str, others: list[NameSpell]) -> str:
    """'(OpenAlex files data under present-day countries: these are present-day Russia's in every year, though in 1990
    the state was the Soviet Union.)'"""
    parts = [f"in {span(s.first, s.last)} {'the state was ' if i == 0 else ''}{the(s.name)}" for i, s in enumerate(others)]
    when = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"({source} files data under present-day countries: these are present-day {possessive(now)} in every year, though {when}.)"


def _chart(chart: Chart, parties: list[Party], today: dict[int, str]) -> Chart:
    """A chart over a change of name: its note lists the earlier names; a
    chart of a present-day-countries source is titled with today's name."""
    source = PRESENT_TERRITORY.get(CHART_SOURCES.get(chart.id, ""))
    shown = _chart_years(chart.spec)
    title, notes = chart.title, []
    for party in parties:
        if not shown or not _mentions(title, party.name):
            continue
        spells = _spells_said(party, shown)
        now = today[party.ccode]
        others = [s for s in spells if s.name != (now if source else party.name)]
        if not others:
            continue
        if source:
            title = _rename(title, party.name, now) if now != party.name else title
            notes.append(_territory_note(source, now, others)[1:-1])
        else:
            notes.append(f"For {party.name} read {_listing(others)}.")
    if not notes:
        return chart
    return replace(chart, title=title, source_note=" ".join([chart.source_note, *(n if n.endswith(".") else n + "." for n in notes)]))


def _chart_years(spec) -> set[int]:
    """The years in a chart's inline data (every ``year`` of every data row, in every layer)."""
    found: set[int] = set()
    if isinstance(spec, dict):
        values = spec.get("values") if isinstance(spec.get("values"), list) else []
        found |= {int(row["year"]) for row in values if isinstance(row, dict) and isinstance(row.get("year"), (int, float))}
        for key, value in spec.items():
            if key != "values":
                found |= _chart_years(value)
    elif isinstance(spec, list):
        for item in spec:
            found |= _chart_years(item)
    return found


def _spells_said(party: Party, said: set[int]) -> list[NameSpell]:
    """The party's names in the years a sentence speaks of, each cut to those years."""
    out = []
    for spell in party.names:
        inside = [y for y in said if spell.first <= y <= spell.last]
        if inside:
            out.append(NameSpell(min(inside), max(inside), spell.name))
    return out


def _present_territory(sources: set[str]) -> str | None:
    """The source's short name when every value of a sentence comes from one
    source that files data under present-day countries (OpenAlex), else None."""
    return PRESENT_TERRITORY.get(next(iter(sources))) if len(sources) == 1 else None


def _years(sentence: Statement, years: tuple[int, int]) -> set[int]:
    """The brief's years a sentence's evidence speaks of (not a source's coverage)."""
    found: set[int] = set()
    for e in sentence.evidence:
        if e.table == "_sources" or e.table == TABLE:
            continue
        if e.year is not None:
            found.add(int(e.year))
        elif e.date:
            parts = [int(p[:4]) for p in str(e.date).split("/") if re.match(r"^\d{4}", p)]
            if len(parts) == 2:
                found |= set(range(parts[0], parts[1] + 1))
            elif parts:
                found.add(parts[0])
    return {y for y in found if years[0] <= y <= years[1]}


def _pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:(?P<article>[Tt]he) )?{re.escape(name)}(?![\w-])")


def _mentions(text: str, name: str) -> bool:
    return _pattern(name).search(text) is not None


def _rename(text: str, name: str, historical: str) -> str:
    """``text`` with ``name`` (and its article) written as ``historical``, capitalised at a sentence start."""
    def sub(match: re.Match) -> str:
        before = text[:match.start()].rstrip()
        initial = not before or before.endswith((".", ":", "?", "!")) or (match["article"] or "").startswith("T")
        return The(historical) if initial else the(historical)

    return _pattern(name).sub(sub, text)
