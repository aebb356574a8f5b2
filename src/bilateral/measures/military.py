"""Military cooperation for every dyad-year: arms transfers each way (SIPRI)
and strategic rivalry (Thompson & Dreyer). Alliances (ATOP) are joined by
:mod:`bilateral.dyads`.

SIPRI's register lists deals, each with its year of order, its delivery
years and the TIV of its delivered weapons. Two views are built from it:

- by year of order (``arms_tiv_*``, ``arms_deals_*``): a deal counts once,
  in the year it was ordered, with all its delivered TIV;
- by year of delivery (``arms_tiv_delivered_*``): a deal counts in every
  year it delivered, so a deal ordered once and delivered over five years is
  cooperation in all five. The register gives the delivery years but not the
  number delivered in each, so a deal's delivered TIV is split evenly over
  its listed delivery years (docs/method.md; tests/test_sipri_deliveries.py
  checks the result against SIPRI's own yearly import values).

Missing is not zero: a deal whose delivered TIV is unknown is counted in
``arms_deals_tiv_unknown`` and adds nothing to a sum; a direction whose only
deals that year have unknown TIV is NULL, not 0. Inside SIPRI's coverage
(:data:`bilateral.sources.sipri.ORDER_YEARS` / ``DELIVERY_YEARS``) a dyad with
no deal has 0; outside it the value is NULL. Rivalry is 1 in the years a
rivalry between the two was active, 0 in other years up to the data's end
(2010), NULL after.
"""

from __future__ import annotations

from bilateral.dyads import Join
from bilateral.sources.rivalries import SOURCE as RIVALRIES
from bilateral.sources.sipri import DELIVERY_YEARS, ORDER_YEARS
from bilateral.sources.states import FIRST_YEAR as STATES_FIRST_YEAR

SIPRI_YEARS = ORDER_YEARS
#: From the start of the state system to the rivalry data's end (both from their sources' provenance).
RIVALRY_YEARS = (STATES_FIRST_YEAR, RIVALRIES.provenance.coverage[1])

#: Deals between two states (not non-state groups, not a state with itself).
_STATE_DEALS = """
    SELECT *, least(supplier_ccode, recipient_ccode) AS ccode1, greatest(supplier_ccode, recipient_ccode) AS ccode2,
           supplier_ccode < recipient_ccode AS one_to_two
    FROM core_sipri__register
    WHERE supplier_ccode IS NOT NULL AND recipient_ccode IS NOT NULL AND supplier_ccode <> recipient_ccode
"""


def _tiv_sum(value: str, direction: str) -> str:
    """Sum of ``value`` over the deals in ``direction``: 0 with no deal, NULL
    when every deal's TIV is unknown, else the sum of the known TIV. The
    values are added in a fixed order, so that a build gives the same sums to
    the last bit whichever order DuckDB's threads meet the rows in."""
    return (f"CASE WHEN count(*) FILTER (WHERE {direction}) > 0 AND count({value}) FILTER (WHERE {direction}) = 0 THEN NULL "
            f"ELSE coalesce(sum({value} ORDER BY {value}) FILTER (WHERE {direction}), 0) END")


ARMS_VIEW = f"""
    CREATE TEMP VIEW arms_dyad_year AS
    SELECT ccode1, ccode2, order_year AS year,
           {_tiv_sum("tiv_delivered", "one_to_two")} AS arms_tiv_1_to_2,
           {_tiv_sum("tiv_delivered", "NOT one_to_two")} AS arms_tiv_2_to_1,
           count(*) FILTER (WHERE one_to_two) AS arms_deals_1_to_2,
           count(*) FILTER (WHERE NOT one_to_two) AS arms_deals_2_to_1,
           count(*) FILTER (WHERE tiv_delivered IS NULL) AS arms_deals_tiv_unknown
    FROM ({_STATE_DEALS})
    WHERE order_year BETWEEN {ORDER_YEARS[0]} AND {ORDER_YEARS[1]}  -- a handful of 1940s orders would stand alone
    GROUP BY ALL
"""

#: One row per deal and delivery year, with the deal's delivered TIV split evenly over its delivery years.
DELIVERIES_VIEW = f"""
    CREATE TEMP VIEW arms_deliveries AS
    SELECT d.*, CAST(y.year AS INTEGER) AS delivery_year,
           d.tiv_delivered / len(string_split(d.delivery_years, '; ')) AS tiv_delivered_that_year
    FROM ({_STATE_DEALS}) d, unnest(string_split(d.delivery_years, '; ')) AS y(year)
    WHERE d.delivery_years <> ''
"""

ARMS_DELIVERED_VIEW = f"""
    CREATE TEMP VIEW arms_delivered_dyad_year AS
    SELECT ccode1, ccode2, delivery_year AS year,
           {_tiv_sum("tiv_delivered_that_year", "one_to_two")} AS arms_tiv_delivered_1_to_2,
           {_tiv_sum("tiv_delivered_that_year", "NOT one_to_two")} AS arms_tiv_delivered_2_to_1
    FROM arms_deliveries
    WHERE delivery_year BETWEEN {DELIVERY_YEARS[0]} AND {DELIVERY_YEARS[1]}
    GROUP BY ALL
"""

RIVALRY_VIEW = f"""
    CREATE TEMP VIEW rivalry_dyad_year AS
    SELECT DISTINCT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2,
           unnest(range(greatest(start_year, {RIVALRY_YEARS[0]}), least(end_year, {RIVALRY_YEARS[1]}) + 1)) AS year, 1 AS rivalry
    FROM core_rivalries__rivalry
"""

ARMS = Join(
    table="arms_dyad_year",
    columns={
        "arms_tiv_1_to_2": "s.arms_tiv_1_to_2",
        "arms_tiv_2_to_1": "s.arms_tiv_2_to_1",
        "arms_deals_1_to_2": "s.arms_deals_1_to_2",
        "arms_deals_2_to_1": "s.arms_deals_2_to_1",
        "arms_deals_tiv_unknown": "s.arms_deals_tiv_unknown",
    },
    pairs=(("arms_tiv_1_to_2", "arms_tiv_2_to_1"), ("arms_deals_1_to_2", "arms_deals_2_to_1")),
    zero_within=SIPRI_YEARS,
    extra={"arms_tiv_total": "arms_tiv_1_to_2 + arms_tiv_2_to_1"},
)
ARMS_DELIVERED = Join(
    table="arms_delivered_dyad_year",
    columns={
        "arms_tiv_delivered_1_to_2": "s.arms_tiv_delivered_1_to_2",
        "arms_tiv_delivered_2_to_1": "s.arms_tiv_delivered_2_to_1",
    },
    pairs=(("arms_tiv_delivered_1_to_2", "arms_tiv_delivered_2_to_1"),),
    zero_within=DELIVERY_YEARS,
    extra={"arms_tiv_delivered_total": "arms_tiv_delivered_1_to_2 + arms_tiv_delivered_2_to_1"},
)
RIVALRY = Join(table="rivalry_dyad_year", columns={"rivalry": "s.rivalry"}, zero_within=RIVALRY_YEARS)

VIEWS = (ARMS_VIEW, DELIVERIES_VIEW, ARMS_DELIVERED_VIEW, RIVALRY_VIEW)
JOINS = (ARMS, ARMS_DELIVERED, RIVALRY)
