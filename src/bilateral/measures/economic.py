"""Economic ties for every dyad-year: trade each way, dependence, partner
ranks and growth (COW dyadic and state-year trade, to 2014).

Dependence is asymmetric: the dyad's trade as a share of one side's total
trade (imports + exports). Partner rank is the other state's place among
one side's trading partners that year by total dyadic trade, overall and
among partners in the same UN region; this is what "China is Belarus's
largest trading partner in Asia" means. Reported figures after 2014 come
from the ledger and are kept apart (see :func:`bilateral.measures.api.reported_trade`).
Chinese investment (China Global Investment Tracker, deals of USD 100m or
more) exists only for dyads with China: 0 inside 2005–2017 when no deal was
recorded, NULL elsewhere; 2018 is left out because the tracker stops in June.
"""

from __future__ import annotations

from bilateral.dyads import Join

CHINA = 710
#: China Global Investment Tracker: deals of USD 100m or more, 2005 to mid-2018.
INVESTMENT_YEARS = (2005, 2017)

INVESTMENT_VIEW = f"""
    CREATE TEMP VIEW investment_dyad_year AS
    SELECT least({CHINA}, ccode) AS ccode1, greatest({CHINA}, ccode) AS ccode2, year,
           sum(usd_musd) AS china_investment_musd, count(*) AS china_investment_deals
    FROM core_china_finance__investments
    WHERE ccode IS NOT NULL AND ccode <> {CHINA}
    GROUP BY ALL
"""
INVESTMENT = Join(
    table="investment_dyad_year",
    columns={"china_investment_musd": "s.china_investment_musd", "china_investment_deals": "s.china_investment_deals"},
    zero_within=INVESTMENT_YEARS,
    zero_when=f"{CHINA} IN (d.ccode1, d.ccode2)",
)
VIEWS = (INVESTMENT_VIEW,)
JOINS = (INVESTMENT,)

def directed_trade_sql(left: str) -> str:
    """Each dyad twice, as (state, partner), with the partner's UN region."""
    return f"""
        WITH region AS (
            SELECT ccode, any_value(un_region) AS un_region FROM core_codes__codelist WHERE ccode IS NOT NULL GROUP BY ccode
        ), directed AS (
            SELECT ccode1 AS state, ccode2 AS partner, year, trade_total_musd FROM {left} WHERE trade_total_musd IS NOT NULL
            UNION ALL
            SELECT ccode2, ccode1, year, trade_total_musd FROM {left} WHERE trade_total_musd IS NOT NULL
        )
        SELECT d.*, r.un_region AS partner_region,
               rank() OVER (PARTITION BY state, year ORDER BY trade_total_musd DESC) AS partner_rank,
               CASE WHEN r.un_region IS NOT NULL THEN
                   rank() OVER (PARTITION BY state, year, r.un_region ORDER BY trade_total_musd DESC) END AS region_rank
        FROM directed d LEFT JOIN region r ON r.ccode = d.partner
    """


def economic_sql(left: str) -> str:
    """SELECT of ``left`` (which has the trade columns) with :data:`COLUMNS` added."""
    return f"""
        WITH ranks AS MATERIALIZED ({directed_trade_sql(left)})
        SELECT d.*,
            d.trade_total_musd / nullif(s1.imports_musd + s1.exports_musd, 0) AS trade_dependence1,
            d.trade_total_musd / nullif(s2.imports_musd + s2.exports_musd, 0) AS trade_dependence2,
            (trade_dependence1 + trade_dependence2) / 2 AS trade_dependence_mean,
            100 * (d.trade_total_musd / nullif(previous.trade_total_musd, 0) - 1) AS trade_growth_pct,
            r1.partner_rank AS trade_rank_of_2_for_1,
            r2.partner_rank AS trade_rank_of_1_for_2,
            r1.region_rank AS trade_region_rank_of_2_for_1,
            r2.region_rank AS trade_region_rank_of_1_for_2
        FROM {left} d
        LEFT JOIN core_cow_trade_state__state_year s1 ON s1.ccode = d.ccode1 AND s1.year = d.year
        LEFT JOIN core_cow_trade_state__state_year s2 ON s2.ccode = d.ccode2 AND s2.year = d.year
        LEFT JOIN {left} previous ON previous.ccode1 = d.ccode1 AND previous.ccode2 = d.ccode2 AND previous.year = d.year - 1
        LEFT JOIN ranks r1 ON r1.state = d.ccode1 AND r1.partner = d.ccode2 AND r1.year = d.year
        LEFT JOIN ranks r2 ON r2.state = d.ccode2 AND r2.partner = d.ccode1 AND r2.year = d.year
    """
