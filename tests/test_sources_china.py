"""China Vitae engagements and Chinese finance abroad (CGIT, AidData), checked against the raw files."""

from __future__ import annotations

import datetime as dt

import pytest

from bilateral.checks import run_checks
from bilateral.sources.china_finance import SOURCE as FINANCE
from bilateral.sources.chinavitae import SOURCE as VITAE, place

BELARUS = 370
SOURCES = {"chinavitae": VITAE, "china_finance": FINANCE}
GOLDEN = {("chinavitae", "engagements"): 5705, ("china_finance", "investments"): 2908, ("china_finance", "aid"): 6116}


@pytest.fixture(scope="module")
def tables(mirror):
    return {name: SOURCES[source].load(name, mirror=mirror) for source, name in GOLDEN}


@pytest.mark.parametrize("key", GOLDEN, ids=".".join)
def test_table_has_its_golden_rows_unique_key_and_documented_columns(tables, key):
    source, name = key
    frame, spec = tables[name], SOURCES[source].table(name)
    assert len(frame) == GOLDEN[key] == spec.golden_rows
    run_checks(frame, spec, f"{source}.{name}")
    assert list(frame.columns) == list(spec.columns)


def test_xi_met_lukashenko_in_qingdao_on_10_june_2018(tables):
    frame = tables["engagements"]
    meeting = frame[(frame["date"] == dt.date(2018, 6, 10)) & (frame["ccode"] == BELARUS)]
    assert len(meeting) == 1
    assert meeting["leader"].iloc[0] == "Xi Jinping" and "Lukashenko" in meeting["text"].iloc[0]
    assert meeting["place"].iloc[0] == "Shandong Province, Qingdao City"
    assert not meeting["abroad"].iloc[0]  # "travelled to" a Chinese city: not abroad


def test_belarus_engagements_abroad_and_at_home(tables):
    frame = tables["engagements"]
    belarus = frame[frame["ccode"] == BELARUS]
    assert len(belarus) == 20
    assert belarus["abroad"].sum() == 7  # Minsk x6, Tashkent x1; the rest met in China
    assert frame["date"].max() == dt.date(2018, 12, 7)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Xi Jinping travelled to Belarus, Minsk and met with the following: A", "Belarus, Minsk"),
        ("Hu Jintao was in Beijing Municipality and met with the following: B", "Beijing Municipality"),
        ("Xi offers congratulations to Zimbabwean president-elect  (Beijing Municipality) ", "Beijing Municipality"),
        ("Wen Jiabao travelled to  and met with the following: C", None),
    ],
)
def test_place_is_read_from_the_text(text, expected):
    assert place(text) == expected


def test_investments_in_belarus(tables):
    frame = tables["investments"]
    belarus = frame[frame["ccode"] == BELARUS]
    assert len(belarus) == 11 and belarus["usd_musd"].sum() == 5420
    citic_2016 = belarus[(belarus["year"] == 2016) & (belarus["chinese_entity"] == "CITIC")].iloc[0]
    assert (citic_2016["usd_musd"], citic_2016["sector"], bool(citic_2016["bri"])) == (850, "Agriculture", True)
    assert frame.loc[frame["country"] == "British Virgin Islands", "ccode"].isna().all()


def test_aid_rows_repeat_per_location_and_regional_projects_stay_unresolved(tables):
    frame = tables["aid"]
    m5 = frame[frame["id"] == 46413]  # $322m loan for the M5 highway, three locations
    assert len(m5) == 3 and m5["usd_current"].eq(322_000_000).all() and m5["ccode"].eq(BELARUS).all()
    regional = frame[frame["country"].str.contains(";")]
    assert len(regional) > 100 and regional["ccode"].isna().all()
