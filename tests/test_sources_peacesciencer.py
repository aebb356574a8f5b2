"""The peacesciencer-packaged sources: COW state trade, IGOs, ATOP, NMC, geography,
democracy, rivalries, major powers. Values were looked up in the raw .rda files."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest

from bilateral.checks import check_columns, run_checks
from bilateral.errors import SourceSchemaError

CHINA, BELARUS, RUSSIA, INDIA = 710, 370, 365, 750
GOLDEN = {
    ("cow_trade_state", "state_year"): 14410,
    ("cow_igo", "dyad_year"): 917695,
    ("atop", "dyad_year"): 273296,
    ("nmc", "state_year"): 17121,
    ("geography", "mindist"): 952244,
    ("geography", "capitals"): 242,
    ("geography", "contiguity"): 1874,
    ("democracy", "state_year"): 16731,
    ("rivalries", "rivalry"): 197,
    ("majors", "major_power"): 14,
}


def source(module):
    return import_module(f"bilateral.sources.{module}").SOURCE


@pytest.fixture(scope="module")
def tables(mirror):
    return {key: source(key[0]).load(key[1], mirror=mirror) for key in GOLDEN}


def row(frame, **where):
    mask = True
    for column, value in where.items():
        mask = mask & (frame[column] == value)
    found = frame[mask]
    assert len(found) == 1, where
    return found.iloc[0]


@pytest.mark.parametrize("key", GOLDEN, ids=lambda key: ".".join(key))
def test_table_has_its_golden_rows_unique_key_and_documented_columns(tables, key):
    frame, spec = tables[key], source(key[0]).table(key[1])
    assert len(frame) == GOLDEN[key] == spec.golden_rows
    run_checks(frame, spec, ".".join(key))
    assert list(frame.columns) == list(spec.columns)


def test_a_missing_column_fails_the_column_check(tables):
    spec = source("cow_igo").table("dyad_year")
    frame = tables[("cow_igo", "dyad_year")].drop(columns="igo_shared")
    with pytest.raises(SourceSchemaError, match="igo_shared"):
        check_columns(frame, spec, "cow_igo.dyad_year")


def test_state_trade_2014(tables):
    frame = tables[("cow_trade_state", "state_year")]
    assert row(frame, ccode=BELARUS, year=2014)["imports_musd"] == pytest.approx(40787.87, abs=0.01)
    assert row(frame, ccode=CHINA, year=2014)["exports_musd"] == pytest.approx(2818426.75)


def test_shared_igos(tables):
    frame = tables[("cow_igo", "dyad_year")]
    assert row(frame, ccode1=BELARUS, ccode2=CHINA, year=2014)["igo_shared"] == 32
    assert row(frame, ccode1=RUSSIA, ccode2=CHINA, year=2014)["igo_shared"] == 55
    assert frame.loc[(frame["ccode1"] == BELARUS) & (frame["ccode2"] == CHINA), "year"].min() == 1991
    assert (frame["ccode1"] < frame["ccode2"]).all()


def test_atop_china_belarus_non_aggression_2015_to_2018_both_directions(tables):
    frame = tables[("atop", "dyad_year")]
    pair = frame[frame["ccode1"].isin([CHINA, BELARUS]) & frame["ccode2"].isin([CHINA, BELARUS])]
    assert len(pair) == 8 and sorted(set(pair["year"])) == [2015, 2016, 2017, 2018]
    assert pair["atop_nonagg"].eq(1).all() and pair["atop_defense"].eq(0).all()
    belarus_russia = row(frame, ccode1=RUSSIA, ccode2=BELARUS, year=2018)
    assert (belarus_russia["atop_defense"], belarus_russia["atop_consul"]) == (1, 1)


def test_atop_rows_come_in_pairs_but_obligations_are_directed(tables):
    frame = tables[("atop", "dyad_year")]
    flipped = frame.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    merged = frame.merge(flipped, on=["ccode1", "ccode2", "year"], suffixes=("", "_rev"))
    assert len(merged) == len(frame)
    assert (merged["atop_defense"] != merged["atop_defense_rev"]).sum() == 984
    assert row(frame, ccode1=2, ccode2=740, year=2018)["atop_defense"] == 1  # the US defends Japan
    assert row(frame, ccode1=740, ccode2=2, year=2018)["atop_defense"] == 0


def test_capabilities_2016(tables):
    frame = tables[("nmc", "state_year")]
    china = row(frame, ccode=CHINA, year=2016)
    assert china["milex"] == 145039000 and china["tpop"] == 1403500
    assert row(frame, ccode=BELARUS, year=2016)["milper"] == 48
    assert frame["year"].max() == 2022


def test_geography(tables):
    dist = tables[("geography", "mindist")]
    assert row(dist, ccode1=BELARUS, ccode2=CHINA, year=2019)["mindist_km"] == pytest.approx(3424.809916, abs=1e-5)
    assert row(dist, ccode1=RUSSIA, ccode2=CHINA, year=2019)["mindist_km"] == 0
    capitals = tables[("geography", "capitals")]
    beijing = row(capitals, ccode=CHINA)
    assert beijing["capital"] == "Beijing" and beijing["lat"] == pytest.approx(40.190632)
    assert row(capitals, ccode=BELARUS)["start_date"] == dt.date(1991, 1, 1)
    contiguity = tables[("geography", "contiguity")]
    china_russia = row(contiguity, ccode1=CHINA, ccode2=RUSSIA)
    assert china_russia["conttype"] == 1 and china_russia["start_date"] == dt.date(1860, 10, 1)
    assert row(contiguity, ccode1=BELARUS, ccode2=RUSSIA)["start_date"] == dt.date(1991, 12, 1)
    assert not ((contiguity["ccode1"] == BELARUS) & (contiguity["ccode2"] == CHINA)).any()


def test_democracy_scores_stop_where_each_measure_stops(tables):
    frame = tables[("democracy", "state_year")]
    belarus = row(frame, ccode=BELARUS, year=2015)
    assert belarus["polity2"] == -7 and belarus["v2x_polyarchy"] == pytest.approx(0.249)
    china_2019 = row(frame, ccode=CHINA, year=2019)
    assert china_2019["v2x_polyarchy"] == pytest.approx(0.083)
    assert china_2019[["polity2", "xm_qudsest"]].isna().all()


def test_rivalries(tables):
    frame = tables[("rivalries", "rivalry")]
    china_india = row(frame, rivalry_id=107)
    assert (china_india["ccode1"], china_india["ccode2"], china_india["start_year"], china_india["end_year"]) == (CHINA, INDIA, 1948, 2010)
    assert row(frame, rivalry_id=126)["name"] == "China-Russia 2"
    assert not ((frame["ccode1"] == BELARUS) | (frame["ccode2"] == BELARUS)).any()


def test_major_powers(tables):
    frame = tables[("majors", "major_power")]
    china = row(frame, ccode=CHINA)
    assert (china["start_year"], china["start_month"], china["end_year"]) == (1950, 1, 2016)
    assert sorted(frame.loc[frame["ccode"] == RUSSIA, "start_year"]) == [1816, 1922]
