"""Economic ties: one trade series (COW dyadic trade to 2014, IMF DOTS to
2020), then the ledger's reported figures.

The two are kept apart on purpose. The series is each side's imports, from
COW where it has the pair and from the IMF's Direction of Trade Statistics
after (see bilateral.measures.trade); every figure cites the source of its
own year. The ledger's figures are what one side or a newspaper reported,
goods only or goods and services, full year or part year. Where reporters
disagree, every figure is shown with who reported it: so too the two DOTS
reports of one flow (mirror statistics) when they differ by more than 25%.
"""

from __future__ import annotations

import re

import pandas as pd

from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement, Table
from bilateral.report.queries import CHINA
from bilateral.report.sections.context import Context, ends_before, no_data, under
from bilateral.wording import (The, by_reporter, count, figures_differ, interval, join, number, possessive, rank_words,
                                      reporter_name, runs, runs_text, share_percent, span, the, usd_millions)

COW = "cow_trade"
COW_STATE = "cow_trade_state"
DOTS = "imf_dots"
CODES = "codes"
LEDGER = "ledger"
FINANCE = "china_finance"


def build(ctx: Context) -> Section:
    section = Section("economic", "Economic ties")
    under("Trade in goods: COW to 2014, then IMF DOTS", ctx, section, _cow, _mirror, _dependence, _partner_ranks, _cow_ends)
    under("Trade figures reported later (ledger)", ctx, section, _reported)
    under("Chinese investment", ctx, section, _investments)
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


def _window(ctx: Context, source: str) -> tuple[int, int]:
    return ctx.window(source) or ctx.years


def _side_name(ctx: Context, iso3: str) -> str:
    return ctx.a.name if iso3 == ctx.a.iso3 else ctx.b.name if iso3 == ctx.b.iso3 else iso3


def _measure_text(ctx: Context, row) -> str:
    name_a = _side_name(ctx, row["partner_a_iso3"])
    pa, pb = the(name_a), the(_side_name(ctx, row["partner_b_iso3"]))
    return {
        "total_trade": "total trade",
        "exports_a_to_b": f"exports from {pa} to {pb}",
        "imports_a_from_b": f"{possessive(name_a)} imports from {pb}",
    }.get(row["measure"], row["measure"].replace("_", " "))


def _reported_evidence(ctx: Context, row) -> Evidence:
    note = f"{_measure_text(ctx, row)}; period {row['period']}" + (f"; {_text(row['note'])}" if _text(row["note"]) else "")
    return Evidence(LEDGER, row["measure"], float(row["value_musd"]), "USD millions", year=int(row["year"]),
                    table="core_ledger__trade_reported", reporter=row["reporter"], url=_text(row["source_url"]) or None, note=note)


def _reported(ctx: Context, section: Section) -> None:
    rows = ctx.data.trade_reported
    cow_end = (ctx.coverage(DOTS) or ctx.coverage(COW) or ctx.years)[1]
    if rows.empty:
        if ctx.years[1] > cow_end and ctx.coverage(LEDGER):
            section.sentences.append(Statement(
                "The ledger holds no reported trade figures for this pair, so trade after the series' last year is not covered here.",
                ctx.coverage_evidence(LEDGER), kind="gap"))
        return
    full = rows[rows["period"] == "full_year"]
    for (year, measure), group in full.groupby(["year", "measure"], sort=True):
        figures = [f"{_qualifier(r['note'])}{usd_reported(r['value_musd'])} {by_reporter(r['reporter'])}" for _, r in group.iterrows()]
        if len(figures) == 1:
            text = f"For {int(year)}, the full-year figure for {_measure_text(ctx, group.iloc[0])} was reported as {figures[0]}."
        else:
            bounds = any(_qualifier(n) for n in group["note"])  # "more than" two figures need not disagree
            differ = "; the figures differ" if figures_differ(group["value_musd"]) and not bounds else ""
            text = (f"For {int(year)}, full-year figures for {_measure_text(ctx, group.iloc[0])} were reported as "
                    f"{join(figures)}{differ}.")
        section.sentences.append(Statement(text, tuple(_reported_evidence(ctx, r) for _, r in group.iterrows())))
    partial = rows[rows["period"] != "full_year"]
    if not partial.empty:
        first, last = int(partial["year"].min()), int(partial["year"].max())
        section.sentences.append(Statement(
            f"The ledger also holds {count(len(partial), 'part-year figure')} for {span(first, last)}; they are listed in the table below.",
            (Evidence(LEDGER, "part_year_figures", len(partial), "count", date=interval(first, last), table="core_ledger__trade_reported"),)))
    section.tables.append(Table(
        "trade_reported", "Trade figures reported after COW's coverage (ledger)",
        ("year", "reported by", "measure", "USD millions", "period", "note"),
        tuple((int(r["year"]), reporter_name(r["reporter"]), _measure_text(ctx, r), float(r["value_musd"]), r["period"], _text(r["note"]))
              for _, r in rows.iterrows()),
        source=LEDGER, links=tuple(_text(r["source_url"]) or None for _, r in rows.iterrows()),
    ))
    section.charts.append(_reported_chart(ctx, rows))


def usd_reported(value: float) -> str:
    """A reported figure at the precision it was reported: 'USD 8.4 billion', 'USD 2.714 billion'."""
    if abs(value) >= 1000:
        return f"USD {f'{value / 1000:,.3f}'.rstrip('0').rstrip('.')} billion"
    return f"USD {f'{value:,.1f}'.rstrip('0').rstrip('.')} million"


def _qualifier(note) -> str:
    """'more than ' or 'almost ' when the ledger's note opens by saying so (the value is a bound)."""
    opening = re.split(r"[.;] ", _text(note), maxsplit=1)[0].lower()
    if re.search(r"\b(lower bound|exceed\w*|over|more than)\b", opening):
        return "more than "
    if re.search(r"\b(almost|nearly|close to|approach\w*|approximate\w*|about|roughly)\b", opening):
        return "about "
    return ""


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _reported_chart(ctx: Context, rows: pd.DataFrame):
    """Full-year figures only, one row per figure labelled with year and reporter."""
    full = rows[rows["period"] == "full_year"]
    frame = pd.DataFrame({
        "label": [f"{int(r['year'])} · {reporter_name(r['reporter'])}" for _, r in full.iterrows()],
        "value": full["value_musd"].astype(float),
        "measure": [_measure_text(ctx, r) for _, r in full.iterrows()],
        "year": full["year"].astype(int),
        "note": [_text(n) for n in full["note"]],
    })
    frame = frame.sort_values(["year", "value"], kind="stable")
    note = ("Source: the bilateral ledger: full-year figures as reported, each with who reported it; "
            "part-year figures are in the table. Not a comparable series: some count goods only, some goods and services.")
    return charts.dots("trade_reported", f"Trade figures reported for {the(ctx.a.name)} and {the(ctx.b.name)}", note, frame,
                       "USD millions, as reported", label="label", color="measure", tooltip=["label:N", "measure:N", "note:N"])


def _investments(ctx: Context, section: Section) -> None:
    """Chinese investment and construction deals in the other state (only when one side is China)."""
    deals = ctx.data.investments
    if deals is None:
        return  # not a China dyad: the tracker has nothing to say, and the political section already notes China-only sources
    other = ctx.b if ctx.a.ccode == CHINA else ctx.a
    window = ctx.window(FINANCE)
    if window is None:
        section.sentences.append(no_data(ctx, FINANCE, "The China Global Investment Tracker"))
        return
    if deals.empty:
        section.sentences.append(Statement(
            f"The China Global Investment Tracker lists no large Chinese investment or construction deal in {the(other.name)} in {span(*window)}.",
            (Evidence(FINANCE, "deals", 0, "count", date=interval(*window), table="core_china_finance__investments"),)))
    else:
        first, last = int(deals["year"].min()), int(deals["year"].max())
        when = interval(first, last)
        total = float(deals["usd_musd"].sum())
        top = deals.loc[deals["usd_musd"].idxmax()]
        section.sentences.append(Statement(
            f"The China Global Investment Tracker lists {count(len(deals), 'large Chinese investment or construction deal')} "
            f"in {the(other.name)} in {span(first, last)}, worth {usd_millions(total)} in total; the largest, "
            f"{usd_millions(top['usd_musd'])} by {top['chinese_entity']}{_sector(top['sector'])}, dates from {int(top['year'])}.",
            (Evidence(FINANCE, "deals", len(deals), "count", date=when, table="core_china_finance__investments"),
             Evidence(FINANCE, "usd_musd", total, "USD millions", date=when, table="core_china_finance__investments", note="sum of deals"),
             Evidence(FINANCE, "usd_musd", float(top["usd_musd"]), "USD millions", year=int(top["year"]),
                      table="core_china_finance__investments", note=str(top["chinese_entity"])))))
        section.tables.append(Table(
            "investments", f"Chinese investment and construction deals in {the(other.name)} (China Global Investment Tracker)",
            ("year", "month", "Chinese entity", "USD millions", "sector", "subsector", "Belt and Road"),
            tuple((int(r["year"]), _int(r["month"]), r["chinese_entity"], float(r["usd_musd"]), _text(r["sector"]), _text(r["subsector"]),
                   "yes" if r["bri"] is True else "no" if r["bri"] is False else "") for _, r in deals.iterrows()),
            source=FINANCE))
    gap = ends_before(ctx, FINANCE, "The China Global Investment Tracker used here",
                      "later Chinese investment is not covered.")
    if gap:
        section.sentences.append(gap)


def _sector(value) -> str:
    sector = _text(value).strip().lower()
    return f" in {sector}" if sector and sector != "other" else ""


def _int(value):
    return None if value is None or pd.isna(value) else int(value)

