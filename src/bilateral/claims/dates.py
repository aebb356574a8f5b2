"""Dates in prose: explicit ones ("22 August 2024", "July 2024", "in 2023"),
relative ones ("32 years ago", "last year", "three decades"), and the date
an article speaks from (its as-of date).

Explicit dates in prose are read with a pattern; a dateline, whose format
varies, is parsed with dateparser; relative
ones are resolved against the as-of date. The as-of date is, in order: the
one given, a dateline at the top of the text, the end of the latest month or
year the text mentions, whichever is later (an article is written after what it
reports), today.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_MONTH = r"(?:" + "|".join(MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_YEAR = r"(?:19[4-9]\d|20[0-4]\d)"
EXPLICIT = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}),\s+(?P<y2>{_YEAR})"
    rf"|(?P<m3>{_MONTH})\s+(?:of\s+)?(?P<y3>{_YEAR})"
    rf"|(?P<iso>{_YEAR}-[01]\d-[0-3]\d)"
    rf"|(?:(?<=in )|(?<=In )|(?<=since )|(?<=Since )|(?<=of )|(?<=by )|(?<=By )|(?<=until )|(?<=from )|(?<=to )|(?<=and )|(?<=year )|(?<=between ))(?P<y4>{_YEAR}))\b"
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "a": 1, "a few": 3, "several": None, "many": None}
AGO = re.compile(r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>years?|decades?)\s+ago\b", re.I)
DECADES = re.compile(r"\b(?:past|last|over|for|nearly|almost|more than)\s+(?:the\s+)?(?:past\s+|last\s+)?(?P<n>\d{1,2}|two|three|four|five|six|seven)\s+(?P<unit>decades|years)\b", re.I)
LAST_YEAR = re.compile(r"\b(?P<which>last|this|past) year\b", re.I)


@dataclass(frozen=True)
class DateRef:
    """A date the text names at ``start:end``, to the precision it gives."""

    start: int
    end: int
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def label(self) -> str:
        if self.day:
            return date(self.year, self.month, self.day).isoformat()
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


def number(word: str) -> int | None:
    """'32' → 32, 'three' → 3, 'several' → None."""
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower())


def _month(word: str) -> int:
    return next(i for i, name in enumerate(MONTHS, 1) if name.lower().startswith(word.rstrip(".").lower()[:3]))


def explicit_dates(text: str) -> list[DateRef]:
    """Every explicit date in ``text``. The pattern's groups are read
    directly (dateparser would cost a second on the first call)."""
    out = []
    for m in EXPLICIT.finditer(text):
        g = m.groupdict()
        if g["y4"]:
            out.append(DateRef(m.start(), m.end(), int(g["y4"])))
        elif g["iso"]:
            y, mo, d = map(int, g["iso"].split("-"))
            out.append(DateRef(m.start(), m.end(), y, mo, d))
        else:
            month = _month(g["m1"] or g["m2"] or g["m3"])
            day = int(g["d1"] or g["d2"] or 0) or None
            year = int(g["y1"] or g["y2"] or g["y3"])
            if day and day > calendar.monthrange(year, month)[1]:
                continue
            out.append(DateRef(m.start(), m.end(), year, month, day))
    return out


def dateline(text: str) -> date | None:
    """The date of a dateline in the first lines ('Published: 1 September
    2024', '9/1/2024', 'Sept. 1, 2024'), parsed with dateparser."""
    m = re.search(r"(?im)^\s*(?:published|posted|updated|dated|date)\s*(?:on)?\s*:?\s*(?P<when>[^\n]{6,40})$", text[:500])
    if not m:
        return None
    import dateparser

    parsed = dateparser.parse(m.group("when").strip(), languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def infer_as_of(text: str, given: date | None = None, today: date | None = None) -> tuple[date, str]:
    """The date the text speaks from, and how it was found."""
    today = today or date.today()
    if given:
        return given, "given"
    found = dateline(text)
    if found:
        return found, f"dateline {found.isoformat()}"
    found = explicit_dates(text)
    mentioned = [d for d in found if d.month and date(d.year, d.month, 1) <= today]
    years = [d.year for d in found if not d.month and d.year <= today.year]
    if mentioned:
        latest = max(mentioned, key=lambda d: (d.year, d.month, d.day or 0))
        end = date(latest.year, latest.month, latest.day or calendar.monthrange(latest.year, latest.month)[1])
        if years and max(years) > end.year:  # "in force in 2024" after "October 2023": the text speaks from that year
            return min(today, date(max(years), 12, 31)), f"latest year mentioned ({max(years)})"
        return end, f"latest date mentioned ({latest.label()})"
    if years:
        return min(today, date(max(years), 12, 31)), f"latest year mentioned ({max(years)})"
    return today, "today"
