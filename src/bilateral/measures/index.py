"""The indices of ``out_index``: ties, dependence, alignment and a composite.

Following the logic of the Pardee Center's Formal Bilateral Influence
Capacity index (FBIC), what the two states do together (ties, or bandwidth)
is kept apart from how much each relies on the other (dependence), and both
apart from how alike they vote (alignment). Every indicator exists for every
pair of states in the years its source covers; an indicator defined for one
country's partners only (China Vitae, Chinese investment and finance, the
ledger) is shown in that pair's brief but never enters a score or a rank.

- **Ties** (:data:`TIES`), one score per indicator in 0–100:
  ``100 · ln(1 + K · x / max) / ln(1 + K)`` for volumes (trade, arms
  delivered, shared IGOs, co-authored works), ``max`` the year's largest
  pair, so that a pair with no recorded tie scores 0, the largest pair of the
  year 100, and big states with many ties rank high (a log, not a share:
  trade between two giants is a large tie even when it is a small part of
  their trade); ``100 · x`` for an alliance obligation (0/1). The ties index
  is the mean of four dimension scores (``ties_<dimension>``: economic,
  military, political, science), each the mean of its indicator scores, with
  K = :data:`TIES_LOG_RANGE` = 30 (``tie_<name>``). Near the top each halving
  of a volume costs ``100 · ln 2 / ln(1 + K)`` points: 20 with K = 30. The
  first design used K = 1000 (10 points a halving), which flattened the top:
  a US partner with an eighteenth of US–China trade (Australia, 2015) scored 58 of 100 on trade,
  so China, first in US trade and co-authorship but with no arms or
  alliance, ranked 12th–14th among US partners. The indicator and dimension
  scores shown in briefs and averaged in the composite (``ind_<name>``,
  ``score_<dimension>``) keep K = :data:`LOG_RANGE` = 1000: with K = 30 most
  pairs' volumes would sit near 0 and the composite of a small state would
  be its UN votes. The cost of K = 30 for ties: between small states, whose
  volumes are all far below a thirtieth of the largest pair's, the ties
  index leans on shared IGOs and alliances (docs/method.md). A strategic
  rivalry voids an alliance as a tie but does not unrank the pair: the same
  data code the USA and China as rivals in 1996–2010, and their ties are
  among the largest of both.
- **Dependence** (:data:`DEPENDENCE`), one value per side: the mean of the
  shares, in percent, of A's trade, A's arms imports and A's international
  co-authorship that are with B (and the same for B). A state that imported
  no arms in a year relies on nobody for them: its share is 0. A share above
  1 (the pair's trade above the state's reported total, which mirror data
  after 2014 can give) is taken as 1.
- **Alignment** (:data:`ALIGNMENT`): the mid-rank percentile among all pairs
  that year of UN agreement, Signorino–Ritter S, Cohen's κ and (reversed)
  the ideal-point distance; the mean of those percentiles.
- **Composite**: the mean of five dimension scores (economic, military,
  political, science, alignment), each the mean of its indicator scores.

Coverage rules (:mod:`bilateral.measures.index_inputs`) decide which
indicators are *informative* in a year; only those enter. An index needs at
least :data:`MIN_INPUTS` informative inputs for the pair (the composite
:data:`MIN_COMPOSITE_DIMENSIONS` dimensions), else it is NULL and shown with
its coverage. Ranks (:mod:`bilateral.measures.index_ranks`) compare only
pairs scored on the same inputs. Formulas and reasons: docs/method.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bilateral.measures.dimensions import DIMENSIONS

#: Fewest informative indicators an index (ties, dependence, alignment) may rest on (issue 9).
MIN_INPUTS = 3
#: Fewest informative dimensions the composite may rest on. Four, not three:
#: with three, the composite after trade stops (2020) would be arms,
#: co-authorship and UN votes alone, which is neither economic nor political; four of five means
#: every composite holds trade or IGOs, and at most one dimension is missing.
MIN_COMPOSITE_DIMENSIONS = 4
#: The composite's dimensions weigh equally by default; users may pass their own.
DEFAULT_WEIGHTS = {d: 0.2 for d in DIMENSIONS}
INDICES = ("ties", "dependence", "alignment", "composite")
#: Volumes are scaled as ``ln(1 + K · x / max) / ln(1 + K)``: 0 for no tie, 100
#: for the year's largest pair, nearly linear and close to 0 below max / K. A
#: plain ``ln(1 + x)`` in the source's units would depend on the unit (USD
#: millions, TIV, works). The indicator and dimension scores (and so the
#: composite) use K = 1000: a log over three orders of magnitude, which spreads
#: pairs over the scale much as the alignment percentiles they are averaged with.
LOG_RANGE = 1000
#: The ties index uses K = 30 (:data:`TIES_LOG_RANGE`): a log over the top one and
#: a half orders of magnitude, in which each halving of a volume near the top
#: costs 20 points rather than 10, so that a big state's leading partners are
#: told apart (the tested validation list holds for K from 25 to 50; figures in
#: docs/method.md). Its per-indicator scores are ``tie_<name>`` in ``out_index``.
TIES_LOG_RANGE = 30
#: The dimensions of the ties index (each counts once, whatever its number of indicators).
TIES_DIMENSIONS = ("economic", "military", "political", "science")


@dataclass(frozen=True)
class Indicator:
    """One input of an index: its name in ``out_index`` (``ind_<name>``), the
    catalogued measure it comes from, the SQL for its value over
    ``out_dyad_year d`` (a pair ``(side 1, side 2)`` when directional), how it
    is scaled to 0–100, and the composite dimension it belongs to."""

    name: str
    measure: str
    value: str | tuple[str, str]
    scale: str  # "log", "binary", "rank", "rank_reversed" or "share"
    dimension: str | None = None  # None: not in the composite
    note: str = ""

    @property
    def directional(self) -> bool:
        return isinstance(self.value, tuple)


#: A defence or offence pact (consultation and neutrality pacts, which ATOP
#: records for every OSCE member, are not a tie of this kind). One held while the two are strategic rivals is not a tie
#: (the 1950 Sino-Soviet treaty stayed in force to 1980 through the split).
#: After 2018 ATOP's obligations are carried forward and a pair without one in
#: 2018 is assumed to have none (the warehouse's ATOP rule, flagged in
#: ``out_index_inputs``).
ALLIANCE_VALUE = ("CASE WHEN coalesce(d.rivalry, 0) = 1 THEN 0 "
                  "WHEN d.year > 2018 THEN coalesce(greatest(d.atop_defense, d.atop_offense), 0) "
                  "ELSE greatest(d.atop_defense, d.atop_offense) END")

TIES = (
    Indicator("trade", "trade_total_musd", "d.trade_total_musd", "log", "economic"),
    Indicator("arms", "arms_tiv_delivered_total", "d.arms_tiv_delivered_total", "log", "military"),
    Indicator("alliance", "atop_defense", ALLIANCE_VALUE, "binary", "military",
              note="after 2018: carried forward from ATOP's 2018 obligations"),
    Indicator("igo", "igo_shared", "d.igo_shared", "log", "political"),
    Indicator("coauthored", "coauthored_works", "d.coauthored_works", "log", "science"),
)
ALIGNMENT = (
    Indicator("un_agree", "un_agree_share", "d.un_agree_share", "rank", "alignment"),
    Indicator("un_s", "un_s_score", "d.un_s_score", "rank", "alignment"),
    Indicator("un_kappa", "un_kappa", "d.un_kappa", "rank", "alignment"),
    Indicator("ideal_points", "ideal_point_distance", "d.ideal_point_distance", "rank_reversed", "alignment"),
)
#: A's arms imports from B as a share of A's arms imports from everyone (by
#: year of delivery); 0 when A imported none, NULL when the TIV is unknown.
DEPENDENCE = (
    Indicator("trade_share", "trade_dependence_a", ("d.trade_dependence1", "d.trade_dependence2"), "share"),
    Indicator("arms_share", "arms_tiv_delivered_b_to_a", ("arms_share1", "arms_share2"), "share"),
    Indicator("coauthor_share", "coauthor_share_a", ("d.coauthor_share1", "d.coauthor_share2"), "share"),
)
BY_INDEX = {"ties": TIES, "alignment": ALIGNMENT, "dependence": DEPENDENCE}
ALL_INDICATORS = (*TIES, *ALIGNMENT, *DEPENDENCE)


def composite_indicators(dimension: str | None = None) -> list[Indicator]:
    """The indicators of the composite (of one dimension, if given)."""
    return [i for i in ALL_INDICATORS if i.dimension and (dimension is None or i.dimension == dimension)]


def check_weights(weights: dict[str, float]) -> dict[str, float]:
    """Weights for known dimensions, non-negative, not all zero."""
    unknown = set(weights) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimension(s) {sorted(unknown)} in weights; use {', '.join(DIMENSIONS)}")
    if any(not math.isfinite(w) or w < 0 for w in weights.values()) or not any(weights.values()):
        raise ValueError(f"weights must be finite, non-negative and not all zero; got {weights}")
    return {d: float(weights.get(d, 0.0)) for d in DIMENSIONS}


def values_sql(source: str = "out_dyad_year") -> str:
    """Every indicator's raw value per dyad-year (``v_<name>``, ``v_<name>_1``/``_2``)."""
    columns = []
    for i in ALL_INDICATORS:
        if i.directional:
            columns += [f"{i.value[0]} AS v_{i.name}_1", f"{i.value[1]} AS v_{i.name}_2"]
        else:
            columns.append(f"{i.value} AS v_{i.name}")
    # each state's arms imports from everyone, by year of delivery
    return f"""
        WITH imports AS (
            SELECT state, year, coalesce(sum(tiv ORDER BY tiv), 0) AS tiv FROM (  -- a fixed order: the same sum every build
                SELECT ccode1 AS state, year, arms_tiv_delivered_2_to_1 AS tiv FROM {source}
                UNION ALL SELECT ccode2, year, arms_tiv_delivered_1_to_2 FROM {source}
            ) GROUP BY ALL
        ), d AS (
            SELECT d.ccode1, d.ccode2, d.year, {', '.join(f"d.{c}" for c in sorted(_columns_used()))},
                   CASE WHEN d.arms_tiv_delivered_2_to_1 IS NULL THEN NULL WHEN i1.tiv = 0 THEN 0 ELSE d.arms_tiv_delivered_2_to_1 / i1.tiv END AS arms_share1,
                   CASE WHEN d.arms_tiv_delivered_1_to_2 IS NULL THEN NULL WHEN i2.tiv = 0 THEN 0 ELSE d.arms_tiv_delivered_1_to_2 / i2.tiv END AS arms_share2
            FROM {source} d
            LEFT JOIN imports i1 ON i1.state = d.ccode1 AND i1.year = d.year
            LEFT JOIN imports i2 ON i2.state = d.ccode2 AND i2.year = d.year
        )
        SELECT d.ccode1, d.ccode2, d.year, {', '.join(columns)} FROM d
    """


def _columns_used() -> set[str]:
    """The out_dyad_year columns the indicators read (``d.<column>`` in their SQL)."""
    import re

    used = {"rivalry", "atop_defense", "atop_offense", "arms_tiv_delivered_1_to_2", "arms_tiv_delivered_2_to_1"}
    for i in ALL_INDICATORS:
        for sql in (i.value if i.directional else (i.value,)):
            used |= set(re.findall(r"\bd\.(\w+)", sql))
    return used - {"ccode1", "ccode2", "year"}


def _scaled(i: Indicator, column: str, log_range: int = LOG_RANGE) -> str:
    """SQL for one indicator's 0–100 score from ``v.<column>`` and the year's statistics ``y``."""
    v = f"v.v_{column}"
    if i.scale == "log":
        return f"100 * ln(1 + {v} * {log_range} / nullif(y.max_{column}, 0)) / ln(1 + {log_range})"
    if i.scale == "binary":
        return f"100 * {v}"
    if i.scale == "share":  # a share above 1 (a pair's DOTS trade above the state's DOTS total) is an inconsistency of the source
        return f"100 * CASE WHEN {v} > 1 THEN 1 ELSE {v} END"  # not least(): DuckDB's least() skips NULLs
    # mid-rank percentile among the year's pairs with a value: (below + (tied - 1) / 2) / (n - 1), from one
    # sort: NULLs sort last so they never count as below; rank() − 1 is "below", cume_dist() · pairs is "up to"
    order = "DESC" if i.scale == "rank_reversed" else "ASC"
    window = f"(PARTITION BY v.year ORDER BY {v} {order} NULLS LAST)"
    n = f"y.n_{column}"
    below = f"(rank() OVER {window} - 1)"
    upto = f"(cume_dist() OVER {window} * y.pairs)"
    return (f"CASE WHEN {v} IS NULL THEN NULL WHEN {n} < 2 THEN 50.0 "
            f"ELSE 100 * ({below} + ({upto} - {below} - 1) / 2) / ({n} - 1) END")


def _percentile_sql(values: str, years: str) -> str:
    """The rank-scaled indicators' mid-rank percentiles, computed over a narrow
    relation (a window sorts whatever columns it carries)."""
    ranked = [i for i in ALL_INDICATORS if i.scale.startswith("rank")]
    columns = ", ".join(f"{_scaled(i, i.name)} AS pct_{i.name}" for i in ranked)
    narrow = ", ".join(f"v_{i.name}" for i in ranked)
    return f"""SELECT v.ccode1, v.ccode2, v.year, {columns}
               FROM (SELECT ccode1, ccode2, year, {narrow} FROM {values}) v JOIN {years} y USING (year)"""


def scores_sql(values: str, years: str) -> str:
    """Every indicator's 0–100 score (``ind_<name>``, ``ind_<name>_1``/``_2``)
    where it is informative that year, NULL where it is not. ``years`` is the
    wide per-year table of :func:`bilateral.measures.index_inputs.year_stats_sql`."""
    columns = []
    for i in ALL_INDICATORS:
        for column in ((f"{i.name}_1", f"{i.name}_2") if i.directional else (i.name,)):
            score = f"p.pct_{i.name}" if i.scale.startswith("rank") else _scaled(i, column)
            columns.append(f"CASE WHEN y.informative_{i.name} THEN {score} END AS ind_{column}")
    columns += [f"CASE WHEN y.informative_{i.name} THEN {_scaled(i, i.name, TIES_LOG_RANGE)} END AS tie_{i.name}"
                for i in TIES if i.scale == "log"]
    return f"""SELECT v.ccode1, v.ccode2, v.year, {', '.join(columns)} FROM {values} v JOIN {years} y USING (year)
               JOIN ({_percentile_sql(values, years)}) p USING (ccode1, ccode2, year)"""


def _mean(parts: list[str]) -> tuple[str, str]:
    """(mean of the non-NULL ``parts``, how many were not NULL) as SQL."""
    count = " + ".join(f"CAST({p} IS NOT NULL AS INTEGER)" for p in parts)
    total = " + ".join(f"coalesce({p}, 0)" for p in parts)
    return f"({total}) / nullif({count}, 0)", f"({count})"


def _inputs(parts: dict[str, str]) -> str:
    """The set of non-NULL parts as a bit mask (bit k: the k-th part, in the
    declared order): the inputs a score rests on. :func:`input_names` decodes it."""
    return "(" + " + ".join(f"CASE WHEN {sql} IS NOT NULL THEN {1 << k} ELSE 0 END" for k, sql in enumerate(parts.values())) + ")"


def input_names(index_name: str, mask) -> list[str]:
    """The names behind an ``<index>_inputs`` bit mask (indicators; dimensions for the composite)."""
    names = DIMENSIONS if index_name == "composite" else [i.name for i in BY_INDEX[index_name]]
    if mask is None or mask != mask:  # None or NaN
        return []
    return [n for k, n in enumerate(names) if int(mask) >> k & 1]


def indices_sql(scores: str, weights: dict[str, float] | None = None) -> str:
    """The indices, their coverage and the dimension scores from the indicator scores.

    An index with fewer than :data:`MIN_INPUTS` inputs (the composite: fewer
    than :data:`MIN_COMPOSITE_DIMENSIONS` dimensions) is NULL; its inputs
    and their count are kept so that the brief can show its coverage."""
    weights = check_weights(weights or DEFAULT_WEIGHTS)
    columns = []
    parts = {i.name: f"s.ind_{i.name}" for i in ALIGNMENT}
    mean, count = _mean(list(parts.values()))
    columns += [f"CASE WHEN {count} >= {MIN_INPUTS} THEN {mean} END AS alignment_index",
                f"{count} AS alignment_indicators", f"{_inputs(parts)} AS alignment_inputs"]
    for side in ("1", "2"):
        parts = {i.name: f"s.ind_{i.name}_{side}" for i in DEPENDENCE}
        mean, count = _mean(list(parts.values()))
        columns.append(f"CASE WHEN {count} >= {MIN_INPUTS} THEN {mean} END AS dependence{side}")
        if side == "1":
            columns += [f"{count} AS dependence_indicators", f"{_inputs(parts)} AS dependence_inputs"]
    dims = {}
    for d in DIMENSIONS:
        parts = [f"s.ind_{i.name}" for i in composite_indicators(d)]
        mean, count = _mean(parts) if parts else ("CAST(NULL AS DOUBLE)", "0")
        columns += [f"{mean} AS score_{d}", f"{count} AS {d}_indicators"]
        dims[d] = mean
    ties = {}
    for d in TIES_DIMENSIONS:  # the dimension's mean on the ties scale: tie_<name> for volumes, ind_<name> otherwise
        parts = [f"s.tie_{i.name}" if i.scale == "log" else f"s.ind_{i.name}" for i in TIES if i.dimension == d]
        ties[d] = _mean(parts)[0]
        columns.append(f"{ties[d]} AS ties_{d}")
    mean, count = _mean(list(ties.values()))
    columns += [f"CASE WHEN {count} >= {MIN_INPUTS} THEN {mean} END AS ties_index", f"{count} AS ties_dimensions",
                " + ".join(f"{d}_indicators" for d in TIES_DIMENSIONS) + " AS ties_indicators",
                f"{_inputs({i.name: f's.ind_{i.name}' for i in TIES})} AS ties_inputs"]
    used = {d: w for d, w in weights.items() if w}
    numerator = " + ".join(f"{w} * coalesce({dims[d]}, 0)" for d, w in used.items())
    denominator = " + ".join(f"{w} * CAST({dims[d]} IS NOT NULL AS INTEGER)" for d, w in used.items())
    present = " + ".join(f"CAST({dims[d]} IS NOT NULL AS INTEGER)" for d in DIMENSIONS)  # coverage counts every dimension
    columns += [f"CASE WHEN {present} >= {MIN_COMPOSITE_DIMENSIONS} THEN ({numerator}) / nullif({denominator}, 0) END AS composite_index",
                f"{present} AS composite_dimensions", f"{_inputs({d: dims[d] for d in DIMENSIONS})} AS composite_inputs"]
    return f"SELECT s.*, {', '.join(columns)} FROM {scores} s"


def index_sql(values: str, years: str, weights: dict[str, float] | None = None) -> str:
    """Indicator scores and indices in one pass (DuckDB reuses a column alias later in the same SELECT)."""
    return indices_sql(f"({scores_sql(values, years)})", weights)


def reweighted_sql(index: str, weights: dict[str, float]) -> str:
    """The composite of ``index`` rows (which hold ``score_<dimension>``) under
    other weights, with the same coverage rule as the published one."""
    weights = check_weights(weights)
    used = {d: w for d, w in weights.items() if w}
    numerator = " + ".join(f"{w} * coalesce(score_{d}, 0)" for d, w in used.items())
    denominator = " + ".join(f"{w} * CAST(score_{d} IS NOT NULL AS INTEGER)" for d, w in used.items())
    present = " + ".join(f"CAST(score_{d} IS NOT NULL AS INTEGER)" for d in DIMENSIONS)
    return f"""SELECT * REPLACE (CASE WHEN {present} >= {MIN_COMPOSITE_DIMENSIONS} THEN ({numerator}) / nullif({denominator}, 0) END AS composite_index,
                                {present} AS composite_dimensions) FROM {index}"""
