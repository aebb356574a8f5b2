"""The dyad-year universe and the add_* verbs: peacesciencer's definition,
row counts preserved, NULL outside coverage, direction handled."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.dyads import add_alliances, add_ideal_points, add_igos, add_trade, create_dyadyears
from bilateral.errors import UnitOfAnalysisError
from bilateral.sources.states import SOURCE as STATES

CHINA, BELARUS = 710, 370


@pytest.fixture(scope="module")
def cow_states(mirror):
    return STATES.load("cow_states", mirror=mirror)


def _members(cow_states: pd.DataFrame, year: int) -> set[int]:
    end = cow_states["endyear"].where(cow_states["endyear"] < 2016, 9999)
    alive = (cow_states["styear"] <= year) & (end >= year)
    return set(cow_states.loc[alive, "ccode"])


@pytest.mark.parametrize("year", [1900, 1960, 1992, 2014, 2020])
def test_universe_is_every_pair_of_system_members(con, cow_states, year):
    frame = create_dyadyears(con, years=(year, year))
    members = _members(cow_states, year)
    assert len(frame) == len(members) * (len(members) - 1) // 2
    assert set(frame["ccode1"]) | set(frame["ccode2"]) == members
    assert (frame["ccode1"] < frame["ccode2"]).all()


def test_directed_universe_has_both_orders(con):
    undirected = create_dyadyears(con, years=(2000, 2000))
    directed = create_dyadyears(con, directed=True, years=(2000, 2000))
    assert len(directed) == 2 * len(undirected)


def test_out_table_matches_the_universe(con):
    universe = con.execute("SELECT count(*) FROM out_dyad_year").fetchone()[0]
    assert universe == len(create_dyadyears(con))


def test_trade_equals_the_cow_rows_to_2014_then_dots_to_2020(con, mirror):
    from bilateral.sources.cow_trade import SOURCE

    cow = SOURCE.load_raw(mirror=mirror)
    raw = cow[(cow.ccode1 == BELARUS) & (cow.ccode2 == CHINA)].set_index("year")
    frame = add_trade(create_dyadyears(con, years=(1993, 2024)), con)
    dyad = frame[(frame.ccode1 == BELARUS) & (frame.ccode2 == CHINA)].set_index("year")
    assert dyad.loc[2014, "imports1_musd"] == 2375 and dyad.loc[2014, "imports2_musd"] == 749
    for year in range(1993, 2015):
        assert dyad.loc[year, "imports1_musd"] == raw.loc[float(year), "flow1"]
        assert dyad.loc[year, "trade_total_musd"] == raw.loc[float(year), "flow1"] + raw.loc[float(year), "flow2"]
    assert (dyad.loc[2015:2020, "trade_source"] == "imf_dots").all() and dyad.loc[2015:2020, "imports1_musd"].notna().all()
    assert dyad.loc[2021:, "imports1_musd"].isna().all()  # DOTS ends in 2020: missing, not 0


def test_directed_rows_swap_the_directional_columns(con):
    frame = add_trade(create_dyadyears(con, directed=True, years=(2014, 2014)), con)
    china_side = frame[(frame.ccode1 == CHINA) & (frame.ccode2 == BELARUS)].iloc[0]
    assert china_side["imports1_musd"] == 749 and china_side["imports2_musd"] == 2375


def test_alliances_are_zero_inside_coverage_and_null_after_unless_carried(con):
    frame = add_alliances(create_dyadyears(con, years=(2016, 2020)), con)
    dyad = frame[(frame.ccode1 == 365) & (frame.ccode2 == BELARUS)].set_index("year")
    assert dyad.loc[2018, "atop_any"] == 1  # Belarus and Russia: CSTO / Union State
    usa_cuba = frame[(frame.ccode1 == 2) & (frame.ccode2 == 40)].set_index("year")
    assert usa_cuba.loc[2018, "atop_any"] == 0 and usa_cuba.loc[2018, "atop_carried_forward"] == 0
    after = frame[frame.year > 2018]
    carried = after["atop_carried_forward"] == 1
    assert after.loc[~carried, ["atop_any", "atop_carried_forward"]].isna().all().all()  # no obligation in 2018: unknown, not 0
    assert usa_cuba.loc[[2019, 2020], "atop_any"].isna().all()
    assert (after.loc[carried, "atop_any"] == 1).all()
    assert (frame.loc[frame.year <= 2018, "atop_carried_forward"] == 0).all()  # observed rows


def test_russia_belarus_defence_is_carried_forward_from_the_raw_file(con, mirror):
    from bilateral.sources.atop import FILE
    from bilateral.sources.readers import read_r

    raw = read_r(Path(mirror) / FILE.path, "atop_alliance")  # the file itself, not the warehouse
    pair = raw[raw["ccode1"].isin([365, BELARUS]) & raw["ccode2"].isin([365, BELARUS])]
    assert pair["year"].max() == 2018 and (pair.loc[pair["year"] == 2018, "atop_defense"] == 1).all()
    frame = add_alliances(create_dyadyears(con, years=(2017, 2024)), con)
    dyad = frame[(frame.ccode1 == 365) & (frame.ccode2 == BELARUS)].set_index("year").sort_index()
    assert dyad.loc[2017:2018, "atop_carried_forward"].tolist() == [0, 0]
    assert dyad.loc[2019:2024, "atop_defense"].tolist() == [1] * 6
    assert dyad.loc[2019:2024, "atop_carried_forward"].tolist() == [1] * 6
    for kind in ("offense", "neutral", "nonagg", "consul"):  # every type as it stood in 2018, 0s included
        assert (dyad.loc[2019:2024, f"atop_{kind}"] == int(pair.loc[pair["year"] == 2018, f"atop_{kind}"].max())).all()


def test_one_sided_obligations_count_for_the_dyad(con):
    # ATOP: the USA (2) is obliged to defend Japan (740); Japan is not obliged to defend the USA
    one_way = con.execute("SELECT atop_defense FROM core_atop__dyad_year WHERE ccode1 = 740 AND ccode2 = 2 AND year = 2000").fetchone()
    other_way = con.execute("SELECT atop_defense FROM core_atop__dyad_year WHERE ccode1 = 2 AND ccode2 = 740 AND year = 2000").fetchone()
    assert {one_way[0], other_way[0]} == {0, 1}
    frame = add_alliances(create_dyadyears(con, years=(2000, 2000)), con)
    assert frame.query("ccode1 == 2 and ccode2 == 740").iloc[0]["atop_defense"] == 1


def test_verbs_refuse_a_frame_that_is_not_dyad_years(con):
    with pytest.raises(UnitOfAnalysisError, match="create_dyadyears"):
        add_trade(pd.DataFrame({"ccode": [370], "year": [2000]}), con)
    frame = create_dyadyears(con, years=(2000, 2000))
    with pytest.raises(UnitOfAnalysisError, match="repeated"):
        add_igos(pd.concat([frame, frame.head(1)]), con)
    with pytest.raises(UnitOfAnalysisError, match="overwrite"):
        add_trade(add_trade(frame, con), con)


def test_ideal_point_distance_is_the_gap_between_published_points(con):
    frame = add_ideal_points(create_dyadyears(con, years=(2019, 2019)), con)
    row = frame[(frame.ccode1 == BELARUS) & (frame.ccode2 == CHINA)].iloc[0]
    points = con.sql(
        f"SELECT ccode, idealpoint_all FROM core_voeten_idealpoints__country_year WHERE year = 2019 AND ccode IN ({BELARUS}, {CHINA})"
    ).df().set_index("ccode")["idealpoint_all"]
    assert row["ideal_point_distance"] == pytest.approx(abs(points[BELARUS] - points[CHINA]))


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=18000), min_size=1, max_size=50, unique=True), st.booleans())
def test_verbs_preserve_rows_on_any_subset(con, rows, directed):
    base = create_dyadyears(con, directed=directed, years=(2010, 2010))
    subset = base.iloc[[r % len(base) for r in rows]].drop_duplicates()
    for verb in (add_trade, add_igos, add_alliances, add_ideal_points):
        assert len(verb(subset, con)) == len(subset)


def test_arrow_on_request_gives_the_same_rows(con):
    table = add_trade(create_dyadyears(con, years=(2014, 2014), arrow=True), con)
    frame = add_trade(create_dyadyears(con, years=(2014, 2014)), con)
    assert table.num_rows == len(frame)
    assert table.to_pandas()["trade_total_musd"].sum() == frame["trade_total_musd"].sum()


@pytest.fixture(scope="module")
def voeten_raw(mirror) -> pd.DataFrame:
    """The published ideal points read straight from the Stata file (not through the source module)."""
    from bilateral.sources.voeten import FILE

    frame = pd.read_stata(Path(mirror) / FILE.path)
    return frame.set_index([frame["ccode"].astype(int), frame["year"].astype(int)])


def _raw_pair(raw: pd.DataFrame, c1: int, c2: int, year: int, estimate: str) -> dict:
    p1, p2 = raw.loc[(c1, year)], raw.loc[(c2, year)]
    low1, high1, low2, high2 = p1[f"q5{estimate}"], p1[f"q95{estimate}"], p2[f"q5{estimate}"], p2[f"q95{estimate}"]
    point1, point2 = p1[f"idealpoint{estimate}"], p2[f"idealpoint{estimate}"]
    return {"distance": abs(point1 - point2), "clear": int(high1 < low2 or high2 < low1), "q5_1": low1, "q95_2": high2}


@pytest.mark.parametrize(
    "c1, c2, year, estimate, clear",
    [
        (BELARUS, CHINA, 2023, "all", 0),  # the two 90% intervals overlap: no clear difference
        (BELARUS, CHINA, 2010, "all", 1),  # apart
        (2, CHINA, 2023, "all", 1),
        (BELARUS, CHINA, 2024, "fp", 0),  # 2024: only the foreign-policy estimate exists, used for both sides
        (2, 365, 2024, "fp", 1),
    ],
)
def test_ideal_points_use_one_estimate_and_flag_overlapping_intervals(con, voeten_raw, c1, c2, year, estimate, clear):
    frame = add_ideal_points(create_dyadyears(con, years=(year, year)), con)
    row = frame[(frame.ccode1 == c1) & (frame.ccode2 == c2)].iloc[0]
    expected = _raw_pair(voeten_raw, c1, c2, year, estimate)
    assert row["ideal_point_measure"] == estimate
    assert row["ideal_point_distance"] == pytest.approx(expected["distance"], abs=1e-6)
    assert row["idealpoint1_q5"] == pytest.approx(expected["q5_1"], abs=1e-6)
    assert row["idealpoint2_q95"] == pytest.approx(expected["q95_2"], abs=1e-6)
    assert row["ideal_point_gap_clear"] == expected["clear"] == clear


@pytest.mark.slow
def test_ideal_points_never_mix_estimates_within_a_dyad_year(con, voeten_raw):
    frame = add_ideal_points(create_dyadyears(con, years=(2022, 2024)), con)
    assert set(frame.loc[frame.year <= 2023, "ideal_point_measure"].dropna()) == {"all"}
    assert set(frame.loc[frame.year == 2024, "ideal_point_measure"].dropna()) == {"fp"}
    for side in ("1", "2"):  # each point is the chosen estimate of that state, nothing else
        keyed = frame.dropna(subset=["ideal_point_measure"])
        expected = [voeten_raw.loc[(c, y), f"idealpoint{m}"] for c, y, m in zip(keyed[f"ccode{side}"], keyed["year"], keyed["ideal_point_measure"])]
        assert keyed[f"idealpoint{side}"].to_numpy() == pytest.approx(expected, abs=1e-6)
    no_data = frame["ideal_point_measure"].isna()
    assert frame.loc[no_data, ["ideal_point_distance", "ideal_point_gap_clear", "idealpoint1"]].isna().all().all()
