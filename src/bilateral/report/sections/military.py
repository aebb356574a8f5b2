"""Military cooperation: strategic rivalry (Thompson & Dreyer, to 2010; see
:mod:`.rivalry`), formal alliance obligations (ATOP, 1815–2018) and
transfers of major conventional arms (the SIPRI register).

ATOP lists alliances in force; inside its coverage a dyad-year without one is
a measured 0. After 2018 an obligation in force in 2018 is carried forward
(an assumption, flagged ``atop_carried_forward`` and said so in the
sentence); other dyads are NULL. The section names each
obligation type and the years it was in force, so "no alliance" is only said
for years ATOP covers.
"""

from __future__ import annotations

import pandas as pd

from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement, Table
from bilateral.report.sections import rivalry
from bilateral.report.sections.context import Context, ends_before, no_data
from bilateral.wording import article, count, interval, join, number, runs, runs_text, span, the

ATOP = "atop"
SIPRI = "sipri"
KINDS = {
    "defense": "defence obligation",
    "offense": "offence obligation",
    "neutral": "neutrality obligation",
    "nonagg": "non-aggression pledge",
    "consul": "consultation obligation",
}


def build(ctx: Context) -> Section:
    section = Section("military", "Military cooperation")
    frame = ctx.data.dyad_years
    rows = frame.dropna(subset=["atop_any"]) if not frame.empty else frame
    a, b = the(ctx.a.name), the(ctx.b.name)
    held = {}
    if not rows.empty:
        held = {kind: [int(y) for y in rows.loc[rows[f"atop_{kind}"] == 1, "year"]] for kind in KINDS}
        held = {kind: years for kind, years in held.items() if years}
    rivals, after = rivalry.sentences(ctx, held, KINDS)
    section.sentences += rivals  # an active rivalry leads the section, and so the headline
    if rows.empty:
        section.sentences.append(no_data(ctx, ATOP, "ATOP"))
    else:
        first, last = int(rows["year"].min()), int(rows["year"].max())
        if not held:
            section.sentences.append(Statement(
                f"ATOP records no alliance obligation between {a} and {b} in {span(first, last)}.",
                (Evidence(ATOP, "atop_any", 0, "indicator (0/1)", date=interval(first, last), table="out_dyad_year"),)))
        else:
            carried = set(int(y) for y in rows.loc[rows["atop_carried_forward"] == 1, "year"])
            for kind, years in held.items():
                section.sentences.append(_held_sentence(a, b, kind, [y for y in years if y not in carried], [y for y in years if y in carried]))
            free = [int(y) for y in rows.loc[rows["atop_any"] == 0, "year"]]
            if free:
                section.sentences.append(Statement(
                    f"In {runs_text(free)}, ATOP records no obligation between them.",
                    tuple(Evidence(ATOP, "atop_any", 0, "indicator (0/1)", date=interval(s, e), table="out_dyad_year") for s, e in runs(free))))
            section.charts.append(_chart(ctx, rows, held, (first, last)))
    carried_any = not rows.empty and (rows["atop_carried_forward"] == 1).any()
    gap = ends_before(ctx, ATOP, "ATOP", (
        "obligations in force in that year are assumed to continue (carried forward), and alliances formed or ended "
        "since are not covered." if carried_any else "alliance ties after that are not covered."))
    if gap:
        section.sentences.append(gap)
    section.sentences += after
    _arms(ctx, section)
    return section


def _held_sentence(a: str, b: str, kind: str, observed: list[int], carried: list[int]) -> Statement:
    """Years ATOP records an obligation, and the years after ATOP's end it is carried forward into (an assumption)."""
    evidence = [Evidence(ATOP, f"atop_{kind}", 1, "indicator (0/1)", date=interval(s, e), table="out_dyad_year") for s, e in runs(observed)]
    evidence += [Evidence(ATOP, "atop_carried_forward", 1, "indicator (0/1)", date=interval(s, e), table="out_dyad_year",
                          note=f"{KINDS[kind]} in force in ATOP's last year, no end recorded; assumed to continue")
                 for s, e in runs(carried)]
    what = f"{article(KINDS[kind])} {KINDS[kind]}"
    assumed = f"so it is assumed, not observed, to continue in {runs_text(carried)}"
    if observed:
        text = f"ATOP records {what} between {a} and {b} in {runs_text(observed)}"
        if carried:
            text += f"; it was in force when ATOP ends, with no end recorded, {assumed}"
    else:
        text = f"ATOP ends with {what} between {a} and {b} in force and no end recorded, {assumed}"
    return Statement(text + ".", tuple(evidence))


def _chart(ctx: Context, rows: pd.DataFrame, held: dict[str, list[int]], years: tuple[int, int]):
    frame = pd.DataFrame([{"year": y, "obligation": KINDS[k]} for k, ys in held.items() for y in ys])
    ref = ctx.sources.get(ATOP)
    note = f"Source: {ctx.title_of(ATOP)} {ref.version}, covers {span(*ref.coverage)}. A mark: obligation in force that year." if ref else "Source: ATOP."
    return charts.strip("alliances", f"Alliance obligations between {the(ctx.a.name)} and {the(ctx.b.name)}", note, frame,
                        "Obligation (ATOP)", years, row="obligation")


def _arms(ctx: Context, section: Section) -> None:
    """SIPRI deals in each direction, by year of order; TIV is a volume index, not a price."""
    deals = ctx.data.arms
    window = ctx.window(SIPRI)
    last_order = ctx.data.arms_last_order
    if window is not None and last_order is not None:  # orders run to an earlier year than deliveries
        window = (window[0], min(window[1], int(last_order))) if window[0] <= last_order else None
    if deals is None or window is None:
        section.sentences.append(no_data(ctx, SIPRI, "The SIPRI arms transfers register"))
        return
    a, b = the(ctx.a.name), the(ctx.b.name)
    when = interval(*window)
    if deals.empty:
        section.sentences.append(Statement(
            f"The SIPRI arms transfers register lists no transfer of major conventional arms between {a} and {b} "
            f"ordered in {span(*window)}.",
            (Evidence(SIPRI, "deals", 0, "count", date=when, table="core_sipri__register"),)))
    else:
        _arms_found(ctx, section, deals, window)
    _deliveries(ctx, section)
    if last_order is not None and ctx.years[1] > last_order:
        section.sentences.append(Statement(
            f"The SIPRI register used here lists orders up to {last_order}; later deals are not covered.",
            (Evidence(SIPRI, "last_order_year", int(last_order), "year", year=int(last_order), table="core_sipri__register"),), kind="gap"))


def _arms_found(ctx: Context, section: Section, deals: pd.DataFrame, window: tuple[int, int]) -> None:
    a, b = the(ctx.a.name), the(ctx.b.name)
    when = interval(*window)
    parts, evidence = [], [Evidence(SIPRI, "deals", len(deals), "count", date=when, table="core_sipri__register")]
    for from_a, (supplier, recipient) in ((True, (a, b)), (False, (b, a))):
        side = deals[deals["from_a"] == from_a]
        if side.empty:
            continue
        known = side["tiv_delivered"].dropna()  # an unknown delivered amount is not 0 TIV: it is left out and counted
        unknown = len(side) - len(known)
        tiv = float(known.sum()) if len(known) else None
        delivered = "delivered TIV not known" if tiv is None else f"{number(tiv)} million TIV delivered" + (
            f"; not known for {count(unknown, 'deal')}" if unknown else "")
        parts.append(f"{len(side):,} from {supplier} to {recipient} ({delivered})")
        measure = "deals_from_" + ("a" if from_a else "b")
        evidence.append(Evidence(SIPRI, measure, len(side), "count", date=when, table="core_sipri__register", note=f"supplier {supplier}"))
        if tiv is not None:
            evidence.append(Evidence(SIPRI, "tiv_delivered", tiv, "TIV millions", date=when, table="core_sipri__register",
                                     note=f"supplier {supplier}; {len(known)} of {len(side)} deals with a known amount"))
    section.sentences.append(Statement(
        f"The SIPRI arms transfers register lists {count(len(deals), 'deal')} for major conventional arms between {a} and {b} "
        f"ordered in {span(*window)}: {join(parts)}; TIV is SIPRI's volume index, not a price.", tuple(evidence)))
    section.tables.append(Table(
        "arms", f"Arms transfers between {a} and {b} (SIPRI)",
        ("order year", "supplier", "recipient", "weapon", "description", "ordered", "delivered", "delivery years", "status", "TIV delivered"),
        tuple((_int(r["year"]), r["supplier"], r["recipient"], r["weapon_designation"], r["weapon_description"], _int(r["number_ordered"]),
               _int(r["number_delivered"]), r["delivery_years"], r["status"], r["tiv_delivered"]) for _, r in deals.iterrows()),
        source=SIPRI))


def _deliveries(ctx: Context, section: Section) -> None:
    """The years in which arms were delivered each way (TIV by year of delivery), from out_dyad_year."""
    frame = ctx.data.dyad_years
    if frame.empty or "arms_tiv_delivered_total" not in frame:
        return
    rows = frame.dropna(subset=["arms_tiv_delivered_total"])
    for supplier, recipient, column in ((ctx.a.name, ctx.b.name, "arms_tiv_delivered_a_to_b"), (ctx.b.name, ctx.a.name, "arms_tiv_delivered_b_to_a")):
        years = [int(y) for y in rows.loc[rows[column] > 0, "year"]]
        if not years:
            continue
        total = float(rows.loc[rows[column] > 0, column].sum())
        section.sentences.append(Statement(
            f"By year of delivery, arms from {the(supplier)} reached {the(recipient)} in {runs_text(years)}, "
            f"{number(total)} million TIV in all (a deal's delivered TIV is spread evenly over its delivery years).",
            (*(Evidence(SIPRI, column, float(rows.loc[rows[column] > 0, column][rows["year"].between(s, e)].sum()), "TIV millions",
                        date=interval(s, e), table="out_dyad_year", note=f"supplier {supplier}") for s, e in runs(years)),
             Evidence(SIPRI, column, total, "TIV millions", date=interval(min(years), max(years)), table="out_dyad_year",
                      note=f"supplier {supplier}; sum over the years listed"))))


def _int(value):
    return None if value is None or pd.isna(value) else int(value)

