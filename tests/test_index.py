"""The composite index in ``out_index``: percentiles, dimension scores, the
weighted composite and partner ranks, each recomputed in pandas from
``out_dyad_year`` for a sample of years; and the weights' validation."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pandas as pd
import pytest

from bilateral.measures import api
from bilateral.measures.catalog import DIMENSIONS, index_measures
from bilateral.measures.index import DEFAULT_WEIGHTS, check_weights

CHINA, BELARUS, RUSSIA = 710, 370, 365
YEARS = (1965, 2000, 2014, 2019)  # sample years with different sources present
KEYS = ["ccode1", "ccode2", "year"]


@pytest.fixture(scope="module")
def frames(warehouse_db):
    """out_dyad_year's index measures and out_index, for the sample years."""
    measures = ", ".join(sorted({m.column for m in index_measures()}))
    years = ", ".join(map(str, YEARS))
    with duckdb.connect(str(warehouse_db), read_only=True) as c:
        values = c.sql(f"SELECT ccode1, ccode2, year, {measures} FROM out_dyad_year WHERE year IN ({years})").df()
        index = c.sql(f"SELECT * FROM out_index WHERE year IN ({years})").df()
    return values.set_index(KEYS).sort_index(), index.set_index(KEYS).sort_index()


def _percentile(values: pd.Series, higher_is_closer: bool) -> pd.Series:
    """Mid-rank percentile: dyads strictly less close plus half the ties, over the other dyads, ×100."""
    def one_year(series: pd.Series) -> pd.Series:
        series = series.dropna()
        rank = series.rank(method="average", ascending=higher_is_closer)
        return 100 * (rank - 1) / (len(series) - 1) if len(series) > 1 else rank * 0.0 + 50.0

    return values.groupby(level="year", group_keys=False).apply(one_year)


def _scores(index: pd.DataFrame) -> pd.DataFrame:
    scores = pd.DataFrame(index=index.index)
    for dimension in DIMENSIONS:
        columns = [f"pct_{m.name}" for m in index_measures(dimension)]
        scores[f"score_{dimension}"] = index[columns].mean(axis=1, skipna=True) if columns else np.nan
        scores[f"{dimension}_indicators"] = index[columns].notna().sum(axis=1) if columns else 0
    return scores


def _composite(scores: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    numerator = sum(w * scores[f"score_{d}"].fillna(0) for d, w in weights.items())
    denominator = sum(w * scores[f"score_{d}"].notna() for d, w in weights.items())
    return (numerator / denominator.replace(0, np.nan)).rename("composite")


# --- row counts and bounds --------------------------------------------------------------


def test_out_index_has_one_row_per_dyad_year(con):
    rows = con.execute("SELECT (SELECT count(*) FROM out_index), (SELECT count(*) FROM out_dyad_year)").fetchone()
    assert rows[0] == rows[1] > 1_000_000
    same_keys = con.execute(
        "SELECT count(*) FROM out_index i JOIN out_dyad_year d USING (ccode1, ccode2, year)"
    ).fetchone()[0]
    assert same_keys == rows[1]


def test_percentiles_scores_and_composite_stay_within_0_and_100(con):
    columns = [f"pct_{m.name}" for m in index_measures()] + [f"score_{d}" for d in DIMENSIONS] + ["composite_index"]
    bounds = con.execute(f"SELECT {', '.join(f'min({c}), max({c})' for c in columns)} FROM out_index").fetchone()
    for column, low, high in zip(columns, bounds[::2], bounds[1::2]):
        if low is not None:
            assert 0 <= low <= high <= 100, column


# --- percentiles -----------------------------------------------------------------------


@pytest.mark.parametrize("measure", index_measures(), ids=lambda m: m.name)
def test_percentiles_match_pandas(frames, measure):
    values, index = frames
    expected = _percentile(values[measure.column].astype(float), measure.higher_is_closer)
    got = index[f"pct_{measure.name}"]
    assert got.notna().sum() == len(expected)
    np.testing.assert_allclose(got.reindex(expected.index), expected, atol=1e-9)
    assert got[values[measure.column].isna()].isna().all()  # no value, no percentile


@pytest.mark.parametrize("year", YEARS)
def test_smallest_ideal_point_distance_gets_100_and_largest_0(frames, year):
    values, index = frames
    distance = values.xs(year, level="year")["ideal_point_distance"].dropna()
    pct = index.xs(year, level="year")["pct_ideal_point_distance"]
    closest, farthest = distance.idxmin(), distance.idxmax()
    assert (distance == distance.min()).sum() == 1
    assert pct[closest] == 100
    assert pct[farthest] == 0


def test_higher_is_closer_measures_are_not_reversed(frames):
    values, index = frames
    trade = values.xs(2014, level="year")["trade_total_musd"].dropna()
    pct = index.xs(2014, level="year")["pct_trade_total_musd"]
    assert pct[trade.idxmax()] == 100
    assert pct[trade.idxmin()] == pct.min()  # the smallest traders tie for the lowest (mid-rank) percentile


# --- dimension scores and composite ---------------------------------------------------------


def test_dimension_scores_are_the_mean_of_available_percentiles(frames):
    _, index = frames
    expected = _scores(index)
    for column in expected:
        np.testing.assert_allclose(index[column].astype(float), expected[column].astype(float), atol=1e-9, err_msg=column)
    china_belarus = index.loc[(BELARUS, CHINA, 2014)]
    assert china_belarus["economic_indicators"] == 2 and china_belarus["science_indicators"] == 2  # OpenAlex from 1990
    assert pd.isna(index.loc[(RUSSIA, CHINA, 1965), "score_science"])  # before OpenAlex: missing, never 0
    assert index.loc[(RUSSIA, CHINA, 1965), "science_indicators"] == 0


def test_composite_is_the_weighted_mean_of_available_dimensions(frames):
    _, index = frames
    expected = _composite(index, DEFAULT_WEIGHTS)
    np.testing.assert_allclose(index["composite_index"].astype(float), expected, atol=1e-9)
    dimensions = sum(index[f"score_{d}"].notna().astype(int) for d in DEFAULT_WEIGHTS)
    assert np.array_equal(index["composite_dimensions"].to_numpy(dtype=int), dimensions.to_numpy())
    # by hand for one dyad-year: the missing dimensions' weights are dropped (2019: IMF DOTS trade, no IGO counts)
    row = index.loc[(BELARUS, CHINA, 2019)]
    available = {d: w for d, w in DEFAULT_WEIGHTS.items() if not pd.isna(row[f"score_{d}"])}
    assert set(available) == {"alignment", "economic", "military", "science"}
    by_hand = sum(w * row[f"score_{d}"] for d, w in available.items()) / sum(available.values())
    assert row["composite_index"] == pytest.approx(by_hand)


@pytest.mark.parametrize("year", YEARS)
def test_composite_ranks_match_pandas(frames, year):
    _, index = frames
    rows = index.xs(year, level="year")[["composite_index"]].dropna().reset_index()
    directed = pd.concat(
        [
            rows.rename(columns={"ccode1": "state", "ccode2": "partner"}),
            rows.rename(columns={"ccode2": "state", "ccode1": "partner"}),
        ]
    )
    directed["rank"] = directed.groupby("state")["composite_index"].rank(ascending=False, method="min")
    rank = directed.set_index(["state", "partner"])["rank"]
    got = index.xs(year, level="year")
    keys = got.index.to_frame(index=False)
    of_2_for_1 = rank.reindex(pd.MultiIndex.from_arrays([keys["ccode1"], keys["ccode2"]]))
    of_1_for_2 = rank.reindex(pd.MultiIndex.from_arrays([keys["ccode2"], keys["ccode1"]]))
    np.testing.assert_array_equal(got["composite_rank_of_2_for_1"].astype(float).to_numpy(), of_2_for_1.to_numpy())
    np.testing.assert_array_equal(got["composite_rank_of_1_for_2"].astype(float).to_numpy(), of_1_for_2.to_numpy())


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
    assert alignment_only["score_alignment"].notna().sum() > 20
    np.testing.assert_allclose(alignment_only["composite_index"], alignment_only["score_alignment"], atol=1e-9)
    two = api.dyad_measures(con, "CHN", "BLR", years=(2000, 2014), weights={"alignment": 1, "economic": 3})
    expected = _composite(two, {"alignment": 1, "economic": 3})
    np.testing.assert_allclose(two["composite_index"], expected, atol=1e-9)
    default = api.dyad_measures(con, "CHN", "BLR", years=(2000, 2014))
    assert not np.allclose(default["composite_index"], two["composite_index"])


def test_custom_weight_ranks_are_recomputed_among_all_partners(con):
    # China's rank among Belarus's partners on alignment alone, recomputed from out_index's scores
    year = 2014
    frame = api.dyad_measures(con, "BLR", "CHN", years=(year, year), weights={"alignment": 1})
    scores = con.sql(
        f"SELECT ccode1, ccode2, score_alignment FROM out_index WHERE year = {year} AND {BELARUS} IN (ccode1, ccode2) AND score_alignment IS NOT NULL"
    ).df()
    china = scores.loc[(scores.ccode1 == BELARUS) & (scores.ccode2 == CHINA), "score_alignment"].iloc[0]
    assert frame.loc[0, "composite_rank_for_a"] == (scores["score_alignment"] > china).sum() + 1
