"""Chinese investment and construction deals in the other state (China Global
Investment Tracker): shown only in a pair with China, never in a score or rank,
because the tracker covers China's partners only."""

from __future__ import annotations

import pandas as pd

from bilateral.report.model import Evidence, Section, Statement, Table
from bilateral.report.queries import CHINA
from bilateral.report.sections.context import Context, ends_before, no_data
from bilateral.report.sections.trade_reported import cell_text
from bilateral.wording import count, interval, span, the, usd_millions

FINANCE = "china_finance"

def investments(ctx: Context, section: Section) -> None:
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
            tuple((int(r["year"]), _int(r["month"]), r["chinese_entity"], float(r["usd_musd"]), cell_text(r["sector"]), cell_text(r["subsector"]),
                   "yes" if r["bri"] is True else "no" if r["bri"] is False else "") for _, r in deals.iterrows()),
            source=FINANCE))
    gap = ends_before(ctx, FINANCE, "The China Global Investment Tracker used here",
                      "later Chinese investment is not covered.")
    if gap:
        section.sentences.append(gap)


def _sector(value) -> str:
    sector = cell_text(value).strip().lower()
    return f" in {sector}" if sector and sector != "other" else ""


def _int(value):
    return None if value is None or pd.isna(value) else int(value)
