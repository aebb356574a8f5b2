"""Every measure a user can ask for, declared once: its dimension, unit,
source, and where it lives in ``out_dyad_year``.

A directional measure has one column per side (``…1`` for ``ccode1``,
``…2`` for ``ccode2``); the API turns them into the A and B of the question.
The same declarations drive the ``measures`` command, the composite index,
docs/method.md's tables and (later) the claim checker, so that a measure is
queryable by dyad, year and name through one small API.
"""

from __future__ import annotations

from dataclasses import dataclass

from bilateral.measures.dimensions import DIMENSIONS  # re-exported


@dataclass(frozen=True)
class Measure:
    """One indicator of one dimension."""

    name: str  # the name users see, with A and B where directional
    dimension: str
    unit: str
    source: str  # a name in ``_sources`` (or "bilateral" for derived values)
    description: str
    column: str | None = None  # non-directional column in out_dyad_year
    sides: tuple[str, str] | None = None  # (column for ccode1's side, column for ccode2's side)
    higher_is_closer: bool = True

    def column_for(self, a_is_ccode1: bool) -> str:
        """The out_dyad_year column holding this measure for side A."""
        if self.column is not None:
            return self.column
        first, second = self.sides
        return first if a_is_ccode1 else second

    def oriented_sql(self, alias: str | None = None, a: str = "$a") -> str:
        """A select item giving this measure for side A when the SQL does not
        know which of ``ccode1`` and ``ccode2`` A is: ``a`` is the expression
        for A's COW number (a bound parameter). The one place, with
        :meth:`column_for`, that says which column is which side's."""
        name = alias or self.name
        if self.column is not None:
            return f"{self.column} AS {name}"
        return side_sql(*self.sides, name, a)


def side_sql(first: str, second: str, alias: str, a: str = "$a") -> str:
    """The select item for A's side of a pair of columns, ``first`` holding
    ``ccode1``'s value and ``second`` ``ccode2``'s, when the SQL does not know
    which of the two A is (``a``: the expression for A's COW number, a bound
    parameter). Every query that orients a dyad row to A and B says it here."""
    return f"CASE WHEN ccode1 = {a} THEN {first} ELSE {second} END AS {alias}"


#: The columns that open every row of ``bilateral measures``, before the measures.
KEY_COLUMNS = {
    "year": "the year",
    "a_iso3": "ISO3 code of A, the first state asked for (its code today)",
    "b_iso3": "ISO3 code of B, the second state asked for",
    "name_a": "A's name in that year: Soviet Union for COW 365 in 1970, Yugoslavia for 345 in 1987 (docs/method.md)",
    "name_b": "B's name in that year",
}

M = Measure

#: A source whose series another source continues for the same measures: the
#: UN roll calls run from unvotes (to January 2020) into unxml (to 2026).
CONTINUED_BY = {"unvotes": "unxml"}
CATALOG: tuple[Measure, ...] = (
    # strategic alignment
    M("un_votes_common", "alignment", "roll calls", "unvotes", "UNGA roll calls on which both voted (yes, no or abstain)", column="un_votes_common"),
    M("un_agree_share", "alignment", "share", "unvotes", "share of common roll calls with identical votes (unvotes to Jan 2020, then unxml)", column="un_agree_share"),
    M("un_s_score", "alignment", "index −1…1", "unvotes", "Signorino–Ritter S on yes/abstain/no positions", column="un_s_score"),
    M("un_kappa", "alignment", "index ≤1", "unvotes", "Häge's Cohen's κ: S's distance corrected for chance", column="un_kappa"),
    M("un_pi", "alignment", "index ≤1", "unvotes", "Häge's Scott's π: as κ with pooled vote shares", column="un_pi"),
    M("ideal_point_distance", "alignment", "ideal-point units", "voeten_idealpoints", "absolute gap between the two published UNGA ideal points, both from the same estimate (ideal_point_measure); within the estimates' uncertainty when ideal_point_gap_clear is 0", column="ideal_point_distance", higher_is_closer=False),
    M("ideal_point_measure", "alignment", "all/fp", "voeten_idealpoints", "which published estimate both ideal points come from: 'all' (all roll calls) where both states have it, else 'fp' (foreign-policy roll calls; the only one for 2024)", column="ideal_point_measure"),
    M("ideal_point_gap_clear", "alignment", "0/1", "voeten_idealpoints", "1 when the two ideal points' 90% intervals (5th–95th percentiles) do not overlap, 0 when they do (no clear difference), NULL without both intervals", column="ideal_point_gap_clear"),
    M("a_ideal_point", "alignment", "ideal-point units", "voeten_idealpoints", "A's published UNGA ideal point (estimate in ideal_point_measure)", sides=("idealpoint1", "idealpoint2")),
    M("b_ideal_point", "alignment", "ideal-point units", "voeten_idealpoints", "B's published UNGA ideal point (estimate in ideal_point_measure)", sides=("idealpoint2", "idealpoint1")),
    M("a_ideal_point_q5", "alignment", "ideal-point units", "voeten_idealpoints", "5th percentile of A's ideal point", sides=("idealpoint1_q5", "idealpoint2_q5")),
    M("b_ideal_point_q5", "alignment", "ideal-point units", "voeten_idealpoints", "5th percentile of B's ideal point", sides=("idealpoint2_q5", "idealpoint1_q5")),
    M("a_ideal_point_q95", "alignment", "ideal-point units", "voeten_idealpoints", "95th percentile of A's ideal point", sides=("idealpoint1_q95", "idealpoint2_q95")),
    M("b_ideal_point_q95", "alignment", "ideal-point units", "voeten_idealpoints", "95th percentile of B's ideal point", sides=("idealpoint2_q95", "idealpoint1_q95")),
    # economic ties
    # one spliced series: COW where it has the pair (to 2014), IMF DOTS after and where COW lacks it (to 2020);
    # the source named is the one covering the latest years, trade_source says which a year's figures come from
    M("trade_source", "economic", "source", "imf_dots", "where the year's trade figures come from: 'cow' (COW dyadic trade, to 2014) or 'imf_dots' (IMF DOTS: the importer's CIF report, else the exporter's FOB report)", column="trade_source"),
    M("trade_a_imports_musd", "economic", "USD millions", "imf_dots", "A's imports from B (COW to 2014, IMF DOTS after; see trade_source)", sides=("imports1_musd", "imports2_musd")),
    M("trade_b_imports_musd", "economic", "USD millions", "imf_dots", "B's imports from A (COW to 2014, IMF DOTS after; see trade_source)", sides=("imports2_musd", "imports1_musd")),
    M("trade_total_musd", "economic", "USD millions", "imf_dots", "trade between A and B, both directions (COW to 2014, IMF DOTS after; see trade_source)", column="trade_total_musd"),
    M("trade_dependence_a", "economic", "share", "imf_dots", "A–B trade as a share of A's total trade, both from the year's trade_source (COW national totals, or A's DOTS trade with the World)", sides=("trade_dependence1", "trade_dependence2")),
    M("trade_dependence_b", "economic", "share", "imf_dots", "A–B trade as a share of B's total trade, both from the year's trade_source", sides=("trade_dependence2", "trade_dependence1")),
    M("trade_dependence_mean", "economic", "share", "imf_dots", "mean of the two sides' trade dependence", column="trade_dependence_mean"),
    M("trade_rank_of_b_for_a", "economic", "rank", "imf_dots", "B's rank among A's trading partners (1 = largest; spliced series)", sides=("trade_rank_of_2_for_1", "trade_rank_of_1_for_2")),
    M("trade_rank_of_a_for_b", "economic", "rank", "imf_dots", "A's rank among B's trading partners (spliced series)", sides=("trade_rank_of_1_for_2", "trade_rank_of_2_for_1")),
    M("trade_region_rank_of_b_for_a", "economic", "rank", "imf_dots", "B's rank among A's partners in B's UN region", sides=("trade_region_rank_of_2_for_1", "trade_region_rank_of_1_for_2")),
    M("trade_region_rank_of_a_for_b", "economic", "rank", "imf_dots", "A's rank among B's partners in A's UN region", sides=("trade_region_rank_of_1_for_2", "trade_region_rank_of_2_for_1")),
    # mirror statistics: each side's own DOTS report of each flow, whichever the series above uses (1960–2020)
    M("dots_imports_a_from_b_by_a_musd", "economic", "USD millions", "imf_dots", "A's imports from B as A reports them to the IMF (CIF; IMF estimates left out)", sides=("dots_imports_1_from_2_by_1_musd", "dots_imports_2_from_1_by_2_musd")),
    M("dots_exports_b_to_a_by_b_musd", "economic", "USD millions", "imf_dots", "the same flow as B reports it: B's exports to A (FOB)", sides=("dots_exports_2_to_1_by_2_musd", "dots_exports_1_to_2_by_1_musd")),
    M("dots_imports_b_from_a_by_b_musd", "economic", "USD millions", "imf_dots", "B's imports from A as B reports them to the IMF (CIF)", sides=("dots_imports_2_from_1_by_2_musd", "dots_imports_1_from_2_by_1_musd")),
    M("dots_exports_a_to_b_by_a_musd", "economic", "USD millions", "imf_dots", "the same flow as A reports it: A's exports to B (FOB)", sides=("dots_exports_1_to_2_by_1_musd", "dots_exports_2_to_1_by_2_musd")),
    M("china_investment_musd", "economic", "USD millions", "china_finance", "Chinese investment deals of USD 100m or more in the other state (China dyads only, 2005–2017)", column="china_investment_musd"),
    M("china_investment_deals", "economic", "deals", "china_finance", "number of such deals", column="china_investment_deals"),
    M("trade_growth_pct", "economic", "%", "imf_dots", "change in A–B trade on the previous year (spliced series; 2015 compares DOTS with COW's 2014)", column="trade_growth_pct"),
    M("china_aid_projects", "economic", "projects", "china_finance", "Chinese official finance projects committed to the other state (AidData 1.1.1; China dyads only, 2000–2014)", column="china_aid_projects"),
    M("china_aid_commitments_musd", "economic", "USD millions", "china_finance", "amounts committed to those projects, current USD (known amounts only; China dyads only)", column="china_aid_commitments_musd"),
    # military cooperation
    M("atop_defense", "military", "0/1", "atop", "defence pact in force (ATOP; after 2018 carried forward from 2018 (see atop_carried_forward))", column="atop_defense"),
    M("atop_offense", "military", "0/1", "atop", "offence pact in force (ATOP; after 2018 carried forward from 2018 (see atop_carried_forward))", column="atop_offense"),
    M("atop_neutral", "military", "0/1", "atop", "neutrality pact in force (ATOP; after 2018 carried forward from 2018 (see atop_carried_forward))", column="atop_neutral"),
    M("atop_nonagg", "military", "0/1", "atop", "non-aggression pact in force (ATOP; after 2018 carried forward from 2018 (see atop_carried_forward))", column="atop_nonagg"),
    M("atop_consul", "military", "0/1", "atop", "consultation pact in force (ATOP; after 2018 carried forward from 2018 (see atop_carried_forward))", column="atop_consul"),
    M("atop_any", "military", "0/1", "atop", "any ATOP obligation in force (after 2018: carried forward from 2018)", column="atop_any"),
    M("atop_carried_forward", "military", "0/1", "atop", "1: the ATOP values are the dyad's 2018 obligations carried forward, an assumption (ATOP ends in 2018 and records no end for them); 0: observed in ATOP; NULL after 2018 for dyads without an obligation in 2018", column="atop_carried_forward"),
    M("arms_tiv_a_to_b", "military", "TIV millions", "sipri", "SIPRI TIV of weapons delivered under deals A→B ordered that year (NULL when every such deal's TIV is unknown)", sides=("arms_tiv_1_to_2", "arms_tiv_2_to_1")),
    M("arms_tiv_b_to_a", "military", "TIV millions", "sipri", "SIPRI TIV of weapons delivered under deals B→A ordered that year (NULL when every such deal's TIV is unknown)", sides=("arms_tiv_2_to_1", "arms_tiv_1_to_2")),
    M("arms_tiv_total", "military", "TIV millions", "sipri", "arms transfers in both directions (TIV, by year of order)", column="arms_tiv_total"),
    M("arms_deals_a_to_b", "military", "deals", "sipri", "arms deals A→B ordered that year", sides=("arms_deals_1_to_2", "arms_deals_2_to_1")),
    M("arms_deals_b_to_a", "military", "deals", "sipri", "arms deals B→A ordered that year", sides=("arms_deals_2_to_1", "arms_deals_1_to_2")),
    M("arms_deals_tiv_unknown", "military", "deals", "sipri", "deals between A and B ordered that year whose delivered TIV SIPRI does not give (counted, not taken as 0)", column="arms_deals_tiv_unknown"),
    M("arms_tiv_delivered_a_to_b", "military", "TIV millions", "sipri", "SIPRI TIV delivered A→B that year, by year of delivery (a deal's delivered TIV split evenly over its delivery years)", sides=("arms_tiv_delivered_1_to_2", "arms_tiv_delivered_2_to_1")),
    M("arms_tiv_delivered_b_to_a", "military", "TIV millions", "sipri", "SIPRI TIV delivered B→A that year, by year of delivery", sides=("arms_tiv_delivered_2_to_1", "arms_tiv_delivered_1_to_2")),
    M("arms_tiv_delivered_total", "military", "TIV millions", "sipri", "arms deliveries in both directions that year (TIV, by year of delivery)", column="arms_tiv_delivered_total"),
    M("rivalry", "military", "0/1", "rivalries", "strategic rivalry active (Thompson & Dreyer)", column="rivalry", higher_is_closer=False),
    M("ledger_joint_exercises", "military", "events", "ledger", "joint exercises recorded in the ledger (selective; not ranked)", column="ledger_joint_exercises"),
    # political contact
    M("igo_shared", "political", "IGOs", "cow_igo", "intergovernmental organisations both belong to", column="igo_shared"),
    M("engagements", "political", "engagements", "chinavitae", "engagements of seven top Chinese officials with the other state (China dyads only)", column="engagements"),
    M("ledger_high_level_events", "political", "events", "ledger", "visits, leader meetings and calls in the ledger (selective; not ranked)", column="ledger_high_level_events"),
    M("ledger_agreements", "political", "events", "ledger", "agreements signed, from the ledger (selective; not ranked)", column="ledger_agreements"),
    # scientific cooperation
    M("coauthored_works", "science", "works", "openalex", "works with authors in both states (OpenAlex)", column="coauthored_works"),
    M("coauthor_share_a", "science", "share", "openalex", "A's co-authorship links that are with B: a share of A's international co-authorship", sides=("coauthor_share1", "coauthor_share2")),
    M("coauthor_share_b", "science", "share", "openalex", "B's co-authorship links that are with A", sides=("coauthor_share2", "coauthor_share1")),
    M("coauthor_salton", "science", "index 0…1", "openalex", "Salton's cosine: co-authored works / √(A's works × B's works), corrected for size", column="coauthor_salton"),
    # context, not a dimension of closeness
    M("mindist_km", "context", "km", "geography", "minimum distance between the two states", column="mindist_km"),
)

BY_NAME = {m.name: m for m in CATALOG}


def measure(name: str) -> Measure:
    """The measure called ``name``, with the known names in the error."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"no measure {name!r}; known measures: {', '.join(BY_NAME)}") from None


def index_measures(dimension: str | None = None) -> list[Measure]:
    """The measures that enter the composite index (of one dimension, if given),
    as :mod:`bilateral.measures.index` declares its indicators."""
    from bilateral.measures.index import composite_indicators

    names = {i.measure for i in composite_indicators(dimension)}
    return [m for m in CATALOG if m.name in names]
