"""The indices in ``out_index`` (ties, dependence, alignment, composite), the
coverage table ``out_index_inputs`` and the ranks view, each recomputed in
pandas from ``out_dyad_year`` for a sample of years; the coverage rules
(issue 9) asserted over the whole warehouse; and the weights' validation."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pandas as pd
import pytest

from bilateral.measures import api
from bilateral.measures.catalog import DIMENSIONS
from bilateral.measures.index import (DEFAULT_WEIGHTS, LOG_RANGE, MIN_COMPOSITE_DIMENSIONS, MIN_INPUTS, TIES_DIMENSIONS, TIES_LOG_RANGE, check_weights,
                                      input_names)
from bilateral.measures.index_inputs import MAX_MODAL_SHARE, MIN_SHARE_WITH_VALUE, breaks, spans

CHINA, BELARUS, RUSSIA, USA, USSR = 710, 370, 365, 2, 365
YEARS = (1965, 2000, 2014, 2019)  # sample years with different sources present
KEYS = ["ccode1", "ccode2", "year"]
RAW = ("trade_total_musd", "arms_tiv_delivered_total", "arms_tiv_delivered_1_to_2", "arms_tiv_delivered_2_to_1", "atop_defense",
       "atop_offense", "rivalry", "igo_shared", "coauthored_works", "un_agree_share", "un_s_score", "un_kappa", "ideal_point_distance",
       "trade_dependence1", "trade_dependence2", "coauthor_share1", "coauthor_share2")


@pytest.fixture(scope="module")
def frames(warehouse_db):
    """out_dyad_year's raw inputs and out_index, for the sample years."""
    years = ", ".join(map(str, YEARS))
    with duckdb.connect(str(warehouse_db), read_only=True) as c:
        values = c.sql(f"SELECT ccode1, ccode2, year, {', '.join(RAW)} FROM out_dyad_year WHERE year IN ({years})").df()
        index = c.sql(f"SELECT * FROM out_index WHERE year IN ({years})").df()
        inputs = c.sql(f"SELECT * FROM out_index_inputs WHERE year IN ({years})").df()
    return values.set_index(KEYS).sort_index(), index.set_index(KEYS).sort_index(), inputs


def _informative(values: pd.Series) -> bool:
    """The coverage rule by hand: half the pairs have a value, and no value covers more than 99.5% of them."""
    have = values.dropna()
    if len(have) < MIN_SHARE_WITH_VALUE * len(values) or have.empty:
        return False
    return have.value_counts().iloc[0] <= MAX_MODAL_SHARE * len(have)


def _log_score(values: pd.Series, k: int = LOG_RANGE) -> pd.Series:
    return 100 * np.log1p(k * values / values.max()) / np.log1p(k)


def _mid_rank(values: pd.Series, ascending: bool = True) -> pd.Series:
    have = values.dropna()
    return 100 * (have.rank(method="average", ascending=ascending) - 1) / (len(have) - 1)


# --- shape -------------------------------------------------------------------------------------------


def test_out_index_has_one_row_per_dyad_year(con):
    rows = con.execute("SELECT (SELECT count(*) FROM out_index), (SELECT count(*) FROM out_dyad_year)").fetchone()
    assert rows[0] == rows[1] > 1_000_000
    same = con.execute("SELECT count(*) FROM out_index i JOIN out_dyad_year d USING (ccode1, ccode2, year)").fetchone()[0]
    assert same == rows[1]


def test_scores_and_indices_stay_within_0_and_100(con):
    columns = ["ties_index", "alignment_index", "composite_index", "dependence1", "dependence2", *(f"score_{d}" for d in DIMENSIONS)]
    bounds = con.execute(f"SELECT {', '.join(f'min({c}), max({c})' for c in columns)} FROM out_index").fetchone()
    for column, low, high in zip(columns, bounds[::2], bounds[1::2]):
        assert low is not None and 0 <= low <= high <= 100 + 1e-9, column


# --- the coverage table ----------------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_informative_flags_follow_the_rule(frames, year):
    values, _, inputs = frames
    raw = values.xs(year, level="year")
    alliance = np.where(raw["rivalry"].fillna(0) == 1, 0, raw[["atop_defense", "atop_offense"]].max(axis=1, skipna=False))
    if year > 2018:
        alliance = np.where(pd.isna(alliance), 0, alliance)
    by_hand = {"trade": raw["trade_total_musd"], "arms": raw["arms_tiv_delivered_total"], "alliance": pd.Series(alliance, dtype=float),
               "igo": raw["igo_shared"], "coauthored": raw["coauthored_works"], "un_agree": raw["un_agree_share"],
               "ideal_points": raw["ideal_point_distance"], "trade_share": pd.concat([raw["trade_dependence1"], raw["trade_dependence2"]]),
               "coauthor_share": pd.concat([raw["coauthor_share1"], raw["coauthor_share2"]])}
    got = inputs[inputs["year"] == year].set_index("indicator")["informative"]
    for name, series in by_hand.items():
        assert bool(got[name]) == _informative(series.astype(float)), (year, name)


def test_sources_that_stopped_are_not_informative(con):
    # COW IGOs end in 2014, trade (COW, then IMF DOTS) in 2020, OpenAlex starts in 1990: outside, never informative (and never 0)
    rows = dict(con.execute("""SELECT indicator || ':' || year, informative FROM out_index_inputs
                                WHERE (indicator IN ('trade', 'igo') AND year IN (2016, 2022)) OR (indicator = 'coauthored' AND year IN (1985, 2000))""").fetchall())
    assert rows == {"trade:2016": True, "igo:2016": False, "trade:2022": False, "igo:2022": False,
                    "coauthored:1985": False, "coauthored:2000": True}
    assert con.execute("SELECT count(*) FROM out_index WHERE year = 2016 AND ind_igo IS NOT NULL").fetchone()[0] == 0


def test_carried_forward_alliances_are_flagged(con):
    notes = con.execute("SELECT DISTINCT note FROM out_index_inputs WHERE indicator = 'alliance' AND year > 2018").fetchall()
    assert notes and all("carried forward" in n[0] for n in notes)
    assert con.execute("SELECT count(*) FROM out_index_inputs WHERE year <= 2018 AND note IS NOT NULL").fetchone()[0] == 0


# --- ties -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", (2000, 2014))
def test_ties_indicators_are_log_volumes_against_the_year_largest(frames, year):
    values, index, _ = frames
    raw, got = values.xs(year, level="year"), index.xs(year, level="year")
    for name, column in (("trade", "trade_total_musd"), ("arms", "arms_tiv_delivered_total"), ("igo", "igo_shared"),
                         ("coauthored", "coauthored_works")):
        expected = _log_score(raw[column].astype(float))
        np.testing.assert_allclose(got[f"ind_{name}"].astype(float), expected, atol=1e-9, err_msg=name)
        assert got.loc[raw[column].astype(float).idxmax(), f"ind_{name}"] == pytest.approx(100)
        assert (got.loc[raw[column] == 0, f"ind_{name}"] == 0).all()  # no recorded tie: the bottom, not the middle
        # the ties index's own scale: the same log over a narrower range (K = 30), so it falls faster below the top
        np.testing.assert_allclose(got[f"tie_{name}"].astype(float), _log_score(raw[column].astype(float), TIES_LOG_RANGE),
                                   atol=1e-9, err_msg=name)
        scored = got[f"ind_{name}"].notna()
        assert scored.any() and (got.loc[scored, f"tie_{name}"] <= got.loc[scored, f"ind_{name}"] + 1e-9).all()


def test_ties_index_is_the_mean_of_its_dimensions(frames):
    _, index, _ = frames
    dims = index[[f"ties_{d}" for d in TIES_DIMENSIONS]].astype(float)
    expected = dims.mean(axis=1).where(dims.notna().sum(axis=1) >= MIN_INPUTS)
    np.testing.assert_allclose(index["ties_index"].astype(float), expected, atol=1e-9)
    np.testing.assert_allclose(index["ties_economic"].astype(float), index["tie_trade"].astype(float), atol=1e-9)
    military = index[["tie_arms", "ind_alliance"]].astype(float).mean(axis=1)  # the alliance is 0/100 on both scales
    np.testing.assert_allclose(index["ties_military"].astype(float), military, atol=1e-9)
    military = index[["ind_arms", "ind_alliance"]].astype(float).mean(axis=1)  # the composite's dimension, on K = 1000
    np.testing.assert_allclose(index["score_military"].astype(float), military, atol=1e-9)


def test_an_alliance_during_an_active_rivalry_is_no_tie(frames):
    values, index, _ = frames
    ussr_china = (RUSSIA, CHINA, 1965)
    assert values.loc[ussr_china, "atop_defense"] == 1 and values.loc[ussr_china, "rivalry"] == 1  # the 1950 treaty, the split
    assert index.loc[ussr_china, "ind_alliance"] == 0
    assert index.loc[(USA, 200, 2000), "ind_alliance"] == 100  # NATO


# --- alignment and dependence -----------------------------------------------------------------------------


@pytest.mark.parametrize("year", (1965, 2014))
def test_alignment_indicators_are_mid_rank_percentiles(frames, year):
    values, index, _ = frames
    raw, got = values.xs(year, level="year"), index.xs(year, level="year")
    for name, column, ascending in (("un_agree", "un_agree_share", True), ("ideal_points", "ideal_point_distance", False)):
        expected = _mid_rank(raw[column].astype(float), ascending)
        np.testing.assert_allclose(got[f"ind_{name}"].reindex(expected.index).astype(float), expected, atol=1e-9, err_msg=name)
    parts = got[["ind_un_agree", "ind_un_s", "ind_un_kappa", "ind_ideal_points"]].astype(float)
    expected = parts.mean(axis=1).where(parts.notna().sum(axis=1) >= MIN_INPUTS)
    np.testing.assert_allclose(got["alignment_index"].astype(float), expected, atol=1e-9)


def test_dependence_is_each_side_mean_share(frames):
    values, index, _ = frames
    raw, got = values.xs(2000, level="year"), index.xs(2000, level="year")
    imports = pd.concat([raw["arms_tiv_delivered_2_to_1"].groupby(level="ccode1").sum(),
                         raw["arms_tiv_delivered_1_to_2"].groupby(level="ccode2").sum()]).groupby(level=0).sum()
    own = imports.reindex(raw.index.get_level_values("ccode1")).to_numpy()
    arms1 = np.where(own == 0, 0.0, raw["arms_tiv_delivered_2_to_1"].to_numpy(dtype=float) / np.where(own == 0, np.nan, own))
    shares = pd.DataFrame({"trade": raw["trade_dependence1"], "arms": arms1, "co": raw["coauthor_share1"]}, index=raw.index).astype(float)
    expected = 100 * shares.clip(upper=1).mean(axis=1).where(shares.notna().sum(axis=1) == 3)
    np.testing.assert_allclose(got["dependence1"].astype(float), expected, atol=1e-9)
    china_belarus = got.loc[(BELARUS, CHINA)]
    assert china_belarus["dependence1"] > china_belarus["dependence2"]  # Belarus relies on China more than China on Belarus


# --- coverage rules ------------------------------------------------------------------------------------------


def test_no_index_rests_on_fewer_inputs_than_the_rule(con):
    worst = con.execute(f"""SELECT min(ties_dimensions) FILTER (WHERE ties_index IS NOT NULL),
                                   min(alignment_indicators) FILTER (WHERE alignment_index IS NOT NULL),
                                   min(dependence_indicators) FILTER (WHERE dependence1 IS NOT NULL),
                                   min(composite_dimensions) FILTER (WHERE composite_index IS NOT NULL),
                                   count(*) FILTER (WHERE composite_index IS NULL AND composite_dimensions >= {MIN_COMPOSITE_DIMENSIONS})
                            FROM out_index""").fetchone()
    assert worst[0] >= MIN_INPUTS and worst[1] >= MIN_INPUTS and worst[2] >= MIN_INPUTS
    assert worst[3] >= MIN_COMPOSITE_DIMENSIONS and worst[4] == 0
    # 2022: trade and IGOs have stopped, so the composite (arms, alliances, co-authorship, UN votes) is not built
    assert con.execute("SELECT count(composite_index) FROM out_index WHERE year = 2022").fetchone()[0] == 0


@pytest.mark.slow
def test_ranks_compare_only_pairs_with_the_same_inputs(con):
    # one pass over the view (5 million ranks): it is computed again by every query that reads it
    mixed, thin = con.execute(f"""
        SELECT count(*) FILTER (WHERE r.inputs IS DISTINCT FROM f.inputs),
               count(*) FILTER (WHERE (r.index_name = 'composite' AND i.composite_dimensions < {MIN_COMPOSITE_DIMENSIONS})
                                   OR (r.index_name = 'ties' AND i.ties_dimensions < {MIN_INPUTS}))
        FROM out_index_ranks r LEFT JOIN out_index_full_inputs f USING (index_name, year)
        JOIN out_index i ON i.ccode1 = least(r.state, r.partner) AND i.ccode2 = greatest(r.state, r.partner) AND i.year = r.year
    """).fetchone()
    assert mixed == 0
    assert thin == 0


def test_ties_ranks_of_china_match_pandas(con):
    rows = con.sql(f"""SELECT CASE WHEN ccode1 = {CHINA} THEN ccode2 ELSE ccode1 END AS partner, ties_index, ties_inputs
                       FROM out_index WHERE year = 2010 AND {CHINA} IN (ccode1, ccode2) AND ties_index IS NOT NULL""").df()
    full = rows["ties_inputs"].max()
    assert input_names("ties", full) == ["trade", "arms", "alliance", "igo", "coauthored"]
    ranked = rows[rows["ties_inputs"] == full].copy()
    ranked["expected"] = ranked["ties_index"].rank(ascending=False, method="min")
    got = con.sql(f"SELECT partner, rank, partners FROM out_index_ranks WHERE index_name = 'ties' AND state = {CHINA} AND year = 2010").df()
    merged = got.merge(ranked, on="partner")
    assert len(merged) == len(ranked) == len(got) and (merged["partners"] == len(ranked)).all()
    np.testing.assert_array_equal(merged["rank"].to_numpy(dtype=float), merged["expected"].to_numpy(dtype=float))
    assert len(rows) > len(ranked)  # partners without every input (no trade data, say) are not ranked


@pytest.mark.parametrize("a, b", [(710, 370), (2, 20), (2, 70), (365, 710), (200, 220), (2, 365), (345, 710), (403, 710)])
def test_a_pairs_ranks_are_the_views_rows_for_the_pair(con, a, b):
    """The brief's fast pair query (pair_ranks_sql) gives exactly the view's rows for the pair:
    neighbours, rivals, great powers, a small state (São Tomé, 403), a historical state (Yugoslavia, 345)."""
    from bilateral.measures.index_ranks import pair_ranks_sql

    columns = "index_name, state, partner, year, value, inputs, rank, partners"
    view = con.execute(f"SELECT {columns} FROM out_index_ranks WHERE state IN ($a, $b) AND partner IN ($a, $b) ORDER BY ALL",
                       {"a": a, "b": b}).fetchall()
    fast = con.execute(f"SELECT {columns} FROM ({pair_ranks_sql()}) ORDER BY ALL", {"a": a, "b": b}).fetchall()
    assert view, "the pair has no ranks to compare"
    assert fast == view


def test_breaks_and_spans_follow_the_inputs():
    inputs = pd.Series([15, 15, 15, 31, 31, None, 31, 13], index=range(2000, 2008))
    assert breaks(inputs) == [2003, 2007]
    assert spans(inputs) == [(2000, 2002), (2003, 2006), (2007, 2007)]


# --- weights -------------------------------------------------------------------------------------


def test_default_weights_cover_the_five_dimensions_and_sum_to_one():
    assert set(DEFAULT_WEIGHTS) == set(DIMENSIONS)
    assert sum(DEFAULT_WEIGHTS.values()) == pytest.approx(1)
    assert check_weights({"alignment": 2}) == {"alignment": 2.0, "economic": 0.0, "military": 0.0, "political": 0.0, "science": 0.0}


@pytest.mark.parametrize(
    "weights, message",
    [
        ({"culture": 1}, "unknown dimension"),
        ({"alignment": 1, "Economic": 1}, "unknown dimension"),
        ({"alignment": -0.5, "economic": 1}, "non-negative"),
        ({"alignment": 0, "economic": 0}, "not all zero"),
        ({}, "not all zero"),
    ],
)
def test_check_weights_rejects_bad_weights(weights, message):
    with pytest.raises(ValueError, match=message):
        check_weights(weights)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_check_weights_rejects_non_finite_weights(bad):
    with pytest.raises(ValueError):
        check_weights({"alignment": bad, "economic": 1})


def test_custom_weights_make_the_composite_the_weighted_dimension(con):
    alignment_only = api.dyad_measures(con, "CHN", "BLR", weights={"alignment": 1})
    covered = alignment_only["composite_dimensions"] >= MIN_COMPOSITE_DIMENSIONS
    assert covered.sum() > 20
    np.testing.assert_allclose(alignment_only.loc[covered, "composite_index"], alignment_only.loc[covered, "score_alignment"], atol=1e-9)
    assert alignment_only.loc[~covered, "composite_index"].isna().all()  # the coverage rule holds whatever the weights
    default = api.dyad_measures(con, "CHN", "BLR", years=(2000, 2014))
    two = api.dyad_measures(con, "CHN", "BLR", years=(2000, 2014), weights={"alignment": 1, "economic": 3})
    dims = default[[f"score_{d}" for d in DIMENSIONS]]
    expected = (dims["score_alignment"] + 3 * dims["score_economic"]) / 4
    np.testing.assert_allclose(two["composite_index"], expected, atol=1e-9)
    assert not np.allclose(default["composite_index"], two["composite_index"])


def test_custom_weight_ranks_are_recomputed_among_partners_with_the_same_dimensions(con):
    year = 2014
    frame = api.dyad_measures(con, "BLR", "CHN", years=(year, year), weights={"alignment": 1})
    scores = con.sql(f"""SELECT ccode1, ccode2, score_alignment FROM out_index
                         WHERE year = {year} AND {BELARUS} IN (ccode1, ccode2) AND composite_index IS NOT NULL
                           AND composite_inputs = (SELECT inputs FROM out_index_full_inputs WHERE index_name = 'composite' AND year = {year})""").df()
    china = scores.loc[(scores.ccode1 == BELARUS) & (scores.ccode2 == CHINA), "score_alignment"].iloc[0]
    assert frame.loc[0, "composite_rank_for_a"] == (scores["score_alignment"] > china).sum() + 1


@pytest.mark.parametrize("year", [1900, 1915, 2005])
def test_the_modal_trade_value_is_the_smallest_of_the_most_frequent(con, year):
    """Recomputed with pandas from out_dyad_year: among the values held by the
    most pairs, the smallest (1900 and 1915 have ties, which DuckDB's mode
    used to break by the order its threads met the rows)."""
    values = con.execute("SELECT trade_total_musd FROM out_dyad_year WHERE year = ? AND trade_total_musd IS NOT NULL", [year]).df()
    counts = values["trade_total_musd"].value_counts()
    expected = counts[counts == counts.max()].index.min()
    modal, pairs = con.execute("""SELECT modal_value, round(modal_share * pairs_with_value) FROM out_index_inputs
                                  WHERE year = ? AND index_name = 'ties' AND indicator = 'trade'""", [year]).fetchone()
    assert (modal, pairs) == (expected, counts.max())
