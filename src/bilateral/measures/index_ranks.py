"""Partner ranks on each index, compared only among pairs scored on the same inputs.

A rank says "B is A's n-th closest partner on ties". It is only meaningful
against partners measured the same way, so each state's partners are ranked
only against the pairs scored on every input that is informative that year
(``<index>_inputs`` equal to the year's full set, :data:`FULL_TABLE`): a
partner without trade data in a year when trade is informative is not ranked
at all, rather than ranked within a small group of its own (where a state
with no data on most ties would come out "closest"). ``partners`` is the
number ranked. NULL indices are not ranked.

For dependence the value is directional: B's rank among A's partners is by
how much A relies on B (``dependence1`` when A is ``ccode1``).

``out_index_ranks`` is a view, not a table: one state's ranks are a window
over its own partners, which DuckDB computes in some 60 ms once the filter on
``state`` is pushed below the window (it is a partition key), while storing
every state's ranks for every index would cost the build a sort of five
million rows (6 s) and the file 50 MB. A pair's ranks, which every brief
reads, come from :func:`pair_ranks_sql`, the same window over the rows of
the two states only.
"""

from __future__ import annotations

#: index → (value for side 1 looking at 2, value for side 2 looking at 1, inputs column)
RANKED = {
    "ties": ("ties_index", "ties_index", "ties_inputs"),
    "alignment": ("alignment_index", "alignment_index", "alignment_inputs"),
    "composite": ("composite_index", "composite_index", "composite_inputs"),
    "dependence": ("dependence1", "dependence2", "dependence_inputs"),
}


#: Per index and year, the full set of inputs (bit mask) of the pairs that are ranked.
FULL_TABLE = "out_index_full_inputs"


def full_inputs_sql(indices: str = "out_index") -> str:
    """The bitwise OR of every pair's inputs, per index and year: the inputs informative that year."""
    parts = [f"SELECT '{name}' AS index_name, year, bit_or({inputs}) AS inputs FROM {indices} WHERE {one} IS NOT NULL GROUP BY year"
             for name, (one, _, inputs) in RANKED.items()]
    return " UNION ALL ".join(parts)


def ranks_sql(indices: str = "out_index", states: str | None = None) -> str:
    """Directed rows (index_name, state, partner, year, value, inputs, rank, partners) of every index;
    only those of ``states`` (a SQL list, such as ``$a, $b``) if given."""
    directed = []
    for name, (one, two, inputs) in RANKED.items():
        own1, own2 = (f" AND ccode1 IN ({states})", f" AND ccode2 IN ({states})") if states else ("", "")
        directed += [f"SELECT '{name}' AS index_name, ccode1 AS state, ccode2 AS partner, year, {one} AS value, {inputs} AS inputs "
                     f"FROM {indices} WHERE {one} IS NOT NULL{own1}",
                     f"SELECT '{name}', ccode2, ccode1, year, {two}, {inputs} FROM {indices} WHERE {two} IS NOT NULL{own2}"]
    window = "(PARTITION BY index_name, state, year, inputs ORDER BY value DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
    return f"""
        SELECT index_name, state, partner, year, value, inputs,
               rank() OVER {window} AS rank, count(*) OVER {window} AS partners
        FROM ({' UNION ALL '.join(directed)}) JOIN {FULL_TABLE} USING (index_name, year, inputs)
    """


VIEW = f"CREATE VIEW out_index_ranks AS {ranks_sql()}"

#: The out_index columns the ranks read.
_RANKED_COLUMNS = ", ".join(dict.fromkeys(["ccode1", "ccode2", "year"] + [c for triple in RANKED.values() for c in triple]))


def pair_ranks_sql() -> str:
    """The rows of ``out_index_ranks`` with ``$a`` and ``$b`` as state and
    partner (B's ranks among A's partners and A's among B's), by the same
    window, computed over the two states' own rows only: their partners are
    all in the pairs that include A or B, which are read once. The brief
    needs only these, and the view's filter pushed through the window still
    scans the whole index eight times (0.2 s against 0.06 s)."""
    return f"""
        WITH pair_rows AS MATERIALIZED (
            SELECT {_RANKED_COLUMNS} FROM out_index WHERE ccode1 IN ($a, $b) OR ccode2 IN ($a, $b)
        )
        SELECT * FROM ({ranks_sql("pair_rows", states="$a, $b")}) WHERE partner IN ($a, $b)
    """


def pair_ranks(con, a: int, b: int, index_name: str, years: tuple[int, int] | None = None):
    """B's rank among A's partners and A's among B's on one index, by year:
    columns year, rank_for_a, partners_a, rank_for_b, partners_b (NULL where not ranked)."""
    when = f"AND year BETWEEN {int(years[0])} AND {int(years[1])}" if years else ""
    return con.execute(
        f"""SELECT year,
                   max(rank) FILTER (WHERE state = $a) AS rank_for_a, max(partners) FILTER (WHERE state = $a) AS partners_a,
                   max(rank) FILTER (WHERE state = $b) AS rank_for_b, max(partners) FILTER (WHERE state = $b) AS partners_b
            FROM ({pair_ranks_sql()})
            WHERE index_name = $index {when}
            GROUP BY year ORDER BY year""", {"a": int(a), "b": int(b), "index": index_name}).df()
