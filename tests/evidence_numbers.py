"""The number checker shared by the brief and explain tests: every number in
a sentence must equal, as rounded in the text, a value, year or date in that
sentence's evidence. One copy, imported by both test files."""

from __future__ import annotations

import math
import re

NUMBER = re.compile(
    r"(?<![\w/.\-])(?P<sign>\u2212)?(?:\$|USD\s)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?P<ord>st|nd|rd|th)?"
    r"(?P<scale>\s?(?:bn|billion)\b)?(?P<pct>%)?(?!\w)"
)


def numbers_in(text: str) -> list[tuple[float, int, bool, str]]:
    """(value, decimals shown, in billions?, as written) for every number in ``text``.

    A digit glued to a letter, slash, dot or hyphen (Q1, A/78/L.90, ES-11/1,
    3SBio) is part of a name, not a quantity; an ordinal (3rd, 61st) is a
    quantity, the rank it states.
    """
    found = []
    for m in NUMBER.finditer(text):
        value = float(m["int"].replace(",", "") + (m["dec"] or ""))
        if m["sign"]:
            value = -value
        found.append((value, len(m["dec"]) - 1 if m["dec"] else 0, bool(m["scale"]), m.group(0)))
    return found


def supported(value: float, decimals: int, billions: bool, evidence: list[dict]) -> bool:
    """Whether some evidence value, rounded as written, equals ``value``; years and dates count."""
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    candidates = []
    for e in evidence:
        if isinstance(e.get("value"), (int, float)) and not isinstance(e.get("value"), bool):
            candidates.append(e["value"] / 1000 if billions else e["value"])
        if not billions:
            if "year" in e:
                candidates.append(e["year"])
            if "date" in e:
                candidates += [int(part) for part in re.findall(r"\d+", str(e["date"]))]
    return any(math.isfinite(c) and abs(c - value) <= tolerance for c in candidates)


def unsupported_numbers(text: str, evidence: list[dict]) -> list[str]:
    """The numbers in ``text`` that no evidence supports."""
    return [written for value, decimals, billions, written in numbers_in(text) if not supported(value, decimals, billions, evidence)]


def unsupported_in(statement) -> list[str]:
    """The unsupported numbers of a statement (a bilateral.evidence.Statement, or its JSON form {"text", "evidence"})."""
    if not isinstance(statement, dict):
        statement = statement.to_dict()
    return unsupported_numbers(statement["text"], statement["evidence"])
