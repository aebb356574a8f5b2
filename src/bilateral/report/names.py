"""Names fit for the period: a pass over the written brief.

The sections name each state as it was in the brief's last year ("Serbia").
COW keeps one number across a change of state (345 is Yugoslavia until 1991,
the Federal Republic of Yugoslavia, Serbia and Montenegro, then Serbia), so a
brief over 1980–2024 would otherwise present Yugoslavia's 1987 trade as
Serbia's. This pass, run once the sections are written:

- names a state as it was in a sentence's years when all of them fall in one
  earlier name ("In 1987, Yugoslavia's imports from China …");
- adds a note, with the names as evidence, to a sentence whose years span a
  change ("Figures for 1980–1991 are Yugoslavia's, …");
- gives the brief's title the same note (:func:`title`).

Names and their years come from :meth:`bilateral.countries.Resolver.names_over`
(data/historical_names.tsv); a year carries the name held on 1 July.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bilateral.countries import NameSpell
from bilateral.report.model import Brief, Evidence, Party, Section, Sentence
from bilateral.report.wording import The, interval, possessive, span, the

#: The source and table cited for a state's name in some years.
SOURCE, TABLE = "states", "out_state_names"
NOTE = "the state's name in these years (1 July of each year), from bilateral's data/historical_names.tsv over the COW state list"


def earlier(party: Party) -> list[NameSpell]:
    """The spells of ``party.names`` under a name other than the one the brief uses."""
    return [s for s in party.names if s.name != party.name]


def title(brief: Brief) -> str:
    """'China and Serbia: relations brief, 1980–2024 (Serbia: Yugoslavia in 1980–1991, …)'."""
    text = f"{The(brief.a.name)} and {the(brief.b.name)}: relations brief, {span(*brief.years)}"
    notes = [f"{party.name}: {_listing(earlier(party))}" for party in (brief.a, brief.b) if earlier(party)]
    return f"{text} ({'; '.join(notes)})" if notes else text


def _listing(spells: list[NameSpell]) -> str:
    """'Yugoslavia in 1980–1991, the Federal Republic of Yugoslavia in 1992–2002'."""
    return ", ".join(f"{the(s.name)} in {span(s.first, s.last)}" for s in spells)


def name_evidence(spell: NameSpell) -> Evidence:
    return Evidence(SOURCE, "state_name", spell.name, "name", date=interval(spell.first, spell.last), table=TABLE, note=NOTE)


def apply(a: Party, b: Party, years: tuple[int, int], sections: list[Section]) -> list[Section]:
    """``sections`` with every sentence named for its years (see the module docstring)."""
    parties = [p for p in (a, b) if earlier(p)]
    if not parties:
        return sections
    return [_section(section, parties, years) for section in sections]


def _section(section: Section, parties: list[Party], years: tuple[int, int]) -> Section:
    sentences = [_sentence(sentence, parties, years) for sentence in section.sentences]
    return replace(section, sentences=sentences)


def _sentence(sentence: Sentence, parties: list[Party], years: tuple[int, int]) -> Sentence:
    said = _years(sentence, years)
    if not said:
        return sentence
    text, evidence, notes = sentence.text, list(sentence.evidence), []
    for party in parties:
        if not _mentions(text, party.name):
            continue
        spells = [s for s in party.names if any(s.first <= y <= s.last for y in said)]
        if len(spells) == 1 and spells[0].name != party.name:
            text = _rename(text, party.name, spells[0].name)
            evidence.append(name_evidence(spells[0]))
        elif len(spells) > 1 and any(s.name != party.name for s in spells):
            others = [s for s in spells if s.name != party.name]
            notes.append(_figures_note(others))
            evidence += [name_evidence(s) for s in others]
    if text == sentence.text and not notes:
        return sentence
    if notes:
        text = f"{text} {' '.join(notes)}"
    return replace(sentence, text=text, evidence=tuple(evidence))


def _figures_note(spells: list[NameSpell]) -> str:
    """'(The values for 1980–1991 are Yugoslavia's and for 1992–2002 the Federal Republic of Yugoslavia's.)'"""
    items = [f"{span(s.first, s.last)} are {possessive(s.name)}" for s in spells]
    items = [items[0], *(item.replace(" are ", " ", 1) for item in items[1:])]
    body = items[0] if len(items) == 1 else f"{', for '.join(items[:-1])} and for {items[-1]}"
    return f"(The values for {body}.)"


def _years(sentence: Sentence, years: tuple[int, int]) -> set[int]:
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
