"""Political contact: Chinese leaders' engagements (China Vitae) and shared IGOs.

China Vitae lists engagements of seven top Chinese officials, so it speaks
only when one side is China, and only for 2003–2018. Inside that window a
year without a listed engagement is a recorded zero; outside it, nothing is
known. COW IGO counts the organisations in which both states are full
members, to 2014.
"""

from __future__ import annotations

import pandas as pd

from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement
from bilateral.report.queries import CHINA
from bilateral.report.sections.context import Context, ends_before, no_data, under
from bilateral.wording import count, interval, join, span, the

VITAE = "chinavitae"
IGO = "cow_igo"
PLACES = {True: "outside China", False: "in China", None: "at a place not stated"}


def build(ctx: Context) -> Section:
    section = Section("political", "Political contact")
    under("Leaders' engagements (China Vitae)", ctx, section, _engagements)
    under("Shared intergovernmental organisations", ctx, section, _igos)
    return section


def _engagements(ctx: Context, section: Section) -> None:
    frame = ctx.data.engagements
    if frame is None:
        section.sentences.append(Statement(
            "China Vitae lists the engagements of Chinese leaders only; neither state is China, so it has no data for this pair.",
            ctx.coverage_evidence(VITAE), kind="gap"))
        return
    other = ctx.b if ctx.a.ccode == CHINA else ctx.a
    window = ctx.window(VITAE)
    if window is None or frame.empty:
        section.sentences.append(no_data(ctx, VITAE, "China Vitae") if window is None else _none_recorded(ctx, other, window))
    else:
        when = interval(*window)
        frame = frame.assign(place=_places(frame))
        total = int(frame["engagements"].sum())
        places = frame.groupby("place")["engagements"].sum()
        parts, evidence = [], [Evidence(VITAE, "engagements", total, "count", date=when, table="core_chinavitae__engagements")]
        for place in PLACES.values():
            n = int(places.get(place, 0))
            if n:
                parts.append(f"{n:,} {place}")
                evidence.append(Evidence(VITAE, "engagements_" + place.replace(" ", "_"), n, "count", date=when, table="core_chinavitae__engagements"))
        section.sentences.append(Statement(
            f"China Vitae records {count(total, 'engagement')} between top Chinese officials and {the(other.name)} in {span(*window)} "
            f"(one per official present): {join(parts)}.", tuple(evidence)))
        per_year = frame.groupby("year")["engagements"].sum().reindex(range(window[0], window[1] + 1), fill_value=0)
        peak_year, peak = int(per_year.idxmax()), int(per_year.max())
        quiet = [int(y) for y, n in per_year.items() if n == 0]
        text = f"The most in one year was {peak:,}, in {peak_year}"
        ev = [Evidence(VITAE, "engagements", peak, "count", year=peak_year, table="core_chinavitae__engagements")]
        if quiet:
            text += f"; {count(len(quiet), 'year')} of the period had none recorded"
            ev.append(Evidence(VITAE, "years_without_engagements", len(quiet), "count", date=when))
        section.sentences.append(Statement(text + ".", tuple(ev)))
        leaders = frame.groupby("leader")["engagements"].sum().sort_values(ascending=False)
        section.sentences.append(Statement(
            "By official: " + join([f"{name} {int(n):,}" for name, n in leaders.items()]) + ".",
            tuple(Evidence(VITAE, "engagements", int(n), "count", date=when, table="core_chinavitae__engagements", note=str(name)) for name, n in leaders.items())))
        section.charts.append(_engagement_chart(ctx, frame, other, window))
    gap = ends_before(ctx, VITAE, "China Vitae", "later contacts appear only in the ledger's timeline of events.")
    if gap:
        section.sentences.append(gap)


def _places(frame: pd.DataFrame) -> list[str]:
    """Where each engagement took place, in words (abroad may be NULL: no place named)."""
    return [PLACES[None if pd.isna(v) else bool(v)] for v in frame["abroad"]]


def _none_recorded(ctx: Context, other, window) -> Statement:
    return Statement(
        f"China Vitae records no engagement between top Chinese officials and {the(other.name)} in {span(*window)}.",
        (Evidence(VITAE, "engagements", 0, "count", date=interval(*window), table="core_chinavitae__engagements"),))


def _engagement_chart(ctx: Context, frame: pd.DataFrame, other, window):
    grid = pd.MultiIndex.from_product([range(window[0], window[1] + 1), list(PLACES.values())], names=["year", "place"])
    counts = frame.groupby(["year", "place"])["engagements"].sum().reindex(grid, fill_value=0).reset_index()
    counts = counts.rename(columns={"engagements": "value"})
    counts = counts[counts["place"].isin(counts.loc[counts["value"] > 0, "place"]) | (counts["place"] == PLACES[True])]
    ref = ctx.sources.get(VITAE)
    note = f"Source: {ctx.title_of(VITAE)}, covers {span(*ref.coverage)}. One count per official present." if ref else "Source: China Vitae."
    return charts.bars("engagements", f"Engagements of top Chinese officials with {the(other.name)}", note, counts,
                       "Engagements (count)", window, series="place")


def _igos(ctx: Context, section: Section) -> None:
    frame = ctx.data.dyad_years
    rows = frame.dropna(subset=["igo_shared"]) if not frame.empty else frame
    if rows.empty:
        section.sentences.append(no_data(ctx, IGO, "COW IGO"))
    else:
        def ev(row):
            return Evidence(IGO, "igo_shared", int(row["igo_shared"]), "count", year=int(row["year"]), table="out_dyad_year")

        last = rows.iloc[-1]
        section.sentences.append(Statement(
            f"In {int(last['year'])}, {the(ctx.a.name)} and {the(ctx.b.name)} were both full members of "
            f"{count(int(last['igo_shared']), 'intergovernmental organisation')} (COW IGO).", (ev(last),)))
        first = rows.iloc[0]
        if int(first["year"]) != int(last["year"]):
            section.sentences.append(Statement(
                f"In {int(first['year'])}, the first year with IGO data in this brief, the number was {int(first['igo_shared']):,}.",
                (ev(first),)))
        ref = ctx.sources.get(IGO)
        note = f"Source: {ctx.title_of(IGO)} {ref.version}, covers {span(*ref.coverage)}." if ref else "Source: COW IGO."
        long = pd.DataFrame({"year": rows["year"], "value": rows["igo_shared"]})
        section.charts.append(charts.line("igos", f"Intergovernmental organisations shared by {the(ctx.a.name)} and {the(ctx.b.name)}",
                                          note, long, "Shared IGO memberships (count)", ctx.window(IGO) or ctx.years))
    gap = ends_before(ctx, IGO, "COW IGO", "shared memberships after that are not covered.")
    if gap:
        section.sentences.append(gap)
