"""The query API (``dyad_measures``, ``partners``, ``get_measure``) and the
``measures`` and ``partners`` commands over it: orientation to the question
asked, missing values kept missing, and the documented output columns."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.measures import api
from bilateral.span import YearsOutOfRangeError
from bilateral.measures.catalog import CATALOG

CHINA, BELARUS = 710, 370
runner = CliRunner()

#: Columns the issue requires of ``bilateral measures``.
REQUIRED = (
    "year", "a_iso3", "b_iso3", "un_votes_common", "un_agree_share", "un_s_score", "un_kappa", "un_pi",
    "ideal_point_distance", "trade_a_imports_musd", "trade_b_imports_musd", "trade_total_musd", "igo_shared",
    "composite_index", "composite_rank_for_a", "composite_rank_for_b",
)  # fmt: skip
#: Each directional measure and its mirror image (A↔B), derived from the catalogue's sides.
_BY_SIDES = {m.sides: m.name for m in CATALOG if m.sides}
MIRROR = {m.name: _BY_SIDES[m.sides[::-1]] for m in CATALOG if m.sides} | {
    "a_iso3": "b_iso3",
    "b_iso3": "a_iso3",
    "name_a": "name_b",
    "name_b": "name_a",
    "composite_rank_for_a": "composite_rank_for_b",
    "composite_rank_for_b": "composite_rank_for_a",
    "dependence_a": "dependence_b",
    "dependence_b": "dependence_a",
}
STATES = ("USA", "RUS", "CHN", "BLR", "IND", "ISR", "DEU", "FRA", "BRA", "POL", "HUN", "SRB", "JPN", "PRK", "UKR", "NGA")


@pytest.fixture(scope="module")
def db(warehouse_db):
    """One read-only connection for the module (Hypothesis reuses it across examples)."""
    with duckdb.connect(str(warehouse_db), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def china_belarus(db) -> pd.DataFrame:
    return api.dyad_measures(db, "CHN", "BLR")


def _assert_mirrored(ab: pd.DataFrame, ba: pd.DataFrame) -> None:
    assert list(ab.columns) == list(ba.columns)
    assert ab["year"].tolist() == ba["year"].tolist()
    for column in ab.columns:
        other = MIRROR.get(column, column)
        pd.testing.assert_series_equal(ab[column], ba[other], check_names=False, obj=f"{column} vs {other}")


# --- orientation --------------------------------------------------------------------


def test_the_directional_catalogue_pairs_up():
    assert MIRROR["trade_a_imports_musd"] == "trade_b_imports_musd"
    assert MIRROR["trade_rank_of_b_for_a"] == "trade_rank_of_a_for_b"
    assert MIRROR["arms_tiv_a_to_b"] == "arms_tiv_b_to_a"
    assert all(MIRROR[MIRROR[name]] == name for name in MIRROR)


def test_swapping_a_and_b_swaps_only_the_directional_columns(db, china_belarus):
    _assert_mirrored(china_belarus, api.dyad_measures(db, "BLR", "CHN"))
    assert set(china_belarus["a_iso3"]) == {"CHN"} and set(china_belarus["b_iso3"]) == {"BLR"}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=st.lists(st.sampled_from(STATES), min_size=2, max_size=2, unique=True), year=st.integers(1992, 2014))
def test_any_dyad_mirrors_when_a_and_b_swap(db, pair, year):
    a, b = pair
    ab = api.dyad_measures(db, a, b, years=(year - 3, year))
    ba = api.dyad_measures(db, b, a, years=(year - 3, year))
    _assert_mirrored(ab, ba)
    assert set(ab["a_iso3"]) <= {a} and set(ab["b_iso3"]) <= {b}


def test_a_columns_describe_the_state_asked_for_first(db, china_belarus):
    # COW trade: imports1 is ccode1's (Belarus's) imports from ccode2 (China)
    cow = db.execute(
        f"SELECT imports1_musd, imports2_musd FROM core_cow_trade__dyad_year WHERE ccode1 = {BELARUS} AND ccode2 = {CHINA} AND year = 2014"
    ).fetchone()
    row = china_belarus.set_index("year").loc[2014]
    assert (row["trade_a_imports_musd"], row["trade_b_imports_musd"]) == (cow[1], cow[0])
    assert row["trade_rank_of_a_for_b"] == 3  # China is Belarus's third partner (after Russia and Ukraine)
    assert row["trade_region_rank_of_a_for_b"] == 1  # and its first in Asia
    assert row["arms_tiv_a_to_b"] == 0 and china_belarus.set_index("year").loc[2013, "arms_tiv_a_to_b"] == 3
    ranks = dict(db.execute(
        f"SELECT state, rank FROM out_index_ranks WHERE index_name = 'composite' AND year = 2014 AND state IN ({BELARUS}, {CHINA}) "
        f"AND partner IN ({BELARUS}, {CHINA})"
    ).fetchall())
    assert (row["composite_rank_for_a"], row["composite_rank_for_b"]) == (ranks[CHINA], ranks[BELARUS])
    dependence = db.execute(f"SELECT dependence1, dependence2 FROM out_index WHERE ccode1 = {BELARUS} AND ccode2 = {CHINA} AND year = 2014").fetchone()
    assert (row["dependence_a"], row["dependence_b"]) == (dependence[1], dependence[0])  # A is China, ccode2


def test_missing_stays_missing(china_belarus):
    frame = china_belarus.set_index("year")
    after_trade = frame.loc[2021:, ["trade_total_musd", "trade_a_imports_musd", "trade_dependence_a", "trade_rank_of_b_for_a"]]
    assert len(after_trade) >= 4 and after_trade.isna().all().all()  # IMF DOTS ends in 2020
    after_openalex = frame.loc[2024:, ["coauthored_works", "coauthor_salton", "score_science"]]
    assert len(after_openalex) and after_openalex.isna().all().all() and (frame.loc[2024:, "science_indicators"] == 0).all()
    assert frame.loc[2019:, "engagements"].isna().all()


def test_years_filter(db):
    frame = api.dyad_measures(db, "CHN", "BLR", years=(2000, 2005))
    assert frame["year"].tolist() == list(range(2000, 2006))
    with pytest.raises(YearsOutOfRangeError, match="Belarus .* is a state in 1991-"):  # Belarus was not a state
        api.dyad_measures(db, "CHN", "BLR", years=(1900, 1910))
    assert api.get_measure(db, "CHN", "BLR", "trade_total_musd", 1905) is None


def test_get_measure_returns_the_frames_value(db, china_belarus):
    frame = china_belarus.set_index("year")
    for name, year in [("trade_total_musd", 2014), ("un_agree_share", 2005), ("trade_dependence_b", 2010), ("engagements", 2015)]:
        value = api.get_measure(db, "CHN", "BLR", name, year)
        assert value == frame.loc[year, name] and value is not None
    assert api.get_measure(db, "CHN", "BLR", "trade_total_musd", 2021) is None  # missing (DOTS ends in 2020), not 0
    with pytest.raises(KeyError, match="known measures"):
        api.get_measure(db, "CHN", "BLR", "friendship", 2014)


# --- partners ---------------------------------------------------------------------------


def test_partners_of_belarus_in_2014_put_russia_first(db):
    frame = api.partners(db, "BLR", dimension="economic", year=2014, top=10)
    assert frame.loc[0, "partner_iso3"] == "RUS" and frame.loc[0, "rank"] == 1
    assert len(frame) == 10 and set(frame["a_iso3"]) == {"BLR"} and set(frame["year"]) == {2014}
    assert frame["economic_score"].is_monotonic_decreasing
    assert frame["rank"].is_monotonic_increasing
    scores = db.sql(
        f"SELECT CASE WHEN ccode1 = {BELARUS} THEN ccode2 ELSE ccode1 END AS partner, score_economic FROM out_index "
        f"WHERE year = 2014 AND {BELARUS} IN (ccode1, ccode2) AND score_economic IS NOT NULL"
    ).df()
    top = scores.sort_values("score_economic", ascending=False).head(10)
    assert frame["partner_ccode"].tolist() == top["partner"].tolist()
    np.testing.assert_allclose(frame["economic_score"], top["score_economic"])


def test_partners_on_the_composite_agree_with_the_composite_ranks(db):
    frame = api.partners(db, "CHN", year=2014, top=5)
    # recomputed by hand: China's partners with a composite on the year's full set of dimensions, by composite
    rows = db.sql(
        f"SELECT CASE WHEN ccode1 = {CHINA} THEN ccode2 ELSE ccode1 END AS partner, composite_index, composite_inputs "
        f"FROM out_index WHERE year = 2014 AND {CHINA} IN (ccode1, ccode2) AND composite_index IS NOT NULL"
    ).df()
    full = rows[rows["composite_inputs"] == rows["composite_inputs"].max()]
    top = full.sort_values("composite_index", ascending=False).head(5)
    assert frame["partner_ccode"].tolist() == top["partner"].tolist()
    assert (frame["ranked_partners"] == len(full)).all()


def test_unknown_dimension_is_refused(db):
    with pytest.raises(api.UnknownDimensionError, match="use one of ties, dependence, alignment, composite"):
        api.partners(db, "BLR", dimension="culture")


# --- the commands ------------------------------------------------------------------------------


def _invoke(*args: str):
    return runner.invoke(app, list(args))


def test_measures_csv_has_the_documented_columns_and_empty_missing(warehouse_db):
    result = _invoke("measures", "CHN", "BLR", "--format", "csv", "--db", str(warehouse_db))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(REQUIRED) <= set(rows[0])
    by_year = {int(r["year"]): r for r in rows}
    assert by_year[2014]["trade_total_musd"] == "3124.0"
    assert (by_year[2014]["a_iso3"], by_year[2014]["b_iso3"]) == ("CHN", "BLR")
    assert by_year[2021]["trade_total_musd"] == "" and by_year[2020]["igo_shared"] == ""  # DOTS ends in 2020, IGOs in 2014
    assert by_year[2020]["coauthored_works"] == "184" and by_year[2024]["coauthored_works"] == ""
    assert by_year[2015]["rivalry"] == ""  # after the rivalry data's end: empty, not 0


def test_measures_json_keeps_missing_as_null(warehouse_db):
    result = _invoke("measures", "CHN", "BLR", "--years", "2013-2022", "--format", "json", "--db", str(warehouse_db))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["year"] for r in rows] == list(range(2013, 2023))
    assert all(set(REQUIRED) <= set(r) for r in rows)
    assert rows[1]["trade_a_imports_musd"] == 749 and rows[1]["trade_b_imports_musd"] == 2375
    assert rows[8]["trade_total_musd"] is None and rows[8]["coauthored_works"] is not None  # 2021: after DOTS, inside OpenAlex


def test_measures_table_lists_every_column_as_a_row(warehouse_db):
    result = _invoke("measures", "CHN", "BLR", "--years", "2013-2014", "--format", "table", "--db", str(warehouse_db))
    assert result.exit_code == 0, result.output
    for name in REQUIRED[1:]:
        assert name in result.stdout, name
    assert "2013" in result.stdout and "2014" in result.stdout


def test_partners_command_json(warehouse_db):
    result = _invoke("partners", "BLR", "--dimension", "economic", "--year", "2014", "--top", "5", "--format", "json", "--db", str(warehouse_db))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 5 and rows[0]["partner_iso3"] == "RUS"
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)


@pytest.mark.parametrize("weights", ["alignment=x", "culture=1", "alignment=-1,economic=1", "alignment=0"])
def test_bad_weights_exit_2(warehouse_db, weights):
    result = _invoke("measures", "CHN", "BLR", "--weights", weights, "--format", "csv", "--db", str(warehouse_db))
    assert result.exit_code == 2, result.output


def test_good_weights_change_the_composite(warehouse_db):
    result = _invoke("measures", "CHN", "BLR", "--years", "2014-2014", "--weights", "alignment=1", "--format", "json", "--db", str(warehouse_db))
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]
    assert row["composite_index"] == pytest.approx(row["score_alignment"])


def test_unknown_dimension_exits_2(warehouse_db):
    result = _invoke("partners", "BLR", "--dimension", "culture", "--db", str(warehouse_db))
    assert result.exit_code == 2
    assert "unknown dimension" in result.output


def test_reported_trade_keeps_every_reporter_and_orients_to_a(con):
    from bilateral.measures.api import reported_trade

    frame = reported_trade(con, "CHN", "BLR")
    raw = con.sql(
        "SELECT * FROM core_ledger__trade_reported WHERE 710 IN (partner_a_ccode, partner_b_ccode) AND 370 IN (partner_a_ccode, partner_b_ccode)"
    ).df()
    assert len(frame) == len(raw)
    totals_2022 = frame[(frame.year == 2022) & (frame.measure == "total_trade")]
    assert {5790.0, 5080.0} <= set(totals_2022.value_musd)  # BelTA and the PRC ambassador disagree: both kept
    assert totals_2022.reporter.nunique() >= 2
    exports = frame[frame.measure == "exports"]
    assert set(exports.direction) <= {"CHN exports", "BLR exports"}
    assert (frame.source_url.str.startswith("http")).all()


def test_china_investment_only_for_china_dyads(con):
    rows = con.sql(
        "SELECT ccode1, ccode2, year, china_investment_musd FROM out_dyad_year WHERE year = 2010 AND ccode1 IN (2, 370) AND ccode2 IN (365, 710)"
    ).df().set_index(["ccode1", "ccode2"])["china_investment_musd"]
    raw = con.sql("SELECT sum(usd_musd) FROM core_china_finance__investments WHERE ccode = 2 AND year = 2010").fetchone()[0]
    assert rows[(2, 710)] == pytest.approx(raw)
    assert pd.isna(rows[(2, 365)])  # not a China dyad: no data, not 0
    assert rows[(370, 710)] >= 0


@pytest.mark.parametrize("a, b", [("CHN", "BLR"), ("BLR", "CHN")])
def test_the_brief_and_the_measures_orient_a_pair_alike(con, a, b):
    """One orientation: the brief's oriented columns (report/queries.py) come
    from the catalogue's sides, so they equal `bilateral measures` whichever
    state is A (China is ccode2 of the pair, Belarus ccode1)."""
    from bilateral.report.queries import load

    codes = {"CHN": CHINA, "BLR": BELARUS}
    brief = load(con, codes[a], codes[b]).dyad_years.set_index("year")
    measures = api.dyad_measures(con, a, b).set_index("year").reindex(brief.index)
    pairs = {"imports_a_musd": "trade_a_imports_musd", "imports_b_musd": "trade_b_imports_musd", "idealpoint_a": "a_ideal_point",
             "idealpoint_b_q95": "b_ideal_point_q95", "trade_rank_of_b_for_a": "trade_rank_of_b_for_a",
             "arms_tiv_delivered_a_to_b": "arms_tiv_delivered_a_to_b", "dots_exports_b_to_a_by_b_musd": "dots_exports_b_to_a_by_b_musd"}
    for column, name in pairs.items():
        pd.testing.assert_series_equal(brief[column].astype(float), measures[name].astype(float), check_names=False, obj=column)
    assert brief["imports_a_musd"].dropna().ne(brief["imports_b_musd"].dropna()).any()  # the two sides differ, so a swap would show
