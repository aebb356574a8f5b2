"""Strategic rivalry (Thompson & Dreyer) for the military section and the headline.

A rivalry is the strongest fact about a pair's security relations: a brief
on the Soviet Union and China in 1960–1990 that headlines their 1950 treaty
("a defence obligation 1960–1980") without the split that emptied it misleads.
So an active rivalry leads the military section, from where the summary
takes it into the headline, and an alliance obligation in force during the
rivalry is named beside it. The handbook closes in 2010: ``end_year`` 2010
means "ongoing when the data end", and later years are not covered.
"""

from __future__ import annotations

import pandas as pd

from bilateral.report.model import Evidence, Statement
from bilateral.wording import article, join, runs, runs_text, span, the

RIVALRIES = "rivalries"
TABLE = "core_rivalries__rivalry"


def spells(ctx) -> list[dict]:
    """The pair's rivalry spells that overlap the brief's years."""
    frame = ctx.data.rivalries
    if frame is None or frame.empty:
        return []
    first, last = ctx.years
    keep = frame[(frame["start_year"] <= last) & (frame["end_year"] >= first)]
    return keep.to_dict("records")


def sentences(ctx, obligations: dict[str, list[int]], kinds: dict[str, str]) -> tuple[list[Statement], list[Statement]]:
    """(sentences to lead the section, sentences to follow the alliance ones).

    ``obligations``: ATOP obligation type → the years it was in force;
    ``kinds``: ATOP type → its words."""
    cov = ctx.coverage(RIVALRIES)
    if cov is None:
        return [], []
    a, b = the(ctx.a.name), the(ctx.b.name)
    lead = []
    for spell in spells(ctx):
        start, end = int(spell["start_year"]), int(spell["end_year"])
        types = [t for t in (spell.get("type1"), spell.get("type2"), spell.get("type3")) if isinstance(t, str) and t]
        kind = f"{join(types)} rivalry" if types else "rivalry"
        ongoing = f", still active when the data end in {cov[1]}" if end >= cov[1] else ""
        text = f"Thompson & Dreyer code {a} and {b} as strategic rivals from {start} to {end} ({kind}{ongoing})"
        evidence = [Evidence(RIVALRIES, "rivalry", 1, "indicator (0/1)", date=f"{start}/{end}", table=TABLE,
                             note=f"rivalry {int(spell['rivalry_id'])}, '{spell['name']}'")]
        during = {k: [y for y in years if start <= y <= end] for k, years in obligations.items()}
        during = {k: ys for k, ys in during.items() if ys}
        if during:
            named = [f"{article(kinds[k])} {kinds[k]} in {runs_text(ys)}" for k, ys in during.items()]
            text += f"; the alliance obligations ATOP records in those years ({join(named)}) stood alongside the rivalry"
            evidence += [Evidence("atop", f"atop_{k}", 1, "indicator (0/1)", date=f"{s}/{e}", table="out_dyad_year")
                         for k, ys in during.items() for s, e in runs(ys)]
        lead.append(Statement(text + ".", tuple(evidence)))
    after = []
    window = ctx.window(RIVALRIES)
    if not lead and window is not None:
        after.append(Statement(
            f"Thompson & Dreyer code no strategic rivalry between {a} and {b} in {span(*window)}.",
            (Evidence(RIVALRIES, "rivalry", 0, "indicator (0/1)", date=f"{window[0]}/{window[1]}", table=TABLE),)))
    if window is not None and ctx.years[1] > cov[1]:
        after.append(Statement(f"The rivalry data end in {cov[1]}; rivalries after that are not covered.",
                              ctx.coverage_evidence(RIVALRIES)[1:], kind="gap"))
    return lead, after


def is_rivalry(sentence: Statement) -> bool:
    """A sentence that states an active rivalry (the summary keeps it)."""
    return sentence.kind == "finding" and any(e.source == RIVALRIES and e.value == 1 for e in sentence.evidence)


def active(frame: pd.DataFrame | None, year: int) -> bool:
    """Whether a rivalry spell in ``frame`` covers ``year``."""
    return frame is not None and not frame.empty and bool(((frame["start_year"] <= year) & (frame["end_year"] >= year)).any())
