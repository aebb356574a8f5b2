"""Measures for one dyad, ranked partners of one state, and one measure by
name: the small query API under the CLI, the brief and the claim checker.

All results are pandas DataFrames oriented to the question: columns about
"A" describe the first state asked for, whatever its COW number.
"""

from __future__ import annotations

import pandas as pd

from bilateral import arguments
from bilateral.countries import State, get_resolver
from bilateral.errors import BilateralError
from bilateral.measures.catalog import CATALOG, DIMENSIONS, measure, side_sql
from bilateral.measures.index import reweighted_sql
from bilateral.measures.index_ranks import pair_ranks
from bilateral.span import check_years

INDEX_COLUMNS = tuple(f"score_{d}" for d in DIMENSIONS) + tuple(f"{d}_indicators" for d in DIMENSIONS)


class UnknownDimensionError(BilateralError, ValueError):
    """A dimension name that is not one of the five (or 'composite')."""


def resolve_pair(con, a, b, years: tuple[int, int] | None = None) -> tuple[State, State]:
    """Both states, resolved as of the last year asked for."""
    resolver = get_resolver(con=con)
    year = years[1] if years else None
    first, second = resolver.resolve(a, year=year), resolver.resolve(b, year=year)
    if first.ccode == second.ccode:
        raise BilateralError(f"{a!r} and {b!r} are the same state ({first.label()}); a dyad needs two.")
    return first, second


def _year_filter(years: tuple[int, int] | None) -> str:
    """A filter on the bound parameters ``$y0`` and ``$y1`` (see :func:`_year_params`)."""
    return "AND d.year BETWEEN $y0 AND $y1" if years else ""


def _year_params(years: tuple[int, int] | None) -> dict[str, int]:
    return {"y0": int(years[0]), "y1": int(years[1])} if years else {}


def dyad_measures(con, a, b, years: tuple[int, int] | None = None, weights: dict[str, float] | None = None) -> pd.DataFrame:
    """One row per year: every catalogued measure, the dimension scores, the
    indices (ties, dependence of A and of B, alignment, composite), their
    coverage and both composite ranks, for the dyad A–B. Missing stays missing.
    With ``weights`` the composite is recomputed and its ranks recomputed among
    partners scored on the same dimensions.
    The row opens with :data:`~bilateral.measures.catalog.KEY_COLUMNS`;
    ``name_a`` and ``name_b`` are the states' names in that year (Soviet
    Union for 365 in 1970), so a row is never shown under a later name."""
    arguments.connection(con)
    years = arguments.year_range(years)
    first, second = resolve_pair(con, a, b, years)
    check_years(con, first, second, years)
    a_is_1 = first.ccode < second.ccode
    c1, c2 = sorted((first.ccode, second.ccode))
    selected = ", ".join(f"d.{m.column_for(a_is_1)} AS {m.name}" for m in CATALOG)
    frame = con.execute(  # values bound, never formatted into the SQL: a state without ISO3 gives NULL, not 'None'
        f"""SELECT d.year, CAST($a_iso3 AS VARCHAR) AS a_iso3, CAST($b_iso3 AS VARCHAR) AS b_iso3,
                   d.{"name1" if a_is_1 else "name2"} AS name_a, d.{"name2" if a_is_1 else "name1"} AS name_b, {selected}
            FROM out_dyad_year d WHERE d.ccode1 = $c1 AND d.ccode2 = $c2 {_year_filter(years)} ORDER BY d.year""",
        {"a_iso3": first.iso3, "b_iso3": second.iso3, "c1": c1, "c2": c2, **_year_params(years)},
    ).df()
    dep_a, dep_b = ("dependence1", "dependence2") if a_is_1 else ("dependence2", "dependence1")
    index = con.execute(
        f"""SELECT year, {', '.join(INDEX_COLUMNS)}, ties_index, alignment_index, {dep_a} AS dependence_a, {dep_b} AS dependence_b,
                   composite_index, composite_dimensions
            FROM out_index d WHERE d.ccode1 = $c1 AND d.ccode2 = $c2 {_year_filter(years)}""",
        {"c1": c1, "c2": c2, **_year_params(years)}).df()
    if weights is not None:
        custom = _reweighted_ranks(con, first.ccode, second.ccode, years, weights)
        index = index.drop(columns=["composite_index", "composite_dimensions"]).merge(custom, on="year", how="left")
    else:
        ranks = pair_ranks(con, first.ccode, second.ccode, "composite", years)[["year", "rank_for_a", "rank_for_b"]]
        ranks = ranks.rename(columns={"rank_for_a": "composite_rank_for_a", "rank_for_b": "composite_rank_for_b"})
        index = index.merge(ranks, on="year", how="left")
    keep = ["year", *INDEX_COLUMNS, "ties_index", "dependence_a", "dependence_b", "alignment_index",
            "composite_index", "composite_dimensions", "composite_rank_for_a", "composite_rank_for_b"]
    frame = frame.merge(index[keep], on="year", how="left")
    from bilateral.events.indicators import add_events  # events_* columns, only once events were aggregated

    return add_events(frame, first.ccode, second.ccode)


def _reweighted_ranks(con, a: int, b: int, years, weights) -> pd.DataFrame:
    """The composite under ``weights`` for A–B by year, with both ranks recomputed among
    each side's partners scored on the same (full) set of dimensions."""
    rows = f"(SELECT * FROM out_index d WHERE (d.ccode1 IN ($a, $b) OR d.ccode2 IN ($a, $b)) {_year_filter(years)})"
    return con.execute(f"""
        WITH c AS ({reweighted_sql(rows, weights)}),
        directed AS (
            SELECT ccode1 AS state, ccode2 AS partner, year, composite_index, composite_inputs FROM c WHERE ccode1 IN ($a, $b)
            UNION ALL SELECT ccode2, ccode1, year, composite_index, composite_inputs FROM c WHERE ccode2 IN ($a, $b)
        ), ranked AS (
            SELECT d.*, rank() OVER (PARTITION BY d.state, d.year ORDER BY d.composite_index DESC) AS rank
            FROM directed d JOIN out_index_full_inputs f ON f.index_name = 'composite' AND f.year = d.year AND f.inputs = d.composite_inputs
            WHERE d.composite_index IS NOT NULL
        )
        SELECT c.year, c.composite_index, c.composite_dimensions,
               (SELECT rank FROM ranked r WHERE r.state = $a AND r.partner = $b AND r.year = c.year) AS composite_rank_for_a,
               (SELECT rank FROM ranked r WHERE r.state = $b AND r.partner = $a AND r.year = c.year) AS composite_rank_for_b
        FROM c WHERE c.ccode1 = least($a, $b) AND c.ccode2 = greatest($a, $b)""", {"a": int(a), "b": int(b), **_year_params(years)}).df()


#: The ``--index`` names users give, and the out_index column each ranks by.
INDEX_NAMES = ("ties", "dependence", "alignment", "composite")


def partners(con, a, dimension: str = "composite", year: int | None = None, top: int = 10) -> pd.DataFrame:
    """A's partners ranked on one index (ties, dependence, alignment or the
    composite) or one dimension score, in one year: by default the latest year
    in which A has a ranked score. Index ranks compare only partners scored on
    the same inputs (:mod:`bilateral.measures.index_ranks`); an index resting
    on too few informative inputs is never ranked."""
    if dimension not in INDEX_NAMES and dimension not in DIMENSIONS:
        raise UnknownDimensionError(f"unknown dimension or index {dimension!r}; use one of {', '.join(dict.fromkeys(INDEX_NAMES + DIMENSIONS))}")
    arguments.connection(con)
    year, top = arguments.year(year), arguments.positive_int(top, "top")
    state = get_resolver(con=con).resolve(a, year=year)
    if dimension in INDEX_NAMES:
        ranked = """SELECT rank, partners AS ranked_partners, partner, year, value AS score FROM out_index_ranks
                     WHERE index_name = $index_name AND state = $ccode"""
    else:
        ranked = f"""SELECT rank() OVER (PARTITION BY year ORDER BY score DESC) AS rank, count(*) OVER (PARTITION BY year) AS ranked_partners,
                            partner, year, score FROM (
                         SELECT {side_sql("ccode2", "ccode1", "partner", a="$ccode")}, year, score_{dimension} AS score
                         FROM out_index WHERE $ccode IN (ccode1, ccode2) AND score_{dimension} IS NOT NULL)"""
    own = {"ccode": state.ccode, **({"index_name": dimension} if dimension in INDEX_NAMES else {})}  # only bound where used
    if year is None:
        year = con.execute(f"SELECT max(year) FROM ({ranked})", own).fetchone()[0]
        if year is None:
            raise BilateralError(f"{state.label()} has no {dimension} score that can be ranked in any year.")
    frame = con.execute(
        f"""SELECT p.rank, s.iso3 AS partner_iso3, s.name AS partner_name, p.partner AS partner_ccode, p.year, p.score,
                   p.ranked_partners, i.composite_dimensions, i.ties_dimensions, i.alignment_indicators, i.dependence_indicators
            FROM ({ranked}) p LEFT JOIN out_states s ON s.ccode = p.partner
            LEFT JOIN out_index i ON i.ccode1 = least(p.partner, $ccode) AND i.ccode2 = greatest(p.partner, $ccode) AND i.year = p.year
            WHERE p.year = $year ORDER BY p.rank, partner_iso3 LIMIT $top""", {**own, "year": int(year), "top": int(top)}
    ).df()
    if frame.empty:
        first, last = con.execute(f"SELECT min(year), max(year) FROM ({ranked})", own).fetchone()
        have = f"it has one in {first}-{last}" if first is not None else "it has none in any year"
        raise BilateralError(f"{state.label()} has no {dimension} score in {year}; {have}. Choose --year within those years.")
    frame.insert(0, "a_iso3", state.iso3)
    names = {"composite": "composite_index", "ties": "ties_index", "alignment": "alignment_index", "dependence": "dependence_of_a"}
    return frame.rename(columns={"score": names.get(dimension, f"{dimension}_score")})


def get_measure(con, a, b, name: str, year: int):
    """One measure's value for A–B in one year (None when missing)."""
    from bilateral.span import YearsOutOfRangeError

    spec = measure(name)
    try:
        frame = dyad_measures(con, a, b, years=(year, year))
    except YearsOutOfRangeError:  # the pair did not coexist that year, or no data covers it
        return None
    if frame.empty:
        return None
    value = frame.iloc[0][spec.name]
    return None if pd.isna(value) else value


def reported_trade(con, a, b) -> pd.DataFrame:
    """The ledger's reported trade figures for A–B (after 2014, when COW ends),
    kept apart from the COW series: one row per figure, oriented to A, with
    who reported it, the period it covers and the source URL. Figures from the
    two sides can disagree; all are kept."""
    first, second = resolve_pair(con, a, b)
    frame = con.execute(
        """SELECT year, reporter, partner_a_ccode, measure, value_musd, period, note, source_url, source_publisher
            FROM core_ledger__trade_reported
            WHERE $a IN (partner_a_ccode, partner_b_ccode) AND $b IN (partner_a_ccode, partner_b_ccode)
            ORDER BY year, measure, reporter""", {"a": first.ccode, "b": second.ccode}
    ).df()
    # the ledger states each figure from partner_a's side; say whose imports or exports it is
    from_a = frame.pop("partner_a_ccode") == first.ccode
    frame["measure"] = frame["measure"].where(
        frame["measure"] == "total_trade",
        frame["measure"].map({"exports_a_to_b": "exports", "imports_a_from_b": "imports"}),
    )
    frame["direction"] = ["" if m == "total_trade" else (f"{first.iso3} {m}" if own else f"{second.iso3} {m}") for m, own in zip(frame["measure"], from_a)]
    frame.insert(0, "b_iso3", second.iso3)
    frame.insert(0, "a_iso3", first.iso3)
    return frame