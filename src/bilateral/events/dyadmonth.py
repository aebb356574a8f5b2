"""The dyad-month aggregation, written once as SQL and run on any engine.

One row per source, ordered pair of distinct states (``ccode1`` acts on
``ccode2``), year and month, over the ingested events (a table or view named
``events`` with the normalised columns plus ``source``, ``year`` and
``month``). The SQL is written in DuckDB's dialect and transpiled by sqlglot
for other engines (:func:`sql_for`), so DuckDB and Spark run the same
definition.

Columns (all counts are events after de-duplication and quality filters):

* ``events_n`` — all events from ``ccode1`` to ``ccode2``;
* ``events_verbal_coop_n``, ``events_material_coop_n``,
  ``events_verbal_conflict_n``, ``events_material_conflict_n`` — by quad class;
* ``events_goldstein_mean`` — mean Goldstein score (NULL for POLECAT, which
  has none); computed from whole tenths of a point, the scale's resolution,
  so that every engine adds the same integers and gets the same bits;
* ``events_coop_share`` — share of cooperative events (quad classes 1–2);
* ``events_visits_n`` — CAMEO 036, 042, 043, 044 (intent to meet, visits, meetings);
* ``events_agreements_n`` — CAMEO 057 (sign formal agreement);
* ``events_milcoop_n`` — military cooperation codes (:data:`cameo.MILCOOP_CODES`);
* ``events_force_posture_n`` — force posture codes (:data:`cameo.FORCE_POSTURE_CODES`).

The four CAMEO code counts are NULL, not 0, for a source without CAMEO codes
(POLECAT): not measured is not none. Sources are kept apart because they
overlap: GDELT and ICEWS code many of the same news events.
"""

from __future__ import annotations

from functools import cache

from bilateral.events import cameo


def _in(codes: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{c}'" for c in codes) + ")"


def _cameo_count(codes: tuple[str, ...]) -> str:
    # NULL when no event in the group carries a CAMEO code (a PLOVER-only source)
    return f"CASE WHEN count(cameo_code) = 0 THEN NULL ELSE count(CASE WHEN cameo_code IN {_in(codes)} THEN 1 END) END"


QUAD_COLUMNS = tuple(f"events_{name}_n" for name in cameo.QUAD_NAMES.values())

#: Output columns with their documentation (the CLI and docs read these).
COLUMNS = {
    "source": "event dataset (gdelt1, gdelt2, icews, polecat)",
    "ccode1": "COW number of the state that acts",
    "ccode2": "COW number of the state acted upon",
    "iso3_1": "ISO3 of ccode1",
    "iso3_2": "ISO3 of ccode2",
    "year": "year of the events",
    "month": "month of the events (1-12)",
    "events_n": "events from ccode1 to ccode2",
    **{col: f"events in quad class {q} ({name.replace('_', ' ')})" for (q, name), col in zip(cameo.QUAD_NAMES.items(), QUAD_COLUMNS)},
    "events_goldstein_mean": "mean Goldstein score (-10 conflict … +10 cooperation)",
    "events_coop_share": "share of events that are cooperative (quad classes 1-2)",
    "events_visits_n": "visits and meetings: CAMEO " + ", ".join(cameo.VISIT_CODES),
    "events_agreements_n": "formal agreements signed: CAMEO " + ", ".join(cameo.AGREEMENT_CODES),
    "events_milcoop_n": "military cooperation: CAMEO " + ", ".join(cameo.MILCOOP_CODES),
    "events_force_posture_n": "force posture: CAMEO " + ", ".join(cameo.FORCE_POSTURE_CODES),
}

KEY = ("source", "ccode1", "ccode2", "year", "month")


@cache
def dyad_month_sql() -> str:
    """The aggregation, in DuckDB's dialect, over a table called ``events``."""
    quads = ",\n    ".join(f"count(CASE WHEN quad_class = {q} THEN 1 END) AS {col}" for q, col in zip(cameo.QUAD_NAMES, QUAD_COLUMNS))
    return f"""SELECT
    source,
    actor1_ccode AS ccode1,
    actor2_ccode AS ccode2,
    max(actor1_iso3) AS iso3_1,
    max(actor2_iso3) AS iso3_2,
    CAST(year AS INT) AS year,
    CAST(month AS INT) AS month,
    count(*) AS events_n,
    {quads},
    CAST(sum(CAST(round(goldstein * 10) AS BIGINT)) AS DOUBLE) / (10 * NULLIF(count(goldstein), 0)) AS events_goldstein_mean,
    CAST(count(CASE WHEN quad_class IN (1, 2) THEN 1 END) AS DOUBLE) / count(*) AS events_coop_share,
    {_cameo_count(cameo.VISIT_CODES)} AS events_visits_n,
    {_cameo_count(cameo.AGREEMENT_CODES)} AS events_agreements_n,
    {_cameo_count(cameo.MILCOOP_CODES)} AS events_milcoop_n,
    {_cameo_count(cameo.FORCE_POSTURE_CODES)} AS events_force_posture_n
FROM events
WHERE actor1_ccode IS NOT NULL AND actor2_ccode IS NOT NULL AND actor1_ccode <> actor2_ccode
GROUP BY source, actor1_ccode, actor2_ccode, CAST(year AS INT), CAST(month AS INT)
ORDER BY source, ccode1, ccode2, year, month"""


def sql_for(dialect: str) -> str:
    """The aggregation in another SQL dialect (e.g. "spark", "bigquery")."""
    if dialect == "duckdb":
        return dyad_month_sql()
    import sqlglot

    return sqlglot.transpile(dyad_month_sql(), read="duckdb", write=dialect, pretty=True)[0]
