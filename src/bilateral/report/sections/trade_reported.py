"""Trade figures reported after the series ends: the ledger's full-year and
part-year figures, each shown with who reported it and at the precision it was
reported, never spliced onto the COW/DOTS series (see economic.py for why)."""

from __future__ import annotations

import re

import pandas as pd

from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement, Table
from bilateral.report.sections.context import Context
from bilateral.wording import by_reporter, count, figures_differ, interval, join, possessive, reporter_name, span, the

COW = "cow_trade"
DOTS = "imf_dots"
LEDGER = "ledger"

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
    note = f"{_measure_text(ctx, row)}; period {row['period']}" + (f"; {cell_text(row['note'])}" if cell_text(row["note"]) else "")
    return Evidence(LEDGER, row["measure"], float(row["value_musd"]), "USD millions", year=int(row["year"]),
                    table="core_ledger__trade_reported", reporter=row["reporter"], url=cell_text(row["source_url"]) or None, note=note)


def reported(ctx: Context, section: Section) -> None:
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
        tuple((int(r["year"]), reporter_name(r["reporter"]), _measure_text(ctx, r), float(r["value_musd"]), r["period"], cell_text(r["note"]))
              for _, r in rows.iterrows()),
        source=LEDGER, links=tuple(cell_text(r["source_url"]) or None for _, r in rows.iterrows()),
    ))
    section.charts.append(_reported_chart(ctx, rows))


def usd_reported(value: float) -> str:
    """A reported figure at the precision it was reported: 'USD 8.4 billion', 'USD 2.714 billion'."""
    if abs(value) >= 1000:
        return f"USD {f'{value / 1000:,.3f}'.rstrip('0').rstrip('.')} billion"
    return f"USD {f'{value:,.1f}'.rstrip('0').rstrip('.')} million"


def _qualifier(note) -> str:
    """'more than ' or 'almost ' when the ledger's note opens by saying so (the value is a bound)."""
    opening = re.split(r"[.;] ", cell_text(note), maxsplit=1)[0].lower()
    if re.search(r"\b(lower bound|exceed\w*|over|more than)\b", opening):
        return "more than "
    if re.search(r"\b(almost|nearly|close to|approach\w*|approximate\w*|about|roughly)\b", opening):
        return "about "
    return ""


def cell_text(value) -> str:
    """A cell as text: empty for a missing value."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _reported_chart(ctx: Context, rows: pd.DataFrame):
    """Full-year figures only, one row per figure labelled with year and reporter."""
    full = rows[rows["period"] == "full_year"]
    frame = pd.DataFrame({
        "label": [f"{int(r['year'])} · {reporter_name(r['reporter'])}" for _, r in full.iterrows()],
        "value": full["value_musd"].astype(float),
        "measure": [_measure_text(ctx, r) for _, r in full.iterrows()],
        "year": full["year"].astype(int),
        "note": [cell_text(n) for n in full["note"]],
    })
    frame = frame.sort_values(["year", "value"], kind="stable")
    note = ("Source: the bilateral ledger: full-year figures as reported, each with who reported it; "
            "part-year figures are in the table. Not a comparable series: some count goods only, some goods and services.")
    return charts.dots("trade_reported", f"Trade figures reported for {the(ctx.a.name)} and {the(ctx.b.name)}", note, frame,
                       "USD millions, as reported", label="label", color="measure", tooltip=["label:N", "measure:N", "note:N"])
