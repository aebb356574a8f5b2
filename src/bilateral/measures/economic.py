"""Economic ties for every dyad-year: trade each way, dependence, partner
ranks and growth, from the spliced trade series of :mod:`.trade` (COW to
2014, IMF DOTS to 2020) and its matching state totals.

Dependence is asymmetric: the dyad's trade as a share of one side's total
trade (imports + exports). Partner rank is the other state's place among
one side's trading partners that year by total dyadic trade, overall and
among partners in the same UN region; this is what "China is Belarus's
largest trading partner in Asia" means. Reported figures after 2014 come
from the ledger and are kept apart (see :func:`bilateral.measures.api.reported_trade`).
Across the splice (2014 to 2015) growth compares a COW figure with a DOTS
one; the two agree closely where they overlap (see :mod:`.trade`).
Chinese investment (China Global Investment Tracker, deals of USD 100m or
more) exists only for dyads with China: 0 inside 2005–2017 when no deal was
recorded, NULL elsewhere; 2018 is left out because the tracker stops in June.
Chinese official finance (AidData 1.1.1) likewise: projects committed and
their amounts in current USD millions, 0 inside 2000–2014 for a China dyad
without a project, NULL elsewhere.
"""

from __future__ import annotations

from bilateral.constants import CHINA
from bilateral.dyads import Join

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
#: AidData's geocoded Chinese official finance 1.1.1: commitments 2000–2014.
AID_YEARS = (2000, 2014)
#: A project repeats once per location: one row per project first (its amount
#: is the whole project's, repeated), then per recipient and year. Only
#: single-recipient projects count. Every China dyad of 2000–2014 gets a row,
#: so that a year without projects is 0 while one whose projects all lack an
#: amount keeps a NULL sum (unknown, not zero).
AID_VIEW = f"""
    CREATE TEMP VIEW aid_dyad_year AS
    WITH projects AS (
        SELECT id, any_value(ccode) AS ccode, any_value(year) AS year, max(usd_current) AS usd_current
        FROM core_china_finance__aid WHERE ccode IS NOT NULL AND ccode <> {CHINA}
        GROUP BY id
    ), per_year AS (
        SELECT ccode, year, count(*) AS projects, sum(usd_current) / 1e6 AS commitments_musd FROM projects GROUP BY ALL
    ), states AS (
        SELECT DISTINCT ccode, unnest(range(greatest(styear, {AID_YEARS[0]}), least(endyear, {AID_YEARS[1]}) + 1)) AS year
        FROM core_states__cow_states WHERE ccode <> {CHINA} AND styear <= {AID_YEARS[1]} AND endyear >= {AID_YEARS[0]}
    )
    SELECT least({CHINA}, s.ccode) AS ccode1, greatest({CHINA}, s.ccode) AS ccode2, s.year,
           coalesce(p.projects, 0) AS china_aid_projects,
           CASE WHEN p.projects IS NULL THEN 0 ELSE p.commitments_musd END AS china_aid_commitments_musd
    FROM states s LEFT JOIN per_year p USING (ccode, year)
"""
AID = Join(
    table="aid_dyad_year",
    columns={"china_aid_projects": "s.china_aid_projects", "china_aid_commitments_musd": "s.china_aid_commitments_musd"},
)
VIEWS = (INVESTMENT_VIEW, AID_VIEW)
JOINS = (INVESTMENT, AID)

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
        LEFT JOIN out_trade_state_year s1 ON s1.ccode = d.ccode1 AND s1.year = d.year AND s1.trade_source = d.trade_source
        LEFT JOIN out_trade_state_year s2 ON s2.ccode = d.ccode2 AND s2.year = d.year AND s2.trade_source = d.trade_source
        LEFT JOIN {left} previous ON previous.ccode1 = d.ccode1 AND previous.ccode2 = d.ccode2 AND previous.year = d.year - 1
        LEFT JOIN ranks r1 ON r1.state = d.ccode1 AND r1.partner = d.ccode2 AND r1.year = d.year
        LEFT JOIN ranks r2 ON r2.state = d.ccode2 AND r2.partner = d.ccode1 AND r2.year = d.year
    """
