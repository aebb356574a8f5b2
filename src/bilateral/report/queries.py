"""Everything the brief reads from the warehouse, for one dyad, as DataFrames.

One function per question, each a single SQL statement over the ``out_`` or
``core_`` layer. Frames are oriented to the dyad as the user gave it: ``_a``
columns belong to the first state, ``_b`` columns to the second, whatever
the order of their COW codes. A table missing from the warehouse is an
error that names it and says to rebuild: an empty frame would read as "no
data" and hide a broken build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from bilateral.constants import CHINA
from bilateral.errors import BilateralError
from bilateral.measures.catalog import measure, side_sql
from bilateral.measures.index_ranks import pair_ranks_sql
from bilateral.report.model import SourceRef

#: The source id of values bilateral derives itself (the composite index), as in the measures catalog.
DERIVED = "bilateral"
#: The source id of the reference blocs' memberships, as bilateral.explain cites them.
BLOCS = "bilateral_blocs"

#: The dyad-year columns a brief reads, directional ones oriented to A and B
#: by the measures catalog (the one place that says which column is whose).
_ORIENTED = {
    "imports_a_musd": "trade_a_imports_musd", "imports_b_musd": "trade_b_imports_musd",
    "dots_imports_a_from_b_by_a_musd": None, "dots_exports_b_to_a_by_b_musd": None,
    "dots_imports_b_from_a_by_b_musd": None, "dots_exports_a_to_b_by_a_musd": None,
    "idealpoint_a": "a_ideal_point", "idealpoint_b": "b_ideal_point",
    "idealpoint_a_q5": "a_ideal_point_q5", "idealpoint_a_q95": "a_ideal_point_q95",
    "idealpoint_b_q5": "b_ideal_point_q5", "idealpoint_b_q95": "b_ideal_point_q95",
    "arms_tiv_delivered_a_to_b": None, "arms_tiv_delivered_b_to_a": None,
    "trade_dependence_a": None, "trade_dependence_b": None,
    "trade_rank_of_b_for_a": None, "trade_rank_of_a_for_b": None,
    "trade_region_rank_of_b_for_a": None, "trade_region_rank_of_a_for_b": None,
}  # alias → catalog measure (None: the catalog's name is the alias)
_SIDES = ",\n    ".join(measure(name or alias).oriented_sql(alias) for alias, name in _ORIENTED.items())

DYAD_YEAR_SQL = f"""
SELECT year, trade_total_musd, trade_source, igo_shared,
    atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul, atop_any, atop_carried_forward,
    ideal_point_distance, ideal_point_measure, ideal_point_gap_clear, arms_tiv_delivered_total,
    un_votes_common, un_agree_share, un_s_score, un_kappa, un_pi,
    COLUMNS('^un_(votes_common|agree_share)_[a-z]{{2}}$'),
    {_SIDES}
FROM out_dyad_year
WHERE ccode1 = least($a, $b) AND ccode2 = greatest($a, $b)
ORDER BY year
"""

# Agreement: identical votes among roll calls both states voted in, from the
# merged roll-call table (unvotes to January 2020, then unxml); the sources
# record no absences, so an absent state simply has no row. ``source`` names
# the source of the year's roll calls ('unvotes', 'unxml', or both joined by '+').
UN_VOTES_SQL = """
SELECT va.year, count(*) AS common_votes,
       count(*) FILTER (WHERE va.vote = vb.vote) AS identical_votes,
       100.0 * count(*) FILTER (WHERE va.vote = vb.vote) / count(*) AS agree_pct,
       string_agg(DISTINCT va.source, '+' ORDER BY va.source) AS source
FROM (SELECT rcid, year, vote, source FROM out_un_votes WHERE ccode = $a) va
JOIN (SELECT rcid, vote FROM out_un_votes WHERE ccode = $b) vb USING (rcid)
GROUP BY va.year ORDER BY va.year
"""

# The dyad's index rows, oriented, with what the sentences need to place
# them: the share of all other dyads that year with a lower composite, how
# many partners each side had ranked with the pair (same inputs: see
# bilateral.measures.index_ranks) and both ranks on every index.
INDEX_SQL = f"""
WITH d AS (
    SELECT year, composite_index, composite_dimensions, composite_inputs, ties_index, ties_dimensions, ties_inputs,
        alignment_index, alignment_indicators, alignment_inputs, dependence_indicators, dependence_inputs,
        {side_sql("dependence1", "dependence2", "dependence_a")}, {side_sql("dependence2", "dependence1", "dependence_b")},
        COLUMNS('^score_[a-z]+$'), COLUMNS('^[a-z]+_indicators$'),
        ccode1 = $a AS a_is_ccode1
    FROM out_index WHERE ccode1 = least($a, $b) AND ccode2 = greatest($a, $b)
), ranks AS (
    SELECT year,
        max(rank) FILTER (WHERE index_name = 'composite' AND state = $a) AS composite_rank_for_a,
        max(partners) FILTER (WHERE index_name = 'composite' AND state = $a) AS partners_a,
        max(rank) FILTER (WHERE index_name = 'composite' AND state = $b) AS composite_rank_for_b,
        max(partners) FILTER (WHERE index_name = 'composite' AND state = $b) AS partners_b,
        max(rank) FILTER (WHERE index_name = 'ties' AND state = $a) AS ties_rank_for_a,
        max(partners) FILTER (WHERE index_name = 'ties' AND state = $a) AS ties_partners_a,
        max(rank) FILTER (WHERE index_name = 'ties' AND state = $b) AS ties_rank_for_b,
        max(partners) FILTER (WHERE index_name = 'ties' AND state = $b) AS ties_partners_b,
        max(rank) FILTER (WHERE index_name = 'alignment' AND state = $a) AS alignment_rank_for_a,
        max(rank) FILTER (WHERE index_name = 'alignment' AND state = $b) AS alignment_rank_for_b,
        max(rank) FILTER (WHERE index_name = 'dependence' AND state = $a) AS dependence_rank_for_a,
        max(rank) FILTER (WHERE index_name = 'dependence' AND state = $b) AS dependence_rank_for_b
    FROM ({pair_ranks_sql()})
    GROUP BY year
), per_year AS (
    SELECT o.year, count(o.composite_index) AS composite_dyads,
        count(*) FILTER (WHERE o.composite_index < d.composite_index) AS composite_below
    FROM out_index o JOIN d ON o.year = d.year AND d.composite_index IS NOT NULL
    GROUP BY o.year
)
SELECT d.*, r.* EXCLUDE (year), p.composite_dyads,
    100.0 * p.composite_below / nullif(p.composite_dyads - 1, 0) AS composite_pct_of_dyads
FROM d LEFT JOIN ranks r USING (year) LEFT JOIN per_year p USING (year)
ORDER BY year
"""

ENGAGEMENTS_SQL = """
SELECT year, CAST(abroad AS BOOLEAN) AS abroad, leader, count(*) AS engagements
FROM core_chinavitae__engagements WHERE ccode = $other
GROUP BY ALL ORDER BY year
"""

EVENTS_SQL = """
SELECT * FROM core_ledger__events
WHERE (actor1_ccode = $a AND actor2_ccode = $b) OR (actor1_ccode = $b AND actor2_ccode = $a)
ORDER BY date_start, date
"""

TRADE_REPORTED_SQL = """
SELECT * FROM core_ledger__trade_reported
WHERE (partner_a_ccode = $a AND partner_b_ccode = $b) OR (partner_a_ccode = $b AND partner_b_ccode = $a)
ORDER BY year, measure, reporter
"""

KEY_VOTES_SQL = """
SELECT coalesce(ka.date, kb.date) AS date, coalesce(ka.year, kb.year) AS year,
       resolution, coalesce(ka.short_title, kb.short_title) AS short_title,
       ka.vote AS vote_a, kb.vote AS vote_b, ka.source_url AS url_a, kb.source_url AS url_b
FROM (SELECT * FROM core_ledger__key_votes WHERE ccode = $a) ka
FULL JOIN (SELECT * FROM core_ledger__key_votes WHERE ccode = $b) kb USING (resolution)
ORDER BY date, resolution
"""


ARMS_SQL = """
SELECT order_year AS year, supplier_ccode = $a AS from_a, supplier, recipient, weapon_designation, weapon_description,
       number_ordered, number_delivered, delivery_years, status, tiv_delivered
FROM core_sipri__register
WHERE (supplier_ccode = $a AND recipient_ccode = $b) OR (supplier_ccode = $b AND recipient_ccode = $a)
ORDER BY order_year, deal_id
"""

INVESTMENTS_SQL = """
SELECT year, month, chinese_entity, usd_musd, sector, subsector, bri
FROM core_china_finance__investments WHERE ccode = $other
ORDER BY year, month, deal_id
"""

RIVALRY_SQL = """
SELECT rivalry_id, name, start_year, end_year, type1, type2, type3
FROM core_rivalries__rivalry
WHERE ccode1 = least($a, $b) AND ccode2 = greatest($a, $b)
ORDER BY start_year
"""

# OpenAlex co-authorship (1990–2023), oriented: share_a is the share of A's
# co-authorship links that are with B. Only years the source covers.
SCIENCE_SQL = f"""
SELECT year, coauthored_works, {measure("coauthor_share_a").oriented_sql()}, {measure("coauthor_share_b").oriented_sql()},
    coauthor_salton
FROM out_dyad_year
WHERE ccode1 = least($a, $b) AND ccode2 = greatest($a, $b) AND coauthored_works IS NOT NULL
ORDER BY year
"""


@dataclass
class DyadData:
    """The frames one brief is written from (all years; see :meth:`restrict`)."""

    dyad_years: pd.DataFrame
    un_votes: pd.DataFrame
    un_last_date: str | None
    engagements: pd.DataFrame | None  # None: neither side is China
    events: pd.DataFrame
    trade_reported: pd.DataFrame
    key_votes: pd.DataFrame
    entry_years: tuple[int | None, int | None]
    sources: dict[str, SourceRef]
    arms: pd.DataFrame | None = None  # SIPRI deals, either direction
    investments: pd.DataFrame | None = None  # None: neither side is China
    arms_last_order: int | None = None  # latest order year in the whole SIPRI register
    index: pd.DataFrame | None = None  # out_index rows of the dyad, oriented (see INDEX_SQL)
    regions: tuple[str | None, str | None] = (None, None)  # each side's UN region (for regional trade ranks)
    partners: dict | None = None  # {"year", "a", "b"}: each side's closest partners (see with_partners)
    rivalries: pd.DataFrame | None = None  # Thompson & Dreyer rivalry spells of the pair, all years (not cut by restrict)
    science: pd.DataFrame | None = None  # OpenAlex co-authorship by year (SCIENCE_SQL); None: warehouse without it

    def restrict(self, first: int, last: int) -> "DyadData":
        """The same data, cut to the years first–last."""
        def cut(frame):
            if frame is None or frame.empty or "year" not in frame:
                return frame
            return frame[(frame["year"] >= first) & (frame["year"] <= last)].reset_index(drop=True)

        return replace(
            self,
            dyad_years=cut(self.dyad_years),
            un_votes=cut(self.un_votes),
            engagements=cut(self.engagements),
            events=cut(self.events),
            trade_reported=cut(self.trade_reported),
            key_votes=cut(self.key_votes),
            arms=cut(self.arms),
            investments=cut(self.investments),
            index=cut(self.index),
            science=cut(self.science),
        )


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.sql("SELECT table_name FROM information_schema.tables").fetchall()}


def _frame(con, present: set[str], table: str, sql: str, params: dict) -> pd.DataFrame:
    _require(present, table)
    return con.execute(sql, params).df()


def _require(present: set[str], table: str) -> None:
    if table not in present:
        from bilateral.errors import WarehouseError

        raise WarehouseError(f"the warehouse has no table {table}; rebuild it with `bilateral data build --force`.")


def load(con: duckdb.DuckDBPyConnection, a: int, b: int) -> DyadData:
    """Read every frame the brief needs for states ``a`` and ``b`` (COW codes)."""
    present = tables(con)
    ab = {"a": a, "b": b}
    china_side = b if a == CHINA else a if b == CHINA else None
    engagements = investments = None
    if china_side is not None:
        other = {"other": int(china_side)}
        engagements = _frame(con, present, "core_chinavitae__engagements", ENGAGEMENTS_SQL, other)
        investments = _frame(con, present, "core_china_finance__investments", INVESTMENTS_SQL, other)
    return DyadData(
        dyad_years=_frame(con, present, "out_dyad_year", DYAD_YEAR_SQL, ab),
        un_votes=_frame(con, present, "out_un_votes", UN_VOTES_SQL, ab),
        un_last_date=_last_vote_date(con, present),
        engagements=engagements,
        events=_frame(con, present, "core_ledger__events", EVENTS_SQL, ab),
        trade_reported=_frame(con, present, "core_ledger__trade_reported", TRADE_REPORTED_SQL, ab),
        key_votes=_frame(con, present, "core_ledger__key_votes", KEY_VOTES_SQL, ab),
        entry_years=_entry_years(con, present, a, b),
        sources=load_sources(con),
        arms=_frame(con, present, "core_sipri__register", ARMS_SQL, ab),
        investments=investments,
        arms_last_order=_scalar(con, present, "core_sipri__register", "SELECT max(order_year) FROM core_sipri__register"),
        index=_frame(con, present, "out_index", INDEX_SQL, ab),
        regions=_regions(con, present, a, b),
        rivalries=_frame(con, present, "core_rivalries__rivalry", RIVALRY_SQL, ab),
        science=con.execute(SCIENCE_SQL, ab).df() if _has_column(con, "out_dyad_year", "coauthored_works") else None,
    )


def _has_column(con, table: str, column: str) -> bool:
    """Whether ``table`` exists with ``column`` (a warehouse built before a source was added lacks it)."""
    sql = "SELECT count(*) FROM information_schema.columns WHERE table_name = $t AND column_name = $c"
    return con.execute(sql, {"t": table, "c": column}).fetchone()[0] > 0


def with_partners(con, data: DyadData, a: int, b: int, top: int = 5) -> DyadData:
    """``data`` with each side's ``top`` closest partners on the composite, in
    the latest year of ``data.index`` in which the dyad has a composite
    (read through :func:`bilateral.measures.api.partners`, the same ranking
    as ``bilateral partners``). Partners are named as they were that year."""
    index = data.index
    scored = index.dropna(subset=["composite_index"]) if index is not None and not index.empty else None
    if scored is None or scored.empty:
        return data
    from bilateral.countries import get_resolver
    from bilateral.measures.api import partners

    year = int(scored["year"].max())
    resolver = get_resolver(con=con)
    ranked = {}
    for side, ccode in (("a", a), ("b", b)):
        frame = partners(con, ccode, "composite", year=year, top=top)
        frame["partner_name"] = [_name_in(resolver, int(c), year, fallback) for c, fallback in zip(frame["partner_ccode"], frame["partner_name"])]
        ranked[side] = frame
    return replace(data, partners={"year": year, **ranked})


def _name_in(resolver, ccode: int, year: int, fallback) -> str:
    """The state's name in ``year`` ("Soviet Union" in 1990), else the warehouse's name for it."""
    try:
        return resolver.state(ccode, year).name
    except BilateralError:
        return str(fallback) if isinstance(fallback, str) else str(ccode)


def _scalar(con, present: set[str], table: str, sql: str):
    _require(present, table)
    return con.sql(sql).fetchone()[0]


def _regions(con, present: set[str], a: int, b: int) -> tuple[str | None, str | None]:
    """Each state's UN region, as the economic measures' regional partner ranks use it."""
    if "core_codes__codelist" not in present:
        return (None, None)
    rows = dict(con.execute("SELECT ccode, any_value(un_region) FROM core_codes__codelist WHERE ccode IN ($a, $b) GROUP BY ccode",
                            {"a": a, "b": b}).fetchall())
    return (rows.get(a), rows.get(b))


def _last_vote_date(con, present: set[str]) -> str | None:
    value = _scalar(con, present, "out_un_roll_calls", "SELECT max(date) FROM out_un_roll_calls")
    return None if value is None else str(value)[:10]


def _entry_years(con, present: set[str], a: int, b: int) -> tuple[int | None, int | None]:
    """The year each state first entered the COW state system."""
    if "core_states__cow_states" not in present:
        return (None, None)
    rows = dict(con.execute("SELECT ccode, min(styear) FROM core_states__cow_states WHERE ccode IN ($a, $b) GROUP BY ccode", {"a": a, "b": b}).fetchall())
    return (rows.get(a), rows.get(b))


def load_sources(con) -> dict[str, SourceRef]:
    """Every source's citation, version and coverage, keyed by its id."""
    rows = con.sql(
        "SELECT name, title, citation, version, coverage_start, coverage_end, gaps, homepage FROM _sources ORDER BY name"
    ).fetchall()
    sources = {
        r[0]: SourceRef(id=r[0], title=r[1] or r[0], citation=r[2] or "", version=str(r[3] or ""),
                        coverage=(int(r[4]), int(r[5])), gaps=r[6] or "", homepage=r[7] or "")
        for r in rows
    }
    if DERIVED not in sources and "out_index" in tables(con):
        sources[DERIVED] = derived_source(con, sources)
    if BLOCS not in sources:
        sources[BLOCS] = blocs_source()
    return sources


def blocs_source() -> SourceRef:
    """The reference blocs' memberships (``data/blocs.tsv``, hand-written with the
    official page each date was checked against), as a citable source."""
    from bilateral import __version__
    from bilateral.explain.blocs import BLOC_NAMES, load_blocs

    spells = load_blocs()
    pages = sorted(set(spells["source_url"].dropna()))
    checked = sorted(set(spells["checked"].dropna()))
    last = int(checked[-1][:4]) if checked else max(d.year for d in spells["joined"])
    citation = ("@misc{bilateral_blocs,\n  title = {Reference bloc memberships: " + ", ".join(BLOC_NAMES.values()) + "},\n"
                f"  note = {{bilateral {__version__}, data/blocs.tsv: one row per membership spell with the date it took effect and ended; "
                f"checked against {'; '.join(pages)}}}\n}}")
    return SourceRef(id=BLOCS, title="Reference bloc memberships (the United States, EU and NATO members by date)", citation=citation,
                     version=f"bilateral {__version__}", coverage=(min(d.year for d in spells["joined"]), last),
                     gaps="A state counts as a member in a year when it was a member on 1 July of that year; EU rows before "
                          "November 1993 are the European Communities.")


def derived_source(con, sources: dict[str, SourceRef]) -> SourceRef:
    """The composite index as a citable source: bilateral's own derivation
    from the other sources, covering the years in which any dyad has a
    composite; its known gaps name where each input source ends."""
    from bilateral import __version__
    from bilateral.measures.catalog import index_measures

    # by end year, then name: a set's order changes with the hash seed, and the brief must not change with it
    inputs = sorted({m.source for m in index_measures()} & set(sources), key=lambda name: (sources[name].coverage[1], name))
    short = {name: re.split(r"[,(]", sources[name].title)[0].strip() for name in inputs}  # "Correlates of War Project Trade Data Set"
    ends = ", ".join(dict.fromkeys(f"{short[name]} to {sources[name].coverage[1]}" for name in inputs))

    first, last = con.sql("SELECT min(year), max(year) FROM out_index WHERE composite_index IS NOT NULL").fetchone()
    citation = ("@software{bilateral,\n  title = {bilateral: measuring relations between states from open data},\n"
                f"  version = {{{__version__}}},\n  note = {{Indices (out\\_index): ties, dependence, alignment and composite, with coverage rules and same-input ranks, "
                "dimension scores, composite and partner ranks; trends, turning points, co-movements and the determinants model "
                "(out\\_determinants) of bilateral.explain; method in docs/method.md}\n}")
    return SourceRef(
        id=DERIVED, title="bilateral composite index and explanations (derived)", citation=citation, version=__version__,
        coverage=(int(first), int(last)) if first is not None else (0, 0),
        gaps="Derived from the sources cited here. An indicator enters a year's indices only if it is informative that year "
             "(out_index_inputs); an index on too few inputs is NULL, never 0, and ranks compare only pairs with the same inputs, "
             f"so coverage changes by year as the inputs end ({ends}).")
