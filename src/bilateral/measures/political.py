"""Political contact for every dyad-year: Chinese leaders' engagements with
the other state (China Vitae, 2003–2018) and the ledger's high-level events.
Shared IGO memberships are joined by :mod:`bilateral.dyads`.

China Vitae follows seven Chinese officials only, so engagement counts exist
for dyads with China (COW 710) and are NULL for every other dyad; within
2003–2018 a China dyad with no engagement has 0. The ledger is selective
(it covers a few dyads in depth), so its counts are NULL for dyads it does
not cover rather than 0; they are shown, not ranked.
"""

from __future__ import annotations

from bilateral.constants import CHINA
from bilateral.dyads import Join
from bilateral.sources.chinavitae import SOURCE as CHINAVITAE
from bilateral.sources.ledger import SOURCE as LEDGER

CHINAVITAE_YEARS = CHINAVITAE.provenance.coverage
#: The years the ledger covers (its provenance): a ledger dyad gets a row, 0 or more, in each.
LEDGER_YEARS = LEDGER.provenance.coverage
HIGH_LEVEL = ("state_visit", "official_visit", "leader_meeting", "phone_call")

ENGAGEMENT_VIEW = f"""
    CREATE TEMP VIEW engagement_dyad_year AS
    SELECT least({CHINA}, ccode) AS ccode1, greatest({CHINA}, ccode) AS ccode2, year,
           count(*) AS engagements, count(*) FILTER (WHERE abroad) AS engagements_abroad
    FROM core_chinavitae__engagements
    WHERE ccode IS NOT NULL AND ccode <> {CHINA}
    GROUP BY ALL
"""

LEDGER_VIEW = f"""
    CREATE TEMP VIEW ledger_dyad_year AS
    WITH dyads AS (
        SELECT DISTINCT least(actor1_ccode, actor2_ccode) AS ccode1, greatest(actor1_ccode, actor2_ccode) AS ccode2
        FROM core_ledger__events WHERE actor1_ccode IS NOT NULL AND actor2_ccode IS NOT NULL
    ), years AS (SELECT unnest(range({LEDGER_YEARS[0]}, {LEDGER_YEARS[1] + 1})) AS year)
    SELECT d.ccode1, d.ccode2, y.year,
           count(e.event_id) FILTER (WHERE e.event_type IN {HIGH_LEVEL}) AS ledger_high_level_events,
           count(e.event_id) FILTER (WHERE e.event_type = 'joint_exercise') AS ledger_joint_exercises,
           count(e.event_id) FILTER (WHERE e.event_type = 'agreement_signed') AS ledger_agreements
    FROM dyads d CROSS JOIN years y
    LEFT JOIN core_ledger__events e
      ON least(e.actor1_ccode, e.actor2_ccode) = d.ccode1 AND greatest(e.actor1_ccode, e.actor2_ccode) = d.ccode2
     AND e.year = y.year AND NOT e.is_alt
    GROUP BY ALL
"""

ENGAGEMENTS = Join(
    table="engagement_dyad_year",
    columns={"engagements": "s.engagements", "engagements_abroad": "s.engagements_abroad"},
    zero_within=CHINAVITAE_YEARS,
    zero_when=f"{CHINA} IN (d.ccode1, d.ccode2)",
)
LEDGER = Join(
    table="ledger_dyad_year",
    columns={
        "ledger_high_level_events": "s.ledger_high_level_events",
        "ledger_joint_exercises": "s.ledger_joint_exercises",
        "ledger_agreements": "s.ledger_agreements",
    },
)

VIEWS = (ENGAGEMENT_VIEW, LEDGER_VIEW)
JOINS = (ENGAGEMENTS, LEDGER)
