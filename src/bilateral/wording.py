"""How numbers, names and dates are written in sentences.

Neutral ground: the explanations (:mod:`bilateral.explain`) and the brief
(:mod:`bilateral.report`) both write with it, and it imports neither, so
words flow down to both layers rather than from the report up into explain.
One place for formats, so that the test that matches every number in a
sentence against its evidence knows what to expect: thousands separators,
``41.2%``, ``USD 2,375 million``, ``USD 8.4 billion``, and a true minus sign
(U+2212) for negative numbers.
"""

from __future__ import annotations

import math
import re
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

#: Names that read with a definite article in running text.
_ARTICLE = re.compile(
    r"^(United |Russian Federation|Soviet Union|Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|"
    r"Czech Republic|Dominican Republic|Central African|Democratic |Republic of|People's|Holy See|"
    r"Marshall Islands|Solomon Islands|Seychelles|Ivory Coast|German Democratic|German Federal|Yemen Arab|"
    r"Congo|Americas|Federal Republic)"
)


def the(name: str) -> str:
    """'United States' → 'the United States'; 'Belarus' → 'Belarus'."""
    return f"the {name}" if _ARTICLE.match(name) else name


def The(name: str) -> str:  # noqa: N802 - sentence-initial form
    """Sentence-initial form of :func:`the`."""
    text = the(name)
    return text[0].upper() + text[1:]


def possessive(name: str) -> str:
    """"Belarus's", "the United States'"."""
    text = the(name)
    return f"{text}'" if text.endswith("s") and not text.endswith("us") else f"{text}'s"


def article(word: str) -> str:
    """'a' or 'an' before ``word`` (by its first letter, which suffices for our vocabulary)."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def number(value: float, decimals: int | None = None) -> str:
    """Thousands separators; decimals chosen by size unless given."""
    if decimals is None:
        size = abs(value)
        decimals = 0 if size >= 100 or float(value).is_integer() else 1 if size >= 10 else 2
    text = f"{abs(value):,.{decimals}f}"
    return f"\u2212{text}" if value < 0 and float(text.replace(",", "")) != 0 else text


def count(value: int, singular: str, plural: str | None = None) -> str:
    """'1 roll call', '12 roll calls'."""
    word = singular if int(value) == 1 else (plural or singular + "s")
    return f"{int(value):,} {word}"


def usd_millions(value: float) -> str:
    """A value held in USD millions, kept in millions so a series reads alike: 'USD 2,375 million'."""
    return f"USD {number(value)} million"


def percent(value: float, decimals: int = 1) -> str:
    return f"{number(value, decimals)}%"


def span(first: int, last: int) -> str:
    """'1992–2014', or '2014' when both are one year."""
    return str(first) if first == last else f"{first}\u2013{last}"


def interval(first: int, last: int) -> str:
    """The ISO 8601 interval used as an evidence date for a span of years."""
    return f"{first}/{last}"


def runs(years: list[int]) -> list[tuple[int, int]]:
    """[1950, 1951, 1952, 1960] → [(1950, 1952), (1960, 1960)]."""
    out: list[tuple[int, int]] = []
    for year in sorted(set(int(y) for y in years)):
        if out and year == out[-1][1] + 1:
            out[-1] = (out[-1][0], year)
        else:
            out.append((year, year))
    return out


def runs_text(years: list[int]) -> str:
    return join([span(a, b) for a, b in runs(years)])


def join(items: list[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def long_date(value: str) -> str:
    """'2022-03-02' → '2 March 2022'; '2011-09' → 'September 2011'; '2015' → '2015'."""
    parts = str(value)[:10].split("-")
    if len(parts) == 3:
        d = date(int(parts[0]), int(parts[1]), int(parts[2]))
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


_UNNAMED = re.compile(r"^\s*(unnamed|unknown|anonymous)\s+([^()]*?)\s*\((.+)\)\s*$", re.I)


def reporter_name(reporter: str) -> str:
    """'Unnamed statistics (Redplanx)' → 'Redplanx (citing unnamed statistics)'; other names unchanged."""
    found = _UNNAMED.match(str(reporter))
    return f"{found.group(3)} (citing unnamed {found.group(2) or 'sources'})" if found else str(reporter)


def by_reporter(reporter: str) -> str:
    """'by China Customs'; a figure whose producer the outlet did not name is
    credited to the outlet: 'Unnamed statistics (Redplanx)' → 'by Redplanx,
    citing unnamed statistics' (never 'by Unnamed statistics')."""
    found = _UNNAMED.match(str(reporter))
    if found:
        what = found.group(2) or "sources"
        return f"by {found.group(3)}, citing unnamed {what}"
    return f"by {reporter}"


#: Two reported figures "differ" when the larger exceeds the smaller by more than this share.
DIFFER_SHARE = 0.05


def figures_differ(values) -> bool:
    """Whether reported figures differ by more than :data:`DIFFER_SHARE` (5%) of the smaller."""
    values = [abs(float(v)) for v in values]
    low, high = min(values), max(values)
    return high > low * (1 + DIFFER_SHARE) if low > 0 else high > 0


def label(measure: str) -> str:
    """Snake-case measure or event type → words: 'leader_meeting' → 'leader meeting'."""
    return measure.replace("_", " ")


def ordinal(n: int) -> str:
    """1 → '1st', 2 → '2nd', 13 → '13th', 22 → '22nd'."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_words(rank: int, superlative: str = "largest") -> str:
    """1 → 'largest', 3 → '3rd largest'."""
    return superlative if int(rank) == 1 else f"{ordinal(rank)} {superlative}"


def share_percent(value: float) -> str:
    """A percentage that keeps small shares visible: two significant digits below 1%
    ('0.059%', '0.50%'), one decimal above ('4.0%', '41.2%')."""
    size = abs(float(value))
    decimals = 1 if size >= 1 or size == 0 else min(4, 1 - math.floor(math.log10(size)))
    return percent(value, decimals)


# -- words of degree -----------------------------------------------------------
#
# The brief describes where a dyad stands among all dyads in the same year
# with these words and no others. The percentile is the share of the other
# dyads that year with a lower value (100 · percent_rank); each band is chosen
# by the first minimum the percentile reaches. docs/method.md repeats this
# table; change both together.

#: (minimum percentile, words): the thresholds for words of degree.
DEGREES: tuple[tuple[float, str], ...] = (
    (99.0, "among the closest 1% of dyads"),
    (90.0, "among the closest 10% of dyads"),
    (75.0, "in the closest quarter of dyads"),
    (50.0, "in the closer half of dyads"),
    (25.0, "in the less close half of dyads"),
    (0.0, "in the least close quarter of dyads"),
)


def degree(percentile: float) -> tuple[str, float]:
    """The words for a percentile among all dyads, and the threshold they rest on."""
    for minimum, words in DEGREES:
        if percentile >= minimum:
            return words, minimum
    return DEGREES[-1][1], DEGREES[-1][0]
