"""Military cooperation for every dyad-year: arms transfers each way (SIPRI)
and strategic rivalry (Thompson & Dreyer). Alliances (ATOP) are joined by
:mod:`bilateral.dyads`.

SIPRI's register lists deals, not yearly deliveries: a deal is counted in its
year of order, with the TIV SIPRI attributes to its delivered weapons. Inside
SIPRI's coverage (orders 1950–2023) a dyad with no deal has 0; outside it
the value is NULL. Rivalry is 1 in the years a rivalry between the two was
active, 0 in other years up to the data's end (2010), NULL after.
"""

from __future__ import annotations

from bilateral.dyads import Join

SIPRI_YEARS = (1950, 2023)
RIVALRY_YEARS = (1816, 2010)

ARMS_VIEW = """
    CREATE TEMP VIEW arms_dyad_year AS
    SELECT least(supplier_ccode, recipient_ccode) AS ccode1, greatest(supplier_ccode, recipient_ccode) AS ccode2,
           order_year AS year,
           sum(CASE WHEN supplier_ccode < recipient_ccode THEN coalesce(tiv_delivered, 0) ELSE 0 END) AS arms_tiv_1_to_2,
           sum(CASE WHEN supplier_ccode > recipient_ccode THEN coalesce(tiv_delivered, 0) ELSE 0 END) AS arms_tiv_2_to_1,
           count(*) FILTER (WHERE supplier_ccode < recipient_ccode) AS arms_deals_1_to_2,
           count(*) FILTER (WHERE supplier_ccode > recipient_ccode) AS arms_deals_2_to_1
    FROM core_sipri__register
    WHERE supplier_ccode IS NOT NULL AND recipient_ccode IS NOT NULL AND supplier_ccode <> recipient_ccode
      AND order_year BETWEEN 1950 AND 2023  -- SIPRI's coverage: a handful of 1940s orders would stand alone
    GROUP BY ALL
"""

RIVALRY_VIEW = """
    CREATE TEMP VIEW rivalry_dyad_year AS
    SELECT DISTINCT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2,
           unnest(range(greatest(start_year, 1816), least(end_year, 2010) + 1)) AS year, 1 AS rivalry
    FROM core_rivalries__rivalry
"""

ARMS = Join(
    table="arms_dyad_year",
    columns={
        "arms_tiv_1_to_2": "s.arms_tiv_1_to_2",
        "arms_tiv_2_to_1": "s.arms_tiv_2_to_1",
        "arms_deals_1_to_2": "s.arms_deals_1_to_2",
        "arms_deals_2_to_1": "s.arms_deals_2_to_1",
    },
    pairs=(("arms_tiv_1_to_2", "arms_tiv_2_to_1"), ("arms_deals_1_to_2", "arms_deals_2_to_1")),
    zero_within=SIPRI_YEARS,
    extra={"arms_tiv_total": "arms_tiv_1_to_2 + arms_tiv_2_to_1"},
)
RIVALRY = Join(table="rivalry_dyad_year", columns={"rivalry": "s.rivalry"}, zero_within=RIVALRY_YEARS)

VIEWS = (ARMS_VIEW, RIVALRY_VIEW)
JOINS = (ARMS, RIVALRY)
