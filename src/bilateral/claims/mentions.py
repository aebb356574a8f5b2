"""States named in a text, with offsets: names the country resolver knows
("Belarus", "the People's Republic of China"), and the adjectives, capitals
and leaders of ``lexicon.STAND_INS``.

The text's dyad is the two states it names most; a claim that names fewer
than two states is read as being about them ("the two countries").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bilateral.claims.lexicon import NOT_STATES, PLACES, STAND_INS
from bilateral.errors import BilateralError

_CAPITALISED = re.compile(r"[A-Z][\w’'\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'\-]*){0,4}")
_STAND_IN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, STAND_INS), key=len, reverse=True)) + r")(?:-|\b)")


@dataclass(frozen=True)
class Mention:
    """One state named at ``start:end`` of the text; ``place`` when it names
    where something happened (a capital after 'in'), not who did it."""

    ccode: int
    iso3: str
    name: str
    start: int
    end: int
    place: bool = False


class Gazetteer:
    """Finds state mentions with one resolver, memoising each spelling."""

    def __init__(self, resolver, year: int):
        self._resolver = resolver
        self._year = year
        self._memo: dict[str, tuple | None] = {}

    def state(self, name: str):
        """(ccode, iso3, name) for a name, or None when it is no state."""
        if name not in self._memo:
            try:
                found = self._resolver.resolve(name, year=self._year, scheme="name", suggest=False)
                self._memo[name] = (found.ccode, found.iso3, found.name)
            except (BilateralError, ValueError, KeyError):
                self._memo[name] = None
        return self._memo[name]

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order, without overlaps."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for match in _STAND_IN.finditer(text):
            word = match.group(1)
            state = self.state(STAND_INS[word])
            if state:
                place = word in PLACES and text[max(0, match.start() - 3):match.start()].lower() == "in "
                found.append(Mention(*state, match.start(), match.start() + len(word), place))
                taken.append((match.start(), match.start() + len(word)))
        for match in _CAPITALISED.finditer(text):
            found += self._names_in(match.group(0), match.start(), taken)
        return sorted(found, key=lambda m: m.start)

    def _names_in(self, phrase: str, offset: int, taken: list[tuple[int, int]]) -> list[Mention]:
        """The longest state names inside a run of capitalised words."""
        words = [(m.start(), m.end()) for m in re.finditer(r"[\w’'\-]+", phrase)]
        out, i = [], 0
        while i < len(words):
            for j in range(len(words), i, -1):
                start, end = offset + words[i][0], offset + words[j - 1][1]
                span = re.sub(r"[’']s$", "", phrase[words[i][0]:words[j - 1][1]])
                if span in NOT_STATES or span in STAND_INS or any(s < end and start < e for s, e in taken):
                    continue
                state = self.state(span)
                if state:
                    out.append(Mention(*state, start, start + len(span)))
                    i = j - 1
                    break
            i += 1
        return out


def main_dyad(mentions: list[Mention]) -> tuple[Mention, ...]:
    """The (at most) two states the text names most, most named first."""
    counts = Counter(m.ccode for m in mentions if not m.place)
    first = {}
    for m in mentions:
        first.setdefault(m.ccode, m)
    return tuple(first[c] for c, _ in counts.most_common(2))
