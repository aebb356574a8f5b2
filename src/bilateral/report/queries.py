"""Everything the brief reads from the warehouse, for one dyad, as DataFrames.

One function per question, each a single SQL statement over the ``out_`` or
``core_`` layer. Frames are oriented to the dyad as the user gave it: ``_a``
columns belong to the first state, ``_b`` columns to the second, whatever
the order of their COW codes. A table missing from an older warehouse gives
an empty frame, so the brief says "no data" rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from bilateral.report.model import SourceRef

CHINA = 710

DYAD_YEAR_SQL = """
SELECT year,
    CASE WHEN ccode1 = $a THEN imports1_musd ELSE imports2_musd END AS imports_a_musd,
    CASE WHEN ccode1 = $a THEN imports2_musd ELSE imports1_musd END AS imports_b_musd,
    trade_total_musd, igo_shared,
    atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul, atop_any,
    CASE WHEN ccode1 = $a THEN idealpoint1 ELSE idealpoint2 END AS idealpoint_a,
    CASE WHEN ccode1 = $a THEN idealpoint2 ELSE idealpoint1 END AS idealpoint_b,
    ideal_point_distance
FROM out_dyad_year
WHERE ccode1 = least($a, $b) AND ccode2 = greatest($a, $b)
ORDER BY year
"""

# Agreement: identical votes among roll calls both states voted in; the
# source records no absences, so an absent state simply has no row.
UN_VOTES_SQL = """
SELECT va.year, count(*) AS common_votes,
       count(*) FILTER (WHERE va.vote = vb.vote) AS identical_votes,
       100.0 * count(*) FILTER (WHERE va.vote = vb.vote) / count(*) AS agree_pct
FROM (SELECT rcid, year, vote FROM core_unvotes__votes WHERE ccode = $a) va
JOIN (SELECT rcid, vote FROM core_unvotes__votes WHERE ccode = $b) vb USING (rcid)
GROUP BY va.year ORDER BY va.year
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
        )


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.sql("SELECT table_name FROM information_schema.tables").fetchall()}


def _frame(con, present: set[str], table: str, sql: str, params: dict) -> pd.DataFrame:
    if table not in present:
        return pd.DataFrame({"year": pd.Series(dtype="int64")})
    return con.execute(sql, params).df()


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
        un_votes=_frame(con, present, "core_unvotes__votes", UN_VOTES_SQL, ab),
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
    )


def _scalar(con, present: set[str], table: str, sql: str):
    return con.sql(sql).fetchone()[0] if table in present else None


def _last_vote_date(con, present: set[str]) -> str | None:
    value = _scalar(con, present, "core_unvotes__roll_calls", "SELECT max(date) FROM core_unvotes__roll_calls")
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
    return {
        r[0]: SourceRef(id=r[0], title=r[1] or r[0], citation=r[2] or "", version=str(r[3] or ""),
                        coverage=(int(r[4]), int(r[5])), gaps=r[6] or "", homepage=r[7] or "")
        for r in rows
    }
