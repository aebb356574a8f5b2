"""Economic ties: one trade series (COW dyadic trade to 2014, IMF DOTS to
2020), then the ledger's reported figures
(:mod:`.trade_reported`) and Chinese investment deals (:mod:`.investment`).

The two are kept apart on purpose. The series is each side's imports, from
COW where it has the pair and from the IMF's Direction of Trade Statistics
after (see bilateral.measures.trade); every figure cites the source of its
own year. The ledger's figures are what one side or a newspaper reported,
goods only or goods and services, full year or part year. Where reporters
disagree, every figure is shown with who reported it: so too the two DOTS
reports of one flow (mirror statistics) when they differ by more than 25%.
"""

from __future__ import annotations

import pandas as pd

from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement
from bilateral.report.sections.context import Context, ends_before, no_data, under
from bilateral.report.sections.investment import investments
from bilateral.report.sections.trade_reported import reported
from bilateral.wording import (The, interval, join, number, possessive, rank_words, runs, runs_text, share_percent, the,
                               usd_millions)

COW = "cow_trade"
COW_STATE = "cow_trade_state"
DOTS = "imf_dots"
CODES = "codes"


def build(ctx: Context) -> Section:
    section = Section("economic", "Economic ties")
    under("Trade in goods: COW to 2014, then IMF DOTS", ctx, section, _cow, _mirror, _dependence, _partner_ranks, _cow_ends)
    under("Trade figures reported later (ledger)", ctx, section, reported)
    under("Chinese investment", ctx, section, investments)
    return section


def _cow_ends(ctx: Context, section: Section) -> None:
    """Where the series ends: IMF DOTS's last year (COW's, in a warehouse without DOTS)."""
    source, what = (DOTS, "The trade series (COW, then IMF DOTS)") if DOTS in ctx.sources else (COW, "COW dyadic trade")
    gap = ends_before(ctx, source, what, "figures after that are reported figures from the ledger, not a comparable series.")
    if gap:
        section.sentences.append(gap)


def _imports_evidence(ctx: Context, row, side: str) -> Evidence:
    """Evidence for one side's imports, naming the out_dyad_year column it came from."""
    importer, exporter = (ctx.a, ctx.b) if side == "a" else (ctx.b, ctx.a)
    column = "imports1_musd" if importer.ccode < exporter.ccode else "imports2_musd"
    return Evidence(_series_source(row), column, float(row[f"imports_{side}_musd"]), "USD millions", year=int(row["year"]),
                    table="out_dyad_year", note=f"{possessive(importer.name)} imports from {the(exporter.name)}")


def _series_source(row) -> str:
    """The source of a year's trade figures: COW or IMF DOTS (``trade_source``)."""
    return DOTS if row.get("trade_source") == DOTS else COW


def _total_evidence(row) -> Evidence:
    return Evidence(_series_source(row), "trade_total_musd", float(row["trade_total_musd"]), "USD millions", year=int(row["year"]), table="out_dyad_year")


def _is_zero(values: pd.Series) -> pd.Series:
    """True where a value is reported and equals 0; False where it is missing."""
    return (values.notna() & (values == 0)).astype(bool)


def _cow(ctx: Context, section: Section) -> None:
    a, b = ctx.a.name, ctx.b.name
    frame = ctx.data.dyad_years
    trade = frame[frame["imports_a_musd"].notna() | frame["imports_b_musd"].notna()] if not frame.empty else frame
    # COW cannot always tell a true zero from unreported trade; a year in which
    # both flows are 0 is shown as such but kept out of the comparisons.
    # A missing flow is not a zero: only a year with both flows reported as 0 counts.
    zero = trade[_is_zero(trade["imports_a_musd"]) & _is_zero(trade["imports_b_musd"])] if not trade.empty else trade
    trade = trade.drop(zero.index) if not zero.empty else trade
    if trade.empty:
        section.sentences.append(no_data(ctx, DOTS if ctx.window(COW) is None else COW, "The trade series (COW, then IMF DOTS)"))
    else:
        last = trade.iloc[-1]
        parts, evidence = [], []
        for side, (imp, exp) in (("a", (a, b)), ("b", (b, a))):
            if pd.notna(last[f"imports_{side}_musd"]):
                parts.append(f"{the(imp)} imported goods worth {usd_millions(last[f'imports_{side}_musd'])} from {the(exp)}")
                evidence.append(_imports_evidence(ctx, last, side))
            else:
                parts.append(f"{possessive(imp)} imports from {the(exp)} are not reported (no data)")
        named = "IMF DOTS" if _series_source(last) == DOTS else "COW dyadic trade"
        text = f"In {int(last['year'])}, the last year with trade figures for this pair ({named}), {join(parts)}."
        section.sentences.append(Statement(text, tuple(evidence)))
        _cow_comparisons(section, trade.dropna(subset=["trade_total_musd"]))
        if trade["trade_total_musd"].isna().all():  # one direction only: no total, so no economic score
            window = ctx.window(DOTS) or ctx.window(COW) or ctx.years
            section.sentences.append(Statement(
                "The trade series has no year with figures for both directions for this pair, so it has no total trade "
                "and no economic score.",
                (Evidence(_series_source(last), "dyad_years_with_total", 0, "count", date=interval(*window), table="out_dyad_year"),),
                kind="gap"))
        section.charts.append(_cow_chart(ctx, trade))
    if not zero.empty:
        years = [int(y) for y in zero["year"]]
        section.sentences.append(Statement(
            f"The series gives both flows as 0 in {runs_text(years)}; a zero can stand for trade that was not reported, "
            "so these years are left out of the figures and chart above.",
            tuple(Evidence(_series_source(zero[zero["year"] == s].iloc[0]), "trade_total_musd", 0, "USD millions", date=interval(s, e),
                           table="out_dyad_year") for s, e in runs(years)),
            kind="gap"))


def _cow_comparisons(section: Section, both: pd.DataFrame) -> None:
    """First, last and highest combined totals, among years with both flows."""
    if len(both) < 2:
        return
    first, final = both.iloc[0], both.iloc[-1]
    section.sentences.append(Statement(
        f"Their combined trade was {usd_millions(first['trade_total_musd'])} in {int(first['year'])}, "
        f"the first year with figures for both sides, and {usd_millions(final['trade_total_musd'])} in {int(final['year'])}.",
        (_total_evidence(first), _total_evidence(final)),
    ))
    peak = both.loc[both["trade_total_musd"].idxmax()]
    if int(peak["year"]) not in (int(first["year"]), int(final["year"])):
        section.sentences.append(Statement(
            f"The highest combined total in the series was {usd_millions(peak['trade_total_musd'])} in {int(peak['year'])}.",
            (_total_evidence(peak),),
        ))


def _stored(ctx: Context, side: str, one: str, two: str) -> str:
    """The out_dyad_year column that holds a directional measure for ``side``:
    ``one`` when that side is ccode1 (the lower COW code), else ``two``."""
    first = ctx.a.ccode < ctx.b.ccode
    return one if (side == "a") == first else two


def _totals_source(row) -> str:
    """The source of a year's state totals (the dependence denominators): the
    same as the year's trade figures, COW's national totals or the DOTS World totals."""
    return COW_STATE if _series_source(row) == COW else DOTS


#: (importer side, exporter side): the column of the importer's CIF report and of the exporter's FOB report.
_MIRROR_FLOWS = (("a", "b", "dots_imports_a_from_b_by_a_musd", "dots_exports_b_to_a_by_b_musd"),
                 ("b", "a", "dots_imports_b_from_a_by_b_musd", "dots_exports_a_to_b_by_a_musd"))


def _mirror(ctx: Context, section: Section) -> None:
    """Mirror statistics: the importer's and the exporter's DOTS reports of one
    flow, in the latest year with both. When they differ by more than
    ``MIRROR_GAP`` (25%) of the smaller, more than CIF/FOB valuation explains,
    a sentence names both figures and both reporters."""
    from bilateral.measures.trade import MIRROR_GAP

    frame = ctx.data.dyad_years
    if frame.empty or "dots_imports_a_from_b_by_a_musd" not in frame:
        return
    for importer_side, exporter_side, by_importer, by_exporter in _MIRROR_FLOWS:
        both = frame[(frame[by_importer] > 0) & (frame[by_exporter] > 0)]
        if both.empty:
            continue
        row = both.iloc[-1]
        year, imports, exports = int(row["year"]), float(row[by_importer]), float(row[by_exporter])
        low, high = sorted((imports, exports))
        if high <= low * (1 + MIRROR_GAP):
            continue
        importer = ctx.a if importer_side == "a" else ctx.b
        exporter = ctx.b if importer_side == "a" else ctx.a
        larger = importer.name if imports > exports else exporter.name
        evidence = (
            Evidence(DOTS, _stored(ctx, importer_side, "dots_imports_1_from_2_by_1_musd", "dots_imports_2_from_1_by_2_musd"), imports,
                     "USD millions", year=year, table="out_dyad_year", reporter=importer.iso3,
                     note=f"{possessive(importer.name)} imports from {the(exporter.name)}, CIF, as {the(importer.name)} reports them"),
            Evidence(DOTS, _stored(ctx, exporter_side, "dots_exports_1_to_2_by_1_musd", "dots_exports_2_to_1_by_2_musd"), exports,
                     "USD millions", year=year, table="out_dyad_year", reporter=exporter.iso3,
                     note=f"{possessive(exporter.name)} exports to {the(importer.name)}, FOB, as {the(exporter.name)} reports them"),
            Evidence(DOTS, "mirror_ratio", high / low, "ratio", year=year, table="out_dyad_year",
                     note=f"the larger report of the flow over the smaller; more than 1 + {MIRROR_GAP} is reported"),
            Evidence(DOTS, "mirror_gap_threshold_pct", 100 * MIRROR_GAP, "percent", year=year,
                     note="the gap beyond which the brief reports the two figures (bilateral.measures.trade.MIRROR_GAP)"),
        )
        section.sentences.append(Statement(
            f"For {year}, {the(importer.name)} reported imports from {the(exporter.name)} of {usd_millions(imports)}, while "
            f"{the(exporter.name)} reported exports to {the(importer.name)} of {usd_millions(exports)} (IMF DOTS): the two reports "
            f"of the same flow differ by more than {number(100 * MIRROR_GAP)}%, {possessive(larger)} figure being "
            f"{number(high / low, 1)} times the other's.",
            evidence))


def _dependence(ctx: Context, section: Section) -> None:
    """The asymmetric view: the dyad's trade as a share of each side's total trade."""
    frame = ctx.data.dyad_years
    if frame.empty or "trade_dependence_a" not in frame:
        return
    both = frame[(frame["trade_dependence_a"] > 0) & (frame["trade_dependence_b"] > 0)]  # NULL and COW zeros drop out
    if both.empty:
        return
    a, b = ctx.a.name, ctx.b.name

    def ev(row, side):
        name, other = (a, b) if side == "a" else (b, a)
        return Evidence(_totals_source(row), _stored(ctx, side, "trade_dependence1", "trade_dependence2"), 100 * float(row[f"trade_dependence_{side}"]),
                        f"percent of {possessive(name)} total trade", year=int(row["year"]), table="out_dyad_year",
                        note=f"trade with {the(other)} over {possessive(name)} imports plus exports, both from the same source "
                             "(COW's national totals, or the state's DOTS trade with the World; table out_trade_state_year); "
                             "stored as a share, shown × 100")

    last = both.iloc[-1]
    dep_a, dep_b = 100 * float(last["trade_dependence_a"]), 100 * float(last["trade_dependence_b"])
    heavier, lighter = (b, a) if dep_b >= dep_a else (a, b)
    ratio = max(dep_a, dep_b) / min(dep_a, dep_b)
    shown = number(ratio, 0 if ratio >= 10 else 1)
    section.sentences.append(Statement(
        f"In {int(last['year'])}, trade with {the(b)} made up {share_percent(dep_a)} of {possessive(a)} total trade (imports plus exports), "
        f"and trade with {the(a)} {share_percent(dep_b)} of {possessive(b)}: the relationship weighed {shown} times as much for "
        f"{the(heavier)} as for {the(lighter)}.",
        (ev(last, "a"), ev(last, "b"),
         Evidence(_totals_source(last), "trade_dependence_ratio", ratio, "ratio", year=int(last["year"]), table="out_dyad_year",
                  note=f"{possessive(heavier)} trade dependence over {possessive(lighter)}"))))
    first = both.iloc[0]
    if int(first["year"]) != int(last["year"]):
        section.sentences.append(Statement(
            f"In {int(first['year'])}, the first year with both shares, the figures were {share_percent(100 * first['trade_dependence_a'])} "
            f"for {the(a)} and {share_percent(100 * first['trade_dependence_b'])} for {the(b)}.",
            (ev(first, "a"), ev(first, "b"))))


def _partner_ranks(ctx: Context, section: Section) -> None:
    """Each side's place among the other's trading partners, overall and in its UN region."""
    frame = ctx.data.dyad_years
    if frame.empty or "trade_rank_of_a_for_b" not in frame:
        return
    rows = frame[(frame["trade_total_musd"] > 0)].dropna(subset=["trade_rank_of_a_for_b", "trade_rank_of_b_for_a"])
    if rows.empty:
        return
    last = rows.iloc[-1]
    # lead with the side that ranks higher among the other's partners (the notable fact)
    lead, then = ("a", "b") if last["trade_rank_of_a_for_b"] <= last["trade_rank_of_b_for_a"] else ("b", "a")
    parts, evidence = [], []
    for side in (lead, then):
        part, ev = _rank_clause(ctx, last, side, first=side == lead)
        parts.append(part)
        evidence += ev
    section.sentences.append(Statement("; ".join(parts) + ".", tuple(evidence)))
    first = rows.iloc[0]
    column = f"trade_rank_of_{lead}_for_{then}"
    if int(first["year"]) != int(last["year"]) and int(first[column]) != int(last[column]):
        partner, host = (ctx.a, ctx.b) if lead == "a" else (ctx.b, ctx.a)
        section.sentences.append(Statement(
            f"In {int(first['year'])}, the first year with ranks in this brief, {the(partner.name)} had been {possessive(host.name)} "
            f"{rank_words(int(first[column]))} trading partner.",
            (_rank_evidence(ctx, first, lead, regional=False),)))


def _rank_evidence(ctx: Context, row, side: str, regional: bool) -> Evidence:
    """Evidence for ``side``'s rank among the other side's trading partners."""
    partner, host = (ctx.a, ctx.b) if side == "a" else (ctx.b, ctx.a)
    kind = "trade_region_rank" if regional else "trade_rank"
    column = _stored(ctx, side, f"{kind}_of_1_for_2", f"{kind}_of_2_for_1")
    region = ctx.data.regions[0 if side == "a" else 1]
    among = f"{possessive(host.name)} trading partners" + (f" in {region}" if regional else "")
    return Evidence(_series_source(row), column, int(row[f"{kind}_of_{side}_for_{'b' if side == 'a' else 'a'}"]), f"rank among {among} (1 = largest)",
                    year=int(row["year"]), table="out_dyad_year", note=f"{partner.name}, by total dyadic trade")


def _rank_clause(ctx: Context, row, side: str, first: bool) -> tuple[str, list[Evidence]]:
    """'China was Belarus's 3rd largest trading partner in 2014 and its largest in Asia'."""
    partner, host = (ctx.a, ctx.b) if side == "a" else (ctx.b, ctx.a)
    other = "b" if side == "a" else "a"
    rank = int(row[f"trade_rank_of_{side}_for_{other}"])
    text = f"{The(partner.name) if first else the(partner.name)} was {possessive(host.name)} {rank_words(rank)} trading partner"
    if first:
        text += f" in {int(row['year'])}"
    evidence = [_rank_evidence(ctx, row, side, regional=False)]
    region = ctx.data.regions[0 if side == "a" else 1]
    regional = row.get(f"trade_region_rank_of_{side}_for_{other}")
    if region and pd.notna(regional):
        text += f" and its {rank_words(int(regional))} in {the(region)}"
        evidence += [_rank_evidence(ctx, row, side, regional=True),
                     Evidence(CODES, "un_region", region, "UN region", year=int(row["year"]), table="core_codes__codelist", note=partner.name)]
    return text, evidence


def _cow_chart(ctx: Context, trade: pd.DataFrame):
    long = pd.concat([
        pd.DataFrame({"year": trade["year"], "value": trade["imports_a_musd"], "series": f"{possessive(ctx.a.name)} imports from {the(ctx.b.name)}"}),
        pd.DataFrame({"year": trade["year"], "value": trade["imports_b_musd"], "series": f"{possessive(ctx.b.name)} imports from {the(ctx.a.name)}"}),
    ])
    cow, dots = ctx.sources.get(COW), ctx.sources.get(DOTS)
    parts = [f"{ctx.title_of(ref.id)} {ref.version}, {ref.coverage[0]}–{ref.coverage[1]}" for ref in (cow, dots) if ref]
    note = (f"Source: {'; then '.join(parts)}; each year from one source (see trade_source). Imports as the importer reports "
            "them, else as the exporter does. Current USD millions.")
    windows = [w for w in (ctx.window(COW), ctx.window(DOTS)) if w]
    window = (min(w[0] for w in windows), max(w[1] for w in windows)) if windows else ctx.years
    return charts.line("trade_cow", f"Trade between {the(ctx.a.name)} and {the(ctx.b.name)}", note, long,
                       "Imports, USD millions (current)", window, series="series")
