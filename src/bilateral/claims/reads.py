"""What the verifier reads from the warehouse: one function per question,
each one SQL statement with bound parameters.

Trade comes from COW (``out_dyad_year``, to 2014, or later where a newer
trade source has filled it) and from the ledger's reported figures; votes
from the merged roll-call table ``out_un_votes`` when the warehouse has it,
else the unvotes roll calls, plus the ledger's key votes for resolutions the
roll-call table lacks; events from the ledger; Chinese leaders' trips from
China Vitae. A table missing from an older warehouse reads as no rows.
"""

from __future__ import annotations

from bilateral.measures.catalog import measure

#: The measure names of the ledger's trade figures, by claim metric, and
#: whether the claim's first state is the ledger row's partner_a.
LEDGER_MEASURES = {"total_trade": "total_trade", "exports": "exports_a_to_b", "imports": "imports_a_from_b"}


def tables(con) -> frozenset[str]:
    """The tables of the open warehouse (asked each time: a cache keyed on the
    connection would keep closed warehouses' files open)."""
    return frozenset(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())


def _columns(con, table: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = $t", {"t": table}).fetchall()}


def source_titles(con) -> dict[str, str]:
    """Source id → 'Title (version)', for evidence labels."""
    if "_sources" not in tables(con):
        return {}
    return {n: f"{t} ({v})" for n, t, v in con.execute("SELECT name, title, version FROM _sources").fetchall()}


def cow_trade(con, a: int, b: int, metric: str) -> dict[int, float]:
    """year → COW trade in million USD: the total, or A's exports to B (B's
    imports from A), or A's imports from B; years without data are absent."""
    column = {"total_trade": "trade_total_musd", "imports": "trade_a_imports_musd", "exports": "trade_b_imports_musd"}[metric]
    rows = con.execute(
        f"""SELECT year, value FROM (SELECT year, {measure(column).oriented_sql("value")} FROM out_dyad_year
            WHERE ccode1 = least($a, $b) AND ccode2 = greatest($a, $b)) WHERE value IS NOT NULL ORDER BY year""",
        {"a": a, "b": b},
    ).fetchall()
    return {int(y): float(v) for y, v in rows}


def trade_sources(con, a: int, b: int) -> dict[int, str]:
    """year → the source of the pair's trade figures that year: ``cow_trade``
    (to 2014) or ``imf_dots`` (the spliced series' ``trade_source``)."""
    if "trade_source" not in _columns(con, "out_dyad_year"):
        return {}
    rows = con.execute(
        "SELECT year, trade_source FROM out_dyad_year WHERE ccode1 = least($a, $b) AND ccode2 = greatest($a, $b) AND trade_source IS NOT NULL",
        {"a": a, "b": b},
    ).fetchall()
    return {int(y): ("imf_dots" if s == "imf_dots" else "cow_trade") for y, s in rows}


def ledger_trade(con, a: int, b: int, metric: str) -> list[dict]:
    """The ledger's reported figures for the pair, oriented so that exports
    and imports are A's; every period (full year or part), every reporter."""
    if "core_ledger__trade_reported" not in tables(con):
        return []
    flip = {"exports_a_to_b": "imports_a_from_b", "imports_a_from_b": "exports_a_to_b", "total_trade": "total_trade"}
    measure = LEDGER_MEASURES[metric]
    frame = con.execute(
        """SELECT year, reporter, partner_a_iso3, partner_b_iso3, measure, value_musd, period, source_url, source_publisher, note
           FROM core_ledger__trade_reported
           WHERE (partner_a_ccode = $a AND partner_b_ccode = $b AND measure = $m)
              OR (partner_a_ccode = $b AND partner_b_ccode = $a AND measure = $f)
           ORDER BY year, row_id""",
        {"a": a, "b": b, "m": measure, "f": flip[measure]},
    ).df()
    return frame.to_dict("records")


def trade_rank(con, owner: int, partner: int, year: int) -> dict | None:
    """The partner's rank among the owner's trade partners in ``year``
    (overall and within the partner's UN region), from the spliced trade
    series (COW to 2014, IMF DOTS after)."""
    row = con.execute(
        f"""SELECT year, {measure("trade_rank_of_b_for_a").oriented_sql("rank", a="$o")},
              {measure("trade_region_rank_of_b_for_a").oriented_sql("region_rank", a="$o")},
              (SELECT any_value(un_region) FROM core_codes__codelist WHERE ccode = $p)
           FROM out_dyad_year WHERE ccode1 = least($o, $p) AND ccode2 = greatest($o, $p) AND year = $y""",
        {"o": owner, "p": partner, "y": year},
    ).fetchone()
    if not row or row[1] is None:
        return None
    return {"year": row[0], "rank": int(row[1]), "region_rank": None if row[2] is None else int(row[2]), "region": row[3]}


def latest_rank_year(con, owner: int, partner: int, before: int) -> int | None:
    """The latest year ≤ ``before`` with a trade rank for the pair."""
    row = con.execute(
        """SELECT max(year) FROM out_dyad_year WHERE ccode1 = least($o, $p) AND ccode2 = greatest($o, $p)
           AND trade_rank_of_1_for_2 IS NOT NULL AND year <= $y""",
        {"o": owner, "p": partner, "y": before},
    ).fetchone()
    return row[0] if row else None


def events(con, a: int, b: int) -> list[dict]:
    """The ledger's events between A and B, either way round, oldest first."""
    if "core_ledger__events" not in tables(con):
        return []
    return con.execute(
        """SELECT date, date_start, date_precision, year, actor1_iso3, actor2_iso3, event_type, title, location, detail, is_alt,
                  source_url, source_publisher
           FROM core_ledger__events
           WHERE (actor1_ccode = $a AND actor2_ccode = $b) OR (actor1_ccode = $b AND actor2_ccode = $a)
           ORDER BY date_start, date""",
        {"a": a, "b": b},
    ).df().to_dict("records")


def engagements(con, other: int, year: int, abroad: bool = True) -> list[dict]:
    """China Vitae: Chinese leaders' recorded engagements concerning ``other`` in ``year``."""
    if "core_chinavitae__engagements" not in tables(con):
        return []
    return con.execute(
        "SELECT date, leader, place, abroad, text FROM core_chinavitae__engagements WHERE ccode = $c AND year = $y AND abroad = $ab ORDER BY date",
        {"c": other, "y": year, "ab": abroad},
    ).df().to_dict("records")


def engagement_years(con) -> tuple[int, int] | None:
    if "core_chinavitae__engagements" not in tables(con):
        return None
    return con.execute("SELECT min(year), max(year) FROM core_chinavitae__engagements").fetchone()


ROLL_CALL_SQL = """
SELECT v.rcid AS vote_id, v.date, v.year, r.unres AS resolution, coalesce(r.short, r.descr) AS title,
       concat_ws(' ', r.short, r.descr) AS topic_text, v.ccode, v.vote, 'unvotes' AS source
FROM core_unvotes__votes v JOIN core_unvotes__roll_calls r USING (rcid)
WHERE v.ccode IN (SELECT unnest($ccodes)) AND v.date <= $until AND v.year >= $since
"""


def _roll_call_sql(con) -> str:
    """The vote query: ``out_un_votes`` (the merged table to 2026) when the
    warehouse has it, else the unvotes roll calls. Its columns are read, not
    assumed: the title may sit in ``out_un_roll_calls`` instead."""
    if "out_un_votes" not in tables(con):
        return ROLL_CALL_SQL
    cols = _columns(con, "out_un_votes")
    pick = lambda *names: next((n for n in names if n in cols), None)  # noqa: E731
    vote_id = pick("rcid", "vote_id", "roll_call_id", "resolution", "symbol")
    resolution = pick("resolution", "unres", "symbol", "resolution_symbol")
    title = pick("title", "short", "descr", "short_title", "description")
    join = ""
    if title:
        title = f"v.{title}"
    elif "out_un_roll_calls" in tables(con) and {"rcid", "title"} <= _columns(con, "out_un_roll_calls") and vote_id == "rcid":
        title, join = "r.title", "LEFT JOIN out_un_roll_calls r USING (rcid)"
    source = f"v.{pick('source')}" if pick("source") else "'out_un_votes'"
    year = "v.year" if "year" in cols else "CAST(year(v.date) AS BIGINT)"
    return f"""
SELECT v.{vote_id} AS vote_id, v.date, {year} AS year, {f'v.{resolution}' if resolution else 'NULL'} AS resolution,
       {title or 'NULL'} AS title, {title or 'NULL'} AS topic_text, v.ccode, v.vote, {source} AS source
FROM out_un_votes v {join} WHERE v.ccode IN (SELECT unnest($ccodes)) AND v.date <= $until AND {year} >= $since
"""


def votes(con, ccodes: list[int], since: int, until) -> list[dict]:
    """Every recorded vote of the given states from ``since`` to ``until``
    (a date), from the roll-call table, plus the ledger's key votes on
    resolutions the table does not hold."""
    params = {"ccodes": ccodes, "since": since, "until": until}
    rows = con.execute(_roll_call_sql(con), params).df().to_dict("records")
    held = {r["resolution"] for r in rows if r["resolution"]}
    if "core_ledger__key_votes" in tables(con):
        ledger = con.execute(
            """SELECT resolution AS vote_id, date, year, resolution, short_title AS title, short_title AS topic_text, ccode, vote, 'ledger' AS source
               FROM core_ledger__key_votes WHERE ccode IN (SELECT unnest($ccodes)) AND date <= $until AND year >= $since""",
            params,
        ).df().to_dict("records")
        titles = {r["resolution"]: r["title"] for r in ledger}
        for r in rows:  # the ledger's title helps find a roll call by topic when the table's is missing or terse
            if r["resolution"] in titles:
                r["topic_text"] = f"{r['topic_text'] or ''} {titles[r['resolution']]}"
        # a key vote the table holds under another symbol (a draft 'A/78/L.90' adopted as 'A/RES/78/316') falls on a date it has
        dates = {str(r["date"])[:10] for r in rows}
        rows += [r for r in ledger if r["resolution"] not in held and str(r["date"])[:10] not in dates]
    return rows


def ties_established(con, a: int, b: int) -> list[dict]:
    """The ledger's dates for the start of diplomatic relations between A and B."""
    return [e for e in events(con, a, b) if e["event_type"] == "diplomatic_ties_established"]
