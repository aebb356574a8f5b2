"""The tolerance rules: when a figure in a claim counts as matching a figure
in the evidence.

One table, ``RULES``, is the single statement of the rules: the checker reads
it to decide, and ``docs/claims.md`` is generated from it (``python -m
bilateral.claims.tolerance``), with a test that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Rule:
    """A comparator: the words that signal it, what it means, and its test of
    an observed value against the claimed one (None: cannot say)."""

    name: str
    phrases: tuple[str, ...]
    meaning: str
    holds: Callable[[float, float], bool]


#: Relative tolerance for "about X" and for a bare figure ("$8.4 billion").
ABOUT = 0.10
BARE = 0.05

RULES: tuple[Rule, ...] = (
    Rule("at_least", ("exceeded", "exceeds", "exceeding", "more than", "over", "above", "at least", "surpassed", "topped"),
         "holds when the best source is ≥ X (a lower bound reported as X counts)", lambda v, x: v >= x),
    Rule("at_most", ("less than", "under", "below", "at most", "fewer than"),
         "holds when every source is ≤ X", lambda v, x: v <= x),
    Rule("about", ("about", "around", "approximately", "roughly", "some", "close to", "nearly", "almost"),
         f"holds when a source is within ±{ABOUT:.0%} of X", lambda v, x: abs(v - x) <= ABOUT * abs(x)),
    Rule("equal", ("",),
         f"a bare figure is taken as rounded: holds when a source is within ±{BARE:.0%} of X", lambda v, x: abs(v - x) <= BARE * abs(x)),
    Rule("doubled", ("doubled",), "the later value is 1.8–2.2 times the earlier", lambda v, x: 1.8 <= v / x <= 2.2),
    Rule("more_than_doubled", ("more than doubled",), "the later value is ≥ 2 times the earlier", lambda v, x: v / x >= 2),
    Rule("tripled", ("tripled",), "the later value is 2.7–3.3 times the earlier", lambda v, x: 2.7 <= v / x <= 3.3),
)
RULE = {r.name: r for r in RULES}

#: Other tolerances, stated once here and quoted in the docs and evidence.
OTHER = {
    "years_ago": "'N years ago' holds when the event's year is as-of year − N, ±1 (the month is rarely known)",
    "decades": "'N decades' holds for N×10 years ±5",
    "event_date": "an event claimed for a month holds when the ledger (or China Vitae) records it in that month; for a year, in that year",
    "event_absent": "the ledger is selective: no record of an event is not_checkable, never contradicted; a named event the ledger dates elsewhere is contradicted",
    "agreement_subject": "an agreement said to be on something ('a free trade agreement', 'agreements on investment') holds only when the ledger's row names it: every word before 'agreement' and one after 'on'/'to'",
    "visit_host": "a visit (or a meeting) counts only where it happened: the ledger row's place, else its title ('visit to China'), else the host coded second",
    "visit_actor": "a visit claimed for a leader is contradicted when the ledger records that month's visit by someone else; meetings are not, since leaders meet often",
    "event_count": "a count of meetings or visits ('met 40 times') is not_checkable: the ledger is selective and China Vitae ends in 2018",
    "ranking": "'largest' means rank 1, 'second largest' rank 2, 'among the top N' rank ≤ N, in the claim's year and scope",
    "growth_pct": "a yearly growth rate ('grew by 30% in 2022') is computed from one source's full-year figures for that year and the one before; a bare rate holds within ±1.5 percentage points, 'about' within ±3, 'more than' / 'less than' as stated",
    "trend_rapid": "'grew rapidly' holds when the yearly growth rate between the first and last full-year figures of the period is ≥ 10%; 'grew' when it is > 0",
    "votes_same": "'voted the same way' / 'the same position': supported when ≥ 80% of the votes both cast were identical, partly_supported from 50%, contradicted below 50%",
    "votes_most": "'most' / 'a majority': supported when more than half of the votes both cast were identical; 'every' / 'all': when all were",
    "votes_differently": "'voted differently': supported when fewer than half of the votes both cast were identical ('on every …': when none were)",
    "one_vote": "one state's vote ('China abstained on the March 2022 resolution') is read on every recorded vote of that month (and topic): all as claimed is supported, none contradicted, some partly_supported",
    "votes_opposed": "only yes against no counts as opposition; an abstention against yes or no is neither agreement nor opposition",
    "period": "a claim about year Y is checked against data for Y only; other years are cited as context and the claim is not_checkable",
}


def comparator(phrase: str | None) -> Rule:
    """The rule for a comparator phrase ('exceeded', 'about', '' …)."""
    phrase = (phrase or "").strip().lower()
    for rule in RULES:
        if phrase in rule.phrases:
            return rule
    return RULE["equal"]


def markdown() -> str:
    """The tolerance rules as a Markdown section (for docs/claims.md)."""
    lines = ["| comparator | words | rule |", "| --- | --- | --- |"]
    for rule in RULES:
        words = ", ".join(f"“{p}”" for p in rule.phrases if p) or "(a bare figure)"
        lines.append(f"| `{rule.name}` | {words} | {rule.meaning} |")
    lines += ["", "| rule | meaning |", "| --- | --- |"]
    lines += [f"| `{name}` | {text} |" for name, text in OTHER.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
