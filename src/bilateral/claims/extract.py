"""Find the check-worthy claims in a text, with character offsets.

The text is cut into sentences and each sentence into clauses (at ", with",
", and", ";" …). Each clause is tried against the detectors of ``patterns``
in turn (alignment, ranking, quantity, trend, duration, event); the first
that fits makes the claim. A sentence with no claim but a marker of opinion or
forecast becomes one opinion claim, which is never checkable.

Each claim's ``normalized`` holds what the verifier needs: the states (ISO3
and COW code, from the resolver), the period, the comparator and value, the
event types, and names that identify an event.
"""

from __future__ import annotations

import re
from datetime import date

from bilateral.claims import patterns
from bilateral.claims.dates import DateRef, explicit_dates
from bilateral.claims.lexicon import OPINION_MARKERS
from bilateral.claims.mentions import Gazetteer, Mention, main_dyad
from bilateral.claims.model import Claim

_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?![.!?]*(?:[\s”\"’)]|$)))+(?:[.!?]+[”\"’)]*|(?=\n)|$)")
_CLAUSE_BREAK = re.compile(r",\s+(?=(?:with|and|while|whereas|where|raising|leading|but|although|despite)\b)|;\s+")
#: A marker starts at a word boundary ('aims', not 'claims').
_OPINION = re.compile(r"(?i)\b(?:" + "|".join(re.escape(m) for m in OPINION_MARKERS) + ")")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|No|vs|U\.S|U\.N|e\.g|i\.e)\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, joining splits after abbreviations."""
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end = m.start() + len(m.group(0).rstrip())
        if end <= start:
            continue
        if spans and _ABBREV.search(text[spans[-1][0]:spans[-1][1]]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each clause of the sentence at ``start:end``."""
    out, cursor = [], start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() - cursor > 12:
            out.append((cursor, m.start()))
            cursor = m.end()
    out.append((cursor, end))
    return out


class Extractor:
    """Claims of one text, read with one gazetteer and as-of date."""

    def __init__(self, text: str, gazetteer: Gazetteer, as_of: date):
        self.text = text
        self.as_of = as_of
        self.mentions = gazetteer.find(text)
        self.dyad = main_dyad(self.mentions)
        self.dates = explicit_dates(text)

    def claims(self) -> list[Claim]:
        found: list[Claim] = []
        previous: list[Mention] = []
        for s_start, s_end in sentences(self.text):
            context = patterns.Context(
                text=self.text, as_of=self.as_of, dyad=self.dyad,
                sentence=(s_start, s_end),
                sentence_mentions=self._within(self.mentions, s_start, s_end),
                sentence_dates=self._within(self.dates, s_start, s_end),
                previous_mentions=previous,
            )
            in_sentence: list[Claim] = []
            for c_start, c_end in clauses(self.text, s_start, s_end):
                in_sentence += patterns.detect(context, c_start, c_end, self._within(self.mentions, c_start, c_end), self._within(self.dates, c_start, c_end))
            if not in_sentence and self._opinion(s_start, s_end):
                in_sentence.append(Claim(self.text[s_start:s_end], s_start, s_end, "opinion", {"marker": self._opinion(s_start, s_end)}))
            found += in_sentence
            previous = context.sentence_mentions or previous
        return found

    def _opinion(self, start: int, end: int) -> str | None:
        found = _OPINION.search(self.text[start:end])
        return found.group(0).strip().lower() if found else None

    @staticmethod
    def _within(items: list, start: int, end: int) -> list:
        return [i for i in items if start <= i.start and i.end <= end]


__all__ = ["Extractor", "sentences", "clauses", "DateRef"]
