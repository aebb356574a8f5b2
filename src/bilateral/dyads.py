"""The dyad-year universe, and ``add_*`` verbs that join measures onto it.

Following peacesciencer: :func:`create_dyadyears` makes every pair of states
that were both in the COW state system in a year; each ``add_*`` verb is a
left join that checks the unit of analysis and leaves the row count
unchanged. A year outside a source's coverage stays NULL; inside coverage, a
source that lists only positive cases (alliances, say) fills the absent
dyads with 0, because there absence is a measured zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import pyarrow as pa

from bilateral.errors import UnitOfAnalysisError
from bilateral.sources.atop import SOURCE as ATOP_SOURCE
from bilateral.sources.states import FIRST_YEAR as STATES_FIRST_YEAR
from bilateral.sources.states import LIST_END as COW_LIST_END

DYAD_KEYS = ("ccode1", "ccode2", "year")


@dataclass(frozen=True)
class Join:
    """How a core table joins onto dyad-years.

    ``columns`` maps output column → SQL expression over the source alias
    ``s``. ``pairs`` lists (column for ccode1, column for ccode2) outputs that
    swap when a directed row has ccode1 > ccode2. ``zero_within`` gives the
    coverage years inside which a missing row means 0 (positive-case lists),
    for dyads meeting ``zero_when``; elsewhere a missing row stays NULL. Only
    a missing row is filled: a row that is present with a NULL value (an
    unknown amount) stays NULL.
    """

    table: str
    columns: dict[str, str]
    pairs: tuple[tuple[str, str], ...] = ()
    zero_within: tuple[int, int] | None = None
    zero_when: str = "TRUE"  # a further condition on the dyad row ``d`` for the 0 fill
    where: str = "TRUE"
    keys: tuple[str, ...] = DYAD_KEYS
    extra: dict[str, str] = field(default_factory=dict)  # derived from joined columns


def create_dyadyears(
    con: duckdb.DuckDBPyConnection,
    directed: bool = False,
    years: tuple[int, int] | None = None,
    last_year: int | None = None,
    arrow: bool = False,
) -> pd.DataFrame | pa.Table:
    """Every pair of COW system members, per year.

    The COW list ends in 2016 (its provenance's coverage) and states persist, so spells still open then
    run on to ``last_year`` (by default the latest year any source covers,
    as recorded in ``_sources``). ``directed`` gives both (a, b) and (b, a).
    ``arrow=True`` returns a pyarrow Table instead of a DataFrame; the
    ``add_*`` verbs accept either and return the same kind.
    """
    from bilateral import arguments

    arguments.connection(con)
    directed, arrow = arguments.flag(directed, "directed"), arguments.flag(arrow, "arrow")
    years, last_year = arguments.year_range(years), arguments.year(last_year, "last_year")
    relation = con.sql(universe_sql(con, directed, years, last_year))
    return relation.to_arrow_table() if arrow else relation.df()


def universe_sql(con, directed: bool = False, years: tuple[int, int] | None = None, last_year: int | None = None) -> str:
    """The SQL behind :func:`create_dyadyears`, for building tables in place."""
    if last_year is None:
        last_year = con.execute("SELECT max(coverage_end) FROM _sources").fetchone()[0]
    first, last = years if years else (STATES_FIRST_YEAR, last_year)
    comparison = "a.ccode <> b.ccode" if directed else "a.ccode < b.ccode"
    return f"""
        WITH spells AS (
            SELECT ccode, styear, CASE WHEN endyear >= {COW_LIST_END} THEN {int(last_year)} ELSE endyear END AS endyear
            FROM core_states__cow_states
        ),
        state_years AS (
            SELECT DISTINCT ccode, unnest(range(styear, endyear + 1)) AS year FROM spells
        )
        SELECT a.ccode AS ccode1, b.ccode AS ccode2, CAST(a.year AS INTEGER) AS year
        FROM state_years a JOIN state_years b ON a.year = b.year AND {comparison}
        WHERE a.year BETWEEN {int(first)} AND {int(last)}
        ORDER BY year, ccode1, ccode2
    """


def check_dyad_frame(frame: pd.DataFrame, verb: str) -> None:
    """Raise a helpful error unless ``frame`` is a dyad-year table."""
    missing = [k for k in DYAD_KEYS if k not in frame.columns]
    if missing:
        raise UnitOfAnalysisError(
            f"{verb}() needs a dyad-year frame with columns {list(DYAD_KEYS)}; {missing} missing. "
            "Run create_dyadyears() first and pass its result."
        )
    if frame.duplicated(list(DYAD_KEYS)).any():
        raise UnitOfAnalysisError(f"{verb}() got repeated (ccode1, ccode2, year) rows; pass one row per dyad-year.")


def join(frame, con: duckdb.DuckDBPyConnection, spec: Join, verb: str):
    """Left-join ``spec`` onto ``frame``; the row count must not change."""
    if not isinstance(frame, (pd.DataFrame, pa.Table)):
        raise UnitOfAnalysisError(f"{verb}() needs the DataFrame (or Arrow table) from create_dyadyears(), not {type(frame).__name__}.")
    clash = [c for c in [*spec.columns, *spec.extra] if c in _columns(frame)]
    if clash:
        raise UnitOfAnalysisError(f"{verb}() would overwrite existing columns {clash}; drop them first.")
    return _run(frame, con, join_sql("_dyads_in", spec), verb)


def _columns(frame) -> list[str]:
    return list(frame.column_names) if isinstance(frame, pa.Table) else list(frame.columns)


def _keys_frame(frame) -> pd.DataFrame:
    """The key columns as pandas, for the unit-of-analysis check."""
    if isinstance(frame, pa.Table):
        return frame.select([k for k in DYAD_KEYS if k in frame.column_names]).to_pandas()
    return frame


def _run(frame, con, sql: str, verb: str):
    """Run ``sql`` over ``frame`` registered as ``_dyads_in``; same kind out as in."""
    from bilateral import arguments

    arguments.connection(con)
    check_dyad_frame(_keys_frame(frame), verb)
    con.register("_dyads_in", frame)
    try:
        relation = con.sql(sql)
        result = relation.to_arrow_table() if isinstance(frame, pa.Table) else relation.df()
    finally:
        con.unregister("_dyads_in")
    if len(result) != len(frame):
        raise UnitOfAnalysisError(f"{verb}() changed the row count from {len(frame)} to {len(result)}; the source has duplicate keys.")
    return result


def join_sql(left: str, spec: Join) -> str:
    """SELECT of ``left`` with ``spec``'s columns added (see :class:`Join`)."""
    return joins_sql(left, (spec,))


def joins_sql(left: str, specs: tuple[Join, ...]) -> str:
    """SELECT of ``left`` with every spec's columns added, in one flat query
    (nesting one SELECT per source re-projects every column each time)."""
    outputs, joins, extras = [], [], []
    for i, spec in enumerate(specs):
        alias = f"s{i}"
        outputs += [f"{_column_sql(spec, name, alias)} AS {name}" for name in spec.columns]
        joins.append(
            f"""LEFT JOIN (SELECT * FROM {spec.table} WHERE {spec.where}) {alias}
              ON {alias}.ccode1 = least(d.ccode1, d.ccode2) AND {alias}.ccode2 = greatest(d.ccode1, d.ccode2) AND {alias}.year = d.year"""
        )
        extras += [f"{expression} AS {name}" for name, expression in spec.extra.items()]
    inner = f"SELECT d.*, {', '.join(outputs)} FROM {left} d {' '.join(joins)}"
    return f"SELECT j.*, {', '.join(extras)} FROM ({inner}) j" if extras else inner


def _column_sql(spec: Join, name: str, alias: str) -> str:
    """One output column: swapped for directed rows, 0-filled inside coverage."""
    def expression(column: str) -> str:
        return re.sub(r"\bs\.", f"{alias}.", spec.columns[column])

    value = expression(name)
    partner = {a: b for a, b in spec.pairs} | {b: a for a, b in spec.pairs}
    if name in partner:
        value = f"CASE WHEN d.ccode1 <= d.ccode2 THEN {value} ELSE {expression(partner[name])} END"
    if spec.zero_within:
        low, high = spec.zero_within
        value = (f"CASE WHEN d.year BETWEEN {low} AND {high} AND ({spec.zero_when}) AND {alias}.ccode1 IS NULL THEN 0 "
                 f"ELSE {value} END")
    return value


#: The spliced series (COW to 2014, IMF DOTS after and where COW lacks the
#: pair; see bilateral.measures.trade), with both DOTS reporters' figures.
TRADE = Join(
    table="out_trade_dyad_year",
    columns={
        "imports1_musd": "s.imports1_musd", "imports2_musd": "s.imports2_musd", "trade_source": "s.trade_source",
        **{column: f"s.{column}" for column in (
            "dots_imports_1_from_2_by_1_musd", "dots_exports_2_to_1_by_2_musd",
            "dots_imports_2_from_1_by_2_musd", "dots_exports_1_to_2_by_1_musd")},
    },
    pairs=(("imports1_musd", "imports2_musd"),
           ("dots_imports_1_from_2_by_1_musd", "dots_imports_2_from_1_by_2_musd"),
           ("dots_exports_2_to_1_by_2_musd", "dots_exports_1_to_2_by_1_musd")),
    extra={"trade_total_musd": "imports1_musd + imports2_musd"},
)
IGO = Join(table="core_cow_igo__dyad_year", columns={"igo_shared": "s.igo_shared"})
ALLIANCE_TYPES = ("defense", "offense", "neutral", "nonagg", "consul")
#: ATOP's first and last year (the last is declared once, in the source's provenance).
ATOP_YEARS = ATOP_SOURCE.provenance.coverage
#: ATOP is directed (the US is obliged to defend Japan, not the reverse); a
#: non-directed dyad has an obligation of a type if either side holds one.
#: ATOP ends in 2018. Its dyad-year file has no end dates, so an obligation
#: present in 2018 has no recorded end; such obligations are assumed to stay
#: in force and are carried forward, row by row, to the universe's last year,
#: with ``atop_carried_forward`` = 1 (0 on observed rows). A dyad without an
#: obligation in 2018 stays NULL after 2018: a new alliance would not be seen.
_ATOP_OBSERVED = (
    "SELECT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year, "
    + ", ".join(f"max(atop_{kind}) AS atop_{kind}" for kind in ALLIANCE_TYPES)
    + ", 0 AS atop_carried_forward FROM core_atop__dyad_year GROUP BY ALL"
)
ATOP_EITHER_SIDE = f"""(WITH observed AS ({_ATOP_OBSERVED})
    SELECT * FROM observed
    UNION ALL
    SELECT ccode1, ccode2, CAST(unnest(range({ATOP_YEARS[1] + 1}, (SELECT max(coverage_end) FROM _sources) + 1)) AS BIGINT) AS year,
           {", ".join(f"atop_{kind}" for kind in ALLIANCE_TYPES)}, 1 AS atop_carried_forward
    FROM observed WHERE year = {ATOP_YEARS[1]})"""
ALLIANCES = Join(
    table=ATOP_EITHER_SIDE,
    columns={f"atop_{kind}": f"s.atop_{kind}" for kind in ALLIANCE_TYPES} | {"atop_carried_forward": "s.atop_carried_forward"},
    zero_within=ATOP_YEARS,
    extra={"atop_any": "greatest(" + ", ".join(f"atop_{k}" for k in ALLIANCE_TYPES) + ")"},
)
DISTANCE = Join(table="core_geography__mindist", columns={"mindist_km": "s.mindist_km"})


def add_trade(frame: pd.DataFrame, con) -> pd.DataFrame:
    """Each side's imports from the other and their total, USD millions: COW to 2014, IMF DOTS after
    (and where COW lacks the pair), to 2020; ``trade_source`` says which; plus both sides' DOTS reports
    of each flow (``dots_*`` columns)."""
    return join(frame, con, TRADE, "add_trade")


def add_igos(frame: pd.DataFrame, con) -> pd.DataFrame:
    """Number of intergovernmental organisations both states belong to (COW IGO, to 2014)."""
    return join(frame, con, IGO, "add_igos")


def add_alliances(frame: pd.DataFrame, con) -> pd.DataFrame:
    """ATOP obligations by type held by either side, 0/1; 0 inside ATOP's coverage (1815–2018); after 2018
    the dyad's 2018 obligations carried forward (``atop_carried_forward`` = 1), NULL for dyads without one."""
    return join(frame, con, ALLIANCES, "add_alliances")


def add_distance(frame: pd.DataFrame, con) -> pd.DataFrame:
    """Minimum distance between the two states, km (Cshapes, to 2019)."""
    return join(frame, con, DISTANCE, "add_distance")


def add_ideal_points(frame: pd.DataFrame, con) -> pd.DataFrame:
    """Each side's UNGA ideal point (Bailey–Strezhnev–Voeten) with its 90%
    interval, their distance, which estimate was used, and whether the two
    intervals are apart (see :func:`ideal_points_sql`)."""
    return _run(frame, con, ideal_points_sql("_dyads_in"), "add_ideal_points")


#: The published estimates, in order of preference: all roll calls, then
#: foreign-policy roll calls only (the only one with 2024 values).
IDEAL_POINT_MEASURES = ("all", "fp")


def ideal_points_sql(left: str) -> str:
    """SELECT of ``left`` with both ideal points, their 90% intervals and distance.

    The two sides of a dyad-year always use the same estimate, since the
    all-votes and foreign-policy scales differ: ``all`` where both have it,
    else ``fp`` where both have it, else NULL (``ideal_point_measure`` says
    which). ``ideal_point_gap_clear`` is 1 when the two 5th–95th percentile
    intervals do not overlap, 0 when they do (the distance is then within the
    estimates' uncertainty), NULL without both intervals.
    """
    both = {m: f"p1.idealpoint_{m} IS NOT NULL AND p2.idealpoint_{m} IS NOT NULL" for m in IDEAL_POINT_MEASURES}

    def pick(side: str, suffix: str = "") -> str:
        """The side's value in the chosen estimate (one flat expression: no extra projection of ``d.*``)."""
        return "CASE " + " ".join(f"WHEN {both[m]} THEN p{side}.idealpoint_{m}{suffix}" for m in IDEAL_POINT_MEASURES) + " END"

    measure = "CASE " + " ".join(f"WHEN {both[m]} THEN '{m}'" for m in IDEAL_POINT_MEASURES) + " END"
    bounds = [pick(side, suffix) for side in ("1", "2") for suffix in ("_q5", "_q95")]
    gap = (f"CASE WHEN {' OR '.join(f'{b} IS NULL' for b in bounds)} THEN NULL "
           f"WHEN {bounds[1]} < {bounds[2]} OR {bounds[3]} < {bounds[0]} THEN 1 ELSE 0 END")
    picked = ", ".join(f"{pick(side, suffix)} AS idealpoint{side}{suffix}" for side in ("1", "2") for suffix in ("", "_q5", "_q95"))
    return f"""
        SELECT d.*, {measure} AS ideal_point_measure, {picked},
               abs({pick("1")} - {pick("2")}) AS ideal_point_distance, {gap} AS ideal_point_gap_clear
        FROM {left} d
        LEFT JOIN core_voeten_idealpoints__country_year p1 ON p1.ccode = d.ccode1 AND p1.year = d.year
        LEFT JOIN core_voeten_idealpoints__country_year p2 ON p2.ccode = d.ccode2 AND p2.year = d.year
    """


#: The joins that build the warehouse's ``out_dyad_year``, in order (then ideal points).
JOINS = (TRADE, IGO, ALLIANCES, DISTANCE)
