"""The ``out_`` layer of the warehouse: what users query.

- ``out_states``: one row per COW state with its identity in other schemes.
- ``out_state_names``: the name each state carried in its years in the state
  system, in spells (``ccode``, ``from_year``, ``to_year``, ``name``):
  Yugoslavia for 345 in 1919–1991. ``out_dyad_year`` names both sides from it.
- ``out_un_roll_calls``, ``out_un_votes``: UN roll calls and state votes from
  unvotes and unxml merged (see :mod:`bilateral.measures.un_rollcalls`);
  ``out_un_issues`` (validated and derived issue codes) and
  ``out_un_issues_dropped`` (unvotes codes that failed the title check).
- ``out_alignment``: UN alignment for every dyad-year with common votes.
- ``out_trade_dyad_year``, ``out_trade_state_year``: one trade series spliced
  from COW and IMF DOTS, with both DOTS reporters' figures (see measures.trade).
- ``out_dyad_year``: the dyad-year universe with every measure joined; its
  row count must equal the universe's.
- ``out_index_inputs``: per year and indicator, whether it is informative
  (the coverage rules of :mod:`bilateral.measures.index_inputs`).
- ``out_index``: indicator scores, the ties, dependence, alignment and
  composite indices with their coverage, and ranks among same-input pairs.
- ``out_determinants``, ``out_determinants_means``: the determinants model
  across all dyads (:mod:`bilateral.measures.determinants`), fitted once here
  so that ``explain`` only reads it.
"""

from __future__ import annotations

import pandas as pd

from bilateral import dyads
from bilateral.errors import SourceSchemaError
from bilateral.measures import alignment, determinants, economic, index, index_inputs, index_ranks, military, political, science
from bilateral.measures.un_rollcalls import build_un_votes
from bilateral.sources.states import LIST_END as COW_LIST_END
from bilateral.sources.unissues import build_un_issues
from bilateral.measures.trade import build_trade


def build_out(con) -> None:
    """Create every out_ table from the core tables on ``con``."""
    _states(con)
    _alignment(con)
    build_trade(con)  # the spliced COW + DOTS series the economic measures read
    for view in (*economic.VIEWS, *military.VIEWS, *political.VIEWS, *science.VIEWS):
        con.execute(view)
    _dyad_year(con)
    _index(con)
    determinants.build(con)  # the determinants model across all dyads, fitted once and stored; `explain` reads it


def _register_table(con, name: str, frame: pd.DataFrame) -> None:
    con.register("_frame", frame)
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM _frame")
    con.unregister("_frame")


def _states(con) -> None:
    from bilateral.countries import get_resolver

    resolver = get_resolver()
    ccodes = [row[0] for row in con.execute("SELECT DISTINCT ccode FROM core_states__cow_states ORDER BY ccode").fetchall()]
    _register_table(con, "out_states", pd.DataFrame([vars(resolver.state(int(c))) for c in ccodes]))
    # names over each membership spell, open spells running to the latest year any source covers (as the universe does)
    system = con.execute(f"""SELECT ccode, styear, CASE WHEN endyear >= {COW_LIST_END} THEN (SELECT max(coverage_end) FROM _sources)
                             ELSE endyear END FROM core_states__cow_states ORDER BY ccode, styear""").fetchall()
    spells = [(int(c), *spell) for c, first, last in system for spell in resolver.names_over(int(c), int(first), int(last))]
    _register_table(con, "out_state_names", pd.DataFrame(spells, columns=["ccode", "from_year", "to_year", "name"]))


def _name_sql(con, side: str) -> str:
    """``name1``/``name2``: the state's name in the row's year. out_states' name,
    except in the few spells of out_state_names where it differs: a CASE over
    those costs little, where a range join over every dyad-year would not."""
    rows = con.execute("""SELECT n.ccode, n.from_year, n.to_year, n.name FROM out_state_names n JOIN out_states s USING (ccode)
                          WHERE n.name <> s.name ORDER BY ALL""").fetchall()
    whens = " ".join(f"WHEN j.ccode{side} = {int(c)} AND j.year BETWEEN {int(f)} AND {int(t)} THEN '{n.replace(chr(39), chr(39) * 2)}'"
                     for c, f, t, n in rows)
    return f"CASE {whens} ELSE s{side}.name END" if whens else f"s{side}.name"


def _alignment(con) -> None:
    build_un_votes(con)
    build_un_issues(con)
    votes = con.sql("SELECT rcid, ccode, year, vote FROM out_un_votes").df()
    issues = con.sql("SELECT rcid, issue_code FROM out_un_issues").df()
    _register_table(con, "out_alignment", alignment.agreement(votes, issues))


def _dyad_year(con) -> None:
    sql = dyads.universe_sql(con)
    universe_rows = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    sql = dyads.joins_sql(f"({sql})", (*dyads.JOINS, alignment.ALIGNMENT, *economic.JOINS, *military.JOINS, *political.JOINS, *science.JOINS))
    # materialised once: the economic step reads it four times (dyads, ranks both ways, previous year)
    con.execute(f"CREATE TEMP TABLE dyad_year_joined AS {dyads.ideal_points_sql(f'({sql})')}")
    sql = economic.economic_sql("dyad_year_joined")
    con.execute(
        f"""CREATE TABLE out_dyad_year AS
        SELECT s1.iso3 AS iso3_1, s2.iso3 AS iso3_2, {_name_sql(con, "1")} AS name1, {_name_sql(con, "2")} AS name2, j.*
        FROM ({sql}) j
        LEFT JOIN out_states s1 ON s1.ccode = j.ccode1
        LEFT JOIN out_states s2 ON s2.ccode = j.ccode2
        """
    )
    _check_keys(con, "out_dyad_year", universe_rows)


def _index(con) -> None:
    """``out_index_inputs`` (which indicators are informative each year), then
    ``out_index``: indicator scores, the indices with their coverage, and ranks."""
    con.execute(f"CREATE TEMP TABLE index_values AS {index.values_sql('out_dyad_year')}")
    con.execute(f"CREATE TABLE out_index_inputs AS {index_inputs.inputs_sql('index_values')}")
    con.execute(f"CREATE TEMP TABLE index_years AS {index_inputs.year_stats_sql('out_index_inputs')}")
    con.execute(f"CREATE TABLE out_index AS {index.index_sql('index_values', 'index_years')}")
    con.execute(f"CREATE TABLE {index_ranks.FULL_TABLE} AS {index_ranks.full_inputs_sql()}")
    con.execute(index_ranks.VIEW)
    _check_keys(con, "out_index", con.execute("SELECT count(*) FROM out_dyad_year").fetchone()[0])


def _check_keys(con, table: str, expected_rows: int) -> None:
    """The table has exactly the universe's rows, one per dyad-year."""
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if rows != expected_rows:
        raise SourceSchemaError(f"{table}: {rows} rows after the joins, {expected_rows} in the universe; a join duplicated rows.")
    dup = con.execute(f"SELECT count(*) FROM (SELECT ccode1, ccode2, year FROM {table} GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
    if dup:
        raise SourceSchemaError(f"{table}: {dup} repeated (ccode1, ccode2, year) keys.")
