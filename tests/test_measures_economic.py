"""Economic ties in ``out_dyad_year`` (dependence, partner ranks, growth),
cross-checked against pandas computations made from the spliced trade tables
(COW to 2014, IMF DOTS after; themselves checked against the core COW and
DOTS tables in test_trade_splice.py) and the country codelist, not from the
warehouse's SQL."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

CHINA, BELARUS, RUSSIA, USA = 710, 370, 365, 2
CHECK_YEARS = (1950, 1990, 2014, 2018)  # a sample of years for the all-dyad checks (2018: IMF DOTS)
ECONOMIC = (
    "trade_total_musd",
    "trade_dependence1",
    "trade_dependence2",
    "trade_dependence_mean",
    "trade_growth_pct",
    "trade_rank_of_2_for_1",
    "trade_rank_of_1_for_2",
    "trade_region_rank_of_2_for_1",
    "trade_region_rank_of_1_for_2",
)


@pytest.fixture(scope="module")
def tables(warehouse_db):
    """The source tables (as pandas) and the measures under test."""
    with duckdb.connect(str(warehouse_db), read_only=True) as c:
        return {
            "dyad": c.sql("SELECT ccode1, ccode2, year, trade_source, imports1_musd, imports2_musd FROM out_trade_dyad_year").df(),
            "state": c.sql("SELECT ccode, year, trade_source, imports_musd, exports_musd FROM out_trade_state_year").df(),
            "region": c.sql("SELECT ccode, un_region FROM core_codes__codelist WHERE ccode IS NOT NULL").df(),
            "out": c.sql(f"SELECT ccode1, ccode2, year, {', '.join(ECONOMIC)} FROM out_dyad_year WHERE year <= 2020").df(),
        }


@pytest.fixture(scope="module")
def dyad_trade(tables) -> pd.DataFrame:
    """The spliced dyadic trade with its total, one row per (ccode1 < ccode2, year)."""
    frame = tables["dyad"].copy()
    frame["total"] = frame["imports1_musd"] + frame["imports2_musd"]
    return frame


def _out_rows(tables, years) -> pd.DataFrame:
    out = tables["out"]
    return out[out["year"].isin(years)].set_index(["ccode1", "ccode2", "year"]).sort_index()


def _directed(dyad_trade: pd.DataFrame, years) -> pd.DataFrame:
    """Each dyad with trade twice, as (state, partner)."""
    rows = dyad_trade[dyad_trade["year"].isin(years) & dyad_trade["total"].notna()]
    forward = rows.rename(columns={"ccode1": "state", "ccode2": "partner"})[["state", "partner", "year", "total"]]
    backward = rows.rename(columns={"ccode2": "state", "ccode1": "partner"})[["state", "partner", "year", "total"]]
    return pd.concat([forward, backward], ignore_index=True)


def _partner_ranks(dyad_trade: pd.DataFrame, region: pd.DataFrame, years) -> pd.DataFrame:
    """Partner rank (1 = largest, ties share the best place) overall and among partners in the same UN region."""
    directed = _directed(dyad_trade, years).merge(region.rename(columns={"ccode": "partner"}), on="partner", how="left")
    directed["rank"] = directed.groupby(["state", "year"])["total"].rank(ascending=False, method="min")
    known = directed["un_region"].notna()
    directed.loc[known, "region_rank"] = directed[known].groupby(["state", "year", "un_region"])["total"].rank(ascending=False, method="min")
    return directed.set_index(["state", "partner", "year"])


# --- dependence ---------------------------------------------------------------


@pytest.mark.parametrize("c1, c2, year", [(BELARUS, CHINA, 2014), (BELARUS, CHINA, 1995), (USA, CHINA, 2000), (USA, RUSSIA, 2010)])
def test_dependence_is_dyad_trade_over_each_sides_total_trade(tables, dyad_trade, c1, c2, year):
    state = tables["state"].set_index(["ccode", "year", "trade_source"])
    trade, source = dyad_trade.set_index(["ccode1", "ccode2", "year"]).loc[(c1, c2, year), ["total", "trade_source"]]
    total1 = state.loc[(c1, year, source), "imports_musd"] + state.loc[(c1, year, source), "exports_musd"]
    total2 = state.loc[(c2, year, source), "imports_musd"] + state.loc[(c2, year, source), "exports_musd"]
    row = _out_rows(tables, [year]).loc[(c1, c2, year)]
    assert row["trade_dependence1"] == pytest.approx(trade / total1, rel=1e-12)
    assert row["trade_dependence2"] == pytest.approx(trade / total2, rel=1e-12)
    assert row["trade_dependence_mean"] == pytest.approx((trade / total1 + trade / total2) / 2, rel=1e-12)


def test_china_belarus_2014_dependence_is_asymmetric(tables):
    # COW 2014: 3124 USD m of dyadic trade; Belarus trades far less than China in total
    state = tables["state"].set_index(["ccode", "year", "trade_source"])
    belarus_total = state.loc[(BELARUS, 2014, "cow"), ["imports_musd", "exports_musd"]].sum()
    row = _out_rows(tables, [2014]).loc[(BELARUS, CHINA, 2014)]
    assert row["trade_total_musd"] == 3124
    assert row["trade_dependence1"] == pytest.approx(3124 / belarus_total)
    assert row["trade_dependence1"] > 50 * row["trade_dependence2"]


@pytest.mark.parametrize("year", CHECK_YEARS)
def test_dependence_of_every_dyad_matches_pandas(tables, dyad_trade, year):
    state = tables["state"].assign(total=lambda f: f["imports_musd"] + f["exports_musd"])[["ccode", "year", "trade_source", "total"]]
    expected = dyad_trade[dyad_trade["year"] == year].merge(  # totals of the same source as the year's trade
        state.rename(columns={"ccode": "ccode1", "total": "total1"}), on=["ccode1", "year", "trade_source"], how="left"
    ).merge(state.rename(columns={"ccode": "ccode2", "total": "total2"}), on=["ccode2", "year", "trade_source"], how="left")
    expected["dep1"] = expected["total"] / expected["total1"].replace(0, np.nan)
    expected["dep2"] = expected["total"] / expected["total2"].replace(0, np.nan)
    got = _out_rows(tables, [year]).join(expected.set_index(["ccode1", "ccode2", "year"])[["dep1", "dep2"]], how="left")
    assert len(got) == len(_out_rows(tables, [year]))
    np.testing.assert_allclose(got["trade_dependence1"].astype(float), got["dep1"].astype(float), rtol=1e-12, equal_nan=True)
    np.testing.assert_allclose(got["trade_dependence2"].astype(float), got["dep2"].astype(float), rtol=1e-12, equal_nan=True)
    shares = got[["trade_dependence1", "trade_dependence2"]].stack().astype(float)
    assert shares.between(0, 1).all(), "dyadic trade cannot exceed a state's total trade"


# --- partner ranks --------------------------------------------------------------


def test_russia_is_belarus_first_partner_and_china_its_first_in_asia(tables, dyad_trade):
    all_ranks = _partner_ranks(dyad_trade, tables["region"], [2014])
    ranks = all_ranks.loc[BELARUS].xs(2014, level="year")
    assert ranks["rank"].idxmin() == RUSSIA
    out = _out_rows(tables, [2014])
    belarus_russia = out.loc[(RUSSIA, BELARUS, 2014)]  # Belarus is ccode2 here
    assert belarus_russia["trade_rank_of_1_for_2"] == 1
    china = out.loc[(BELARUS, CHINA, 2014)]  # Belarus is ccode1 here
    assert china["trade_rank_of_2_for_1"] == ranks.loc[CHINA, "rank"]
    assert china["trade_region_rank_of_2_for_1"] == ranks.loc[CHINA, "region_rank"] == 1
    asia = ranks[ranks["un_region"] == "Asia"]
    assert asia["total"].idxmax() == CHINA
    assert china["trade_rank_of_1_for_2"] == all_ranks.loc[(CHINA, BELARUS, 2014), "rank"]  # Belarus among China's partners


def test_belarus_partner_ranks_match_pandas_for_every_partner(tables, dyad_trade):
    expected = _partner_ranks(dyad_trade, tables["region"], [2014]).loc[BELARUS].xs(2014, level="year")
    out = _out_rows(tables, [2014]).reset_index()
    mine = out[(out["ccode1"] == BELARUS) | (out["ccode2"] == BELARUS)].copy()
    first = mine["ccode1"] == BELARUS
    mine["partner"] = mine["ccode2"].where(first, mine["ccode1"])
    mine["rank"] = mine["trade_rank_of_2_for_1"].where(first, mine["trade_rank_of_1_for_2"])
    mine["region_rank"] = mine["trade_region_rank_of_2_for_1"].where(first, mine["trade_region_rank_of_1_for_2"])
    mine = mine.set_index("partner").loc[expected.index]
    assert len(expected) > 100
    assert (mine["rank"].astype(float).to_numpy() == expected["rank"].to_numpy()).all()
    assert np.array_equal(mine["region_rank"].astype(float).to_numpy(), expected["region_rank"].to_numpy(), equal_nan=True)
    # ranks run from 1 without gaps except after ties
    assert sorted(mine["rank"].astype(int))[:3] == [1, 2, 3]


@pytest.mark.parametrize("year", CHECK_YEARS)
def test_partner_ranks_of_every_dyad_match_pandas(tables, dyad_trade, year):
    ranks = _partner_ranks(dyad_trade, tables["region"], [year])
    out = _out_rows(tables, [year])
    keys = out.index.to_frame(index=False)
    for column, state, partner in (
        ("trade_rank_of_2_for_1", "ccode1", "ccode2"),
        ("trade_rank_of_1_for_2", "ccode2", "ccode1"),
    ):
        index = pd.MultiIndex.from_arrays([keys[state], keys[partner], keys["year"]])
        expected = ranks.reindex(index)
        np.testing.assert_array_equal(out[column].astype(float).to_numpy(), expected["rank"].to_numpy())
        region_column = column.replace("trade_rank", "trade_region_rank")
        np.testing.assert_array_equal(out[region_column].astype(float).to_numpy(), expected["region_rank"].to_numpy())


# --- growth -----------------------------------------------------------------------


def _expected_growth(dyad_trade: pd.DataFrame) -> pd.Series:
    """100 × (trade / trade in the previous calendar year − 1), from the COW rows."""
    now = dyad_trade.set_index(["ccode1", "ccode2", "year"])["total"]
    before = dyad_trade.assign(year=dyad_trade["year"] + 1).set_index(["ccode1", "ccode2", "year"])["total"]
    before = before.reindex(now.index)
    return (100 * (now / before.replace(0, np.nan) - 1)).rename("expected")


def test_china_belarus_growth_is_the_change_on_the_previous_year(tables, dyad_trade):
    rows = dyad_trade[(dyad_trade["ccode1"] == BELARUS) & (dyad_trade["ccode2"] == CHINA)].set_index("year")["total"]
    out = _out_rows(tables, range(1993, 2015)).loc[(BELARUS, CHINA)]
    for year in range(1994, 2015):
        assert out.loc[year, "trade_growth_pct"] == pytest.approx(100 * (rows[year] / rows[year - 1] - 1))
    assert out.loc[2014, "trade_growth_pct"] == pytest.approx(100 * (3124 / 3421 - 1))


def test_growth_matches_pandas_where_the_dyad_existed_the_year_before(tables, dyad_trade):
    out = tables["out"].set_index(["ccode1", "ccode2", "year"])
    previous = out.index.to_frame(index=False).assign(year=lambda f: f["year"] + 1)
    had_previous = out.index.isin(pd.MultiIndex.from_frame(previous))
    got = out.loc[had_previous, ["trade_growth_pct"]].join(_expected_growth(dyad_trade), how="left")
    assert len(got) > 500_000
    np.testing.assert_allclose(got["trade_growth_pct"].astype(float), got["expected"].astype(float), rtol=1e-9, equal_nan=True)


def test_growth_is_null_when_there_is_no_previous_year(tables, dyad_trade):
    out = tables["out"].set_index(["ccode1", "ccode2", "year"])
    got = out[["trade_growth_pct"]].join(_expected_growth(dyad_trade), how="left")
    wrong = got[got["trade_growth_pct"].notna() & got["expected"].isna()]
    # e.g. Canada–Norway 1945 is reported as -80 %, the change on 1940
    assert wrong.empty, wrong.head()


# --- coverage ------------------------------------------------------------------------


def test_economic_measures_are_null_after_2020_never_zero(con):
    counts = con.execute(
        f"SELECT {', '.join(f'count({c})' for c in ECONOMIC)}, count(*) FROM out_dyad_year WHERE year > 2020"
    ).fetchone()
    assert counts[-1] > 0
    assert counts[:-1] == (0,) * len(ECONOMIC)
    growth = con.execute("SELECT count(trade_growth_pct) FILTER (WHERE year = 2014), count(trade_growth_pct) FILTER (WHERE year = 2020) "
                         "FROM out_dyad_year").fetchone()
    assert min(growth) > 5_000  # the last COW year and the last DOTS year have their growth
