"""One trade series for every dyad-year, spliced from COW and IMF DOTS, with
both reporters' DOTS figures alongside (mirror statistics).

The series (``out_trade_dyad_year``, one row per ccode1 < ccode2 and year):

- **COW** (``trade_source = 'cow'``) where the COW dyadic data hold a figure
  for the pair and year, which is only up to 2014. COW's flows are largely
  built from DOTS, so the two agree where they overlap (Belarus's imports
  from China in 2014: COW 2,375, DOTS 2,373.2); tests/test_trade_splice.py
  measures the agreement over all overlapping dyad-years.
- **DOTS** (``trade_source = 'imf_dots'``) everywhere else: after 2014, and
  before it for pairs COW lacks (Serbia, COW 345, after 1992). Each
  direction's imports are the importer's own CIF report; where the importer
  did not report, the exporter's FOB report of the same flow; else NULL,
  never 0. Cells the IMF estimated itself (marked "e") are not used: they
  are derived from the partner's report, which is used directly instead.

A row takes all its values from one source, so that a year's total never
adds a COW flow to a DOTS flow. DOTS pairs enter only for years in which both
are members of the COW state system, as in the dyad universe. The four ``dots_*`` columns hold what each
side reported for each direction in every DOTS year (1960–2020), whatever
the series used: ``dots_imports_1_from_2_by_1_musd`` is ccode1's report of
its imports from ccode2, ``dots_exports_2_to_1_by_2_musd`` ccode2's report of
the same flow as its exports, and so on. CIF includes freight and insurance,
so an importer's figure is normally some 5–10% above the exporter's; a gap of
more than 25% is beyond valuation and is reported in the brief.

``out_trade_state_year`` holds the matching denominators for trade
dependence, one row per state, year and source: COW's national totals (to
2014) and the state's own DOTS report of its trade with the World (exports
FOB plus imports CIF). A dyad-year's dependence divides by the totals of the
same source as its trade figures, so a COW flow is never set against a DOTS
total.
"""

from __future__ import annotations

from bilateral.sources.cow_trade import SOURCE as COW_SOURCE
from bilateral.sources.imf_dots import SOURCE as DOTS_SOURCE
from bilateral.sources.states import LIST_END as COW_LIST_END

#: The last years of the COW and DOTS series, declared once in their sources.
COW_LAST_YEAR = COW_SOURCE.provenance.coverage[1]
DOTS_LAST_YEAR = DOTS_SOURCE.provenance.coverage[1]
#: A gap between the two reporters' figures of one flow larger than this
#: share of the smaller figure is more than CIF/FOB valuation explains.
MIRROR_GAP = 0.25

#: (column, who reports, which flow) for the four mirror columns, in ccode1/ccode2 terms.
MIRROR_COLUMNS = {
    "dots_imports_1_from_2_by_1_musd": "ccode1's imports from ccode2 (CIF), as ccode1 reports them to the IMF",
    "dots_exports_2_to_1_by_2_musd": "ccode2's exports to ccode1 (FOB), as ccode2 reports them: the same flow seen from the other side",
    "dots_imports_2_from_1_by_2_musd": "ccode2's imports from ccode1 (CIF), as ccode2 reports them",
    "dots_exports_1_to_2_by_1_musd": "ccode1's exports to ccode2 (FOB), as ccode1 reports them",
}

_DOTS_PAIRS = """
    WITH reported AS (
        SELECT reporter_ccode, partner_ccode, year, flow, value_musd FROM core_imf_dots__flows WHERE NOT estimated
    ), imports AS (
        SELECT reporter_ccode AS importer, partner_ccode AS exporter, year, value_musd FROM reported WHERE flow = 'imports_cif'
    ), exports AS (
        SELECT partner_ccode AS importer, reporter_ccode AS exporter, year, value_musd FROM reported WHERE flow = 'exports_fob'
    ), directed AS (
        SELECT importer, exporter, year, i.value_musd AS by_importer, e.value_musd AS by_exporter
        FROM imports i FULL JOIN exports e USING (importer, exporter, year)
    )
    SELECT least(importer, exporter) AS ccode1, greatest(importer, exporter) AS ccode2, year,
        max(CASE WHEN importer < exporter THEN by_importer END) AS dots_imports_1_from_2_by_1_musd,
        max(CASE WHEN importer < exporter THEN by_exporter END) AS dots_exports_2_to_1_by_2_musd,
        max(CASE WHEN importer > exporter THEN by_importer END) AS dots_imports_2_from_1_by_2_musd,
        max(CASE WHEN importer > exporter THEN by_exporter END) AS dots_exports_1_to_2_by_1_musd
    FROM directed GROUP BY ALL
"""

TRADE_DYAD_YEAR_SQL = f"""
    CREATE TABLE out_trade_dyad_year AS
    WITH cow AS (
        SELECT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year,
               CASE WHEN ccode1 < ccode2 THEN imports1_musd ELSE imports2_musd END AS imports1_musd,
               CASE WHEN ccode1 < ccode2 THEN imports2_musd ELSE imports1_musd END AS imports2_musd
        FROM core_cow_trade__dyad_year
        WHERE year <= {COW_LAST_YEAR} AND (imports1_musd IS NOT NULL OR imports2_musd IS NOT NULL)
    ), members AS (  -- state-years of the COW system, as in the dyad universe (spells open when the list ends continue)
        SELECT DISTINCT ccode, unnest(range(styear, CASE WHEN endyear >= {COW_LIST_END} THEN {DOTS_LAST_YEAR} ELSE endyear END + 1)) AS year
        FROM core_states__cow_states
    ), dots AS (
        SELECT p.* FROM ({_DOTS_PAIRS}) p
        SEMI JOIN members m1 ON m1.ccode = p.ccode1 AND m1.year = p.year
        SEMI JOIN members m2 ON m2.ccode = p.ccode2 AND m2.year = p.year
    ), joined AS (
        SELECT ccode1, ccode2, year, c.imports1_musd AS cow1, c.imports2_musd AS cow2,
               c.ccode1 IS NOT NULL AS from_cow,
               coalesce(d.dots_imports_1_from_2_by_1_musd, d.dots_exports_2_to_1_by_2_musd) AS dots1,
               coalesce(d.dots_imports_2_from_1_by_2_musd, d.dots_exports_1_to_2_by_1_musd) AS dots2,
               {", ".join(f"d.{column}" for column in MIRROR_COLUMNS)}
        FROM cow c FULL JOIN dots d USING (ccode1, ccode2, year)
    )
    SELECT CAST(ccode1 AS INTEGER) AS ccode1, CAST(ccode2 AS INTEGER) AS ccode2, CAST(year AS INTEGER) AS year,
        CASE WHEN from_cow THEN 'cow' WHEN dots1 IS NOT NULL OR dots2 IS NOT NULL THEN 'imf_dots' END AS trade_source,
        CASE WHEN from_cow THEN cow1 ELSE dots1 END AS imports1_musd,
        CASE WHEN from_cow THEN cow2 ELSE dots2 END AS imports2_musd,
        {", ".join(MIRROR_COLUMNS)}
    FROM joined
"""

TRADE_STATE_YEAR_SQL = f"""
    CREATE TABLE out_trade_state_year AS
    SELECT CAST(ccode AS INTEGER) AS ccode, CAST(year AS INTEGER) AS year, 'cow' AS trade_source, imports_musd, exports_musd
    FROM core_cow_trade_state__state_year
    WHERE year <= {COW_LAST_YEAR} AND imports_musd IS NOT NULL AND exports_musd IS NOT NULL
    UNION ALL
    SELECT CAST(ccode AS INTEGER), CAST(year AS INTEGER), 'imf_dots', imports_musd, exports_musd
    FROM core_imf_dots__world
    WHERE NOT imports_estimated AND NOT exports_estimated AND imports_musd IS NOT NULL AND exports_musd IS NOT NULL
"""

#: Documentation of every column of the two tables (checked against the built tables in tests/test_trade_splice.py).
COLUMNS = {
    "out_trade_dyad_year": {
        "ccode1": "COW code of the first state (the lower code)",
        "ccode2": "COW code of the second state",
        "year": "calendar year",
        "trade_source": "where imports1/imports2 come from: 'cow' (COW dyadic trade, to 2014) or 'imf_dots' (IMF DOTS)",
        "imports1_musd": "ccode1's imports from ccode2, current USD millions (NULL: not reported)",
        "imports2_musd": "ccode2's imports from ccode1, current USD millions (NULL: not reported)",
        **MIRROR_COLUMNS,
    },
    "out_trade_state_year": {
        "ccode": "COW code of the state",
        "year": "calendar year",
        "trade_source": "'cow' (COW national totals, to 2014) or 'imf_dots' (the state's own DOTS report of its trade with the World)",
        "imports_musd": "total imports, current USD millions",
        "exports_musd": "total exports, current USD millions",
    },
}


def build_trade(con) -> None:
    """Create ``out_trade_dyad_year`` and ``out_trade_state_year`` on ``con``;
    each key must be unique."""
    from bilateral.errors import SourceSchemaError

    con.execute(TRADE_DYAD_YEAR_SQL)
    con.execute(TRADE_STATE_YEAR_SQL)
    for table, key in (("out_trade_dyad_year", "ccode1, ccode2, year"), ("out_trade_state_year", "ccode, year, trade_source")):
        dup = con.execute(f"SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
        if dup:
            raise SourceSchemaError(f"{table}: {dup} repeated ({key}) keys; the COW or DOTS input has duplicate rows.")
