"""Military and political measures in ``out_dyad_year`` (SIPRI arms transfers,
Thompson–Dreyer rivalry, China Vitae engagements, ledger counts), checked
against pandas computations from the mirror files and the core tables."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pyreadr
import pytest

USA, POLAND, RUSSIA, BELARUS, ISRAEL, INDIA, CHINA = 2, 290, 365, 370, 666, 750, 710
SIPRI_YEARS = (1950, 2023)
ARMS = ("arms_tiv_1_to_2", "arms_tiv_2_to_1", "arms_deals_1_to_2", "arms_deals_2_to_1", "arms_tiv_total")
LEDGER = ("ledger_high_level_events", "ledger_joint_exercises", "ledger_agreements")


@pytest.fixture(scope="module")
def out(warehouse_db) -> pd.DataFrame:
    """The measures under test for every dyad-year, keyed by (ccode1, ccode2, year)."""
    columns = ", ".join((*ARMS, "rivalry", "engagements", "engagements_abroad", *LEDGER))
    with duckdb.connect(str(warehouse_db), read_only=True) as c:
        frame = c.sql(f"SELECT ccode1, ccode2, year, {columns} FROM out_dyad_year").df()
    return frame.set_index(["ccode1", "ccode2", "year"]).sort_index()


@pytest.fixture(scope="module")
def register(mirror) -> pd.DataFrame:
    """SIPRI's trade register read straight from the mirrored CSV."""
    path = mirror / "sipri" / "trade-register_1950-2024.csv"
    with open(path, encoding="latin-1") as handle:
        skip = next(i for i, line in enumerate(handle) if line.startswith("Recipient,"))
    frame = pd.read_csv(path, skiprows=skip, encoding="latin-1", dtype=str, keep_default_na=False)
    return frame[frame["Recipient"] != ""]  # continuation lines of multi-line comments


def _dyad(out: pd.DataFrame, c1: int, c2: int) -> pd.DataFrame:
    return out.loc[(c1, c2)]


# --- SIPRI arms transfers ---------------------------------------------------------


def _raw_deals(register: pd.DataFrame, suppliers: list[str], recipients: list[str]) -> pd.DataFrame:
    """TIV delivered and number of deals by year of order, from the raw register."""
    rows = register[register["Supplier"].isin(suppliers) & register["Recipient"].isin(recipients)]
    tiv = pd.to_numeric(rows["SIPRI TIV of delivered weapons"].replace("", None)).fillna(0)
    frame = pd.DataFrame({"year": rows["Year of order"].astype(int), "tiv": tiv})
    return frame.groupby("year").agg(tiv=("tiv", "sum"), deals=("tiv", "size"))


@pytest.mark.parametrize(
    "c1, c2, names1, names2",
    [
        (BELARUS, CHINA, ["Belarus"], ["China"]),
        (USA, ISRAEL, ["United States"], ["Israel"]),
        (RUSSIA, INDIA, ["Soviet Union", "Russia"], ["India"]),
    ],
)
def test_arms_transfers_equal_the_raw_register_in_both_directions(out, register, c1, c2, names1, names2):
    forward = _raw_deals(register, names1, names2)  # ccode1 supplies ccode2
    backward = _raw_deals(register, names2, names1)
    assert len(forward) + len(backward) > 0
    dyad = _dyad(out, c1, c2).loc[SIPRI_YEARS[0] : SIPRI_YEARS[1]]
    years = dyad.index
    expected = pd.DataFrame(
        {
            "arms_tiv_1_to_2": forward["tiv"].reindex(years, fill_value=0),
            "arms_tiv_2_to_1": backward["tiv"].reindex(years, fill_value=0),
            "arms_deals_1_to_2": forward["deals"].reindex(years, fill_value=0),
            "arms_deals_2_to_1": backward["deals"].reindex(years, fill_value=0),
        }
    )
    for column in expected:
        np.testing.assert_allclose(dyad[column].astype(float), expected[column].astype(float), atol=1e-9, err_msg=column)
    np.testing.assert_allclose(dyad["arms_tiv_total"], expected["arms_tiv_1_to_2"] + expected["arms_tiv_2_to_1"], atol=1e-9)


def test_china_belarus_arms_run_the_right_way(out):
    # SIPRI register: Belarus → China, 5 Il-76 ordered 2011 (170 TIV); China → Belarus 2013 (3) and 2016 (1.4)
    dyad = _dyad(out, BELARUS, CHINA)
    assert (dyad.loc[2011, "arms_tiv_1_to_2"], dyad.loc[2011, "arms_tiv_2_to_1"]) == (170, 0)
    assert (dyad.loc[2013, "arms_tiv_1_to_2"], dyad.loc[2013, "arms_tiv_2_to_1"]) == (0, 3)
    assert dyad.loc[2016, "arms_tiv_2_to_1"] == pytest.approx(1.4)
    assert dyad.loc[2016, "arms_deals_2_to_1"] == 1 and dyad.loc[2016, "arms_deals_1_to_2"] == 0


def test_arms_of_every_dyad_year_equal_pandas_sums_over_the_core_register(con, out):
    deals = con.sql(
        "SELECT supplier_ccode AS s, recipient_ccode AS r, order_year AS year, tiv_delivered AS tiv FROM core_sipri__register"
    ).df().dropna(subset=["s", "r", "year"])
    deals = deals[deals["s"] != deals["r"]].astype({"s": int, "r": int, "year": int})
    deals["tiv"] = deals["tiv"].astype(float).fillna(0)
    deals["ccode1"], deals["ccode2"] = np.minimum(deals["s"], deals["r"]), np.maximum(deals["s"], deals["r"])
    deals["up"] = deals["s"] < deals["r"]  # ccode1 supplies ccode2
    deals["tiv_up"], deals["tiv_down"] = deals["tiv"].where(deals["up"], 0), deals["tiv"].where(~deals["up"], 0)
    expected = deals.groupby(["ccode1", "ccode2", "year"]).agg(
        arms_tiv_1_to_2=("tiv_up", "sum"), arms_tiv_2_to_1=("tiv_down", "sum"),
        arms_deals_1_to_2=("up", "sum"), arms_deals_2_to_1=("up", lambda u: (~u).sum()),
    )
    inside = out[out.index.get_level_values("year").to_series().between(*SIPRI_YEARS).to_numpy()]
    expected = expected.reindex(inside.index, fill_value=0)
    for column in expected:
        np.testing.assert_allclose(inside[column].astype(float), expected[column].astype(float), atol=1e-6, err_msg=column)
    assert (inside["arms_tiv_total"] > 0).sum() > 10_000


def test_arms_are_zero_without_a_deal_inside_coverage_and_null_after(out):
    china_belarus = _dyad(out, BELARUS, CHINA)
    assert (china_belarus.loc[[1995, 2000, 2020, 2023], list(ARMS)] == 0).all().all()
    after = out[out.index.get_level_values("year") > SIPRI_YEARS[1]]
    assert len(after) > 0 and after[list(ARMS)].isna().all().all()
    before = out[out.index.get_level_values("year") < SIPRI_YEARS[0]]
    assert before["arms_tiv_total"].isna().mean() > 0.99  # no 0 fill before SIPRI's coverage


def test_arms_are_null_for_every_dyad_before_1950(out):
    before = out[out.index.get_level_values("year") < SIPRI_YEARS[0]]
    assert before[list(ARMS)].isna().all().all(), before.dropna(subset=["arms_tiv_total"]).head()


# --- rivalry ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rivalries(mirror) -> pd.DataFrame:
    """Thompson–Dreyer rivalries from the mirrored peacesciencer file."""
    return pyreadr.read_r(str(mirror / "peacesciencer" / "td_rivalries.rda"))["td_rivalries"]


def test_china_usa_rivalry_follows_thompson_dreyer(out, rivalries):
    spells = rivalries[(rivalries["ccode1"] == USA) & (rivalries["ccode2"] == CHINA)]
    assert sorted(zip(spells["styear"].astype(int), spells["endyear"].astype(int))) == [(1949, 1972), (1996, 2010)]
    dyad = _dyad(out, USA, CHINA)["rivalry"]
    for year in dyad.index:
        if year > 2010:
            assert pd.isna(dyad[year]), year
        else:
            assert dyad[year] == int(1949 <= year <= 1972 or 1996 <= year <= 2010), year


@pytest.mark.slow
def test_rivalry_of_every_dyad_year_equals_the_expanded_spells(out, rivalries):
    active = set()
    for row in rivalries.itertuples():
        c1, c2 = sorted((int(row.ccode1), int(row.ccode2)))
        active.update((c1, c2, y) for y in range(int(row.styear), min(int(row.endyear), 2010) + 1))
    covered = out[out.index.get_level_values("year") <= 2010]
    expected = np.fromiter((key in active for key in covered.index), dtype=bool, count=len(covered))
    assert covered["rivalry"].notna().all()
    assert np.array_equal(covered["rivalry"].to_numpy(dtype=int), expected.astype(int))
    assert out.loc[out.index.get_level_values("year") > 2010, "rivalry"].isna().all()


# --- China Vitae engagements ------------------------------------------------------------


def test_china_belarus_engagements_equal_the_raw_china_vitae_rows(out, mirror):
    raw = pyreadr.read_r(str(mirror / "chinavitae" / "all_engagements_2003-2018.rds"))[None]
    per_year = raw[raw["country"] == "Belarus"].groupby(raw["year"].astype(int)).size()
    dyad = _dyad(out, BELARUS, CHINA)
    for year in range(2003, 2019):
        assert dyad.loc[year, "engagements"] == per_year.get(year, 0), year
    assert dyad.loc[2006, "engagements"] == 0  # a year with no engagement is a measured 0
    assert dyad.loc[[2001, 2002, 2019, 2020], "engagements"].isna().all()


def test_engagements_of_every_china_dyad_equal_pandas_counts(con, out):
    rows = con.sql("SELECT ccode, year, abroad FROM core_chinavitae__engagements WHERE ccode IS NOT NULL AND ccode <> 710").df()
    counts = rows.groupby(["ccode", "year"]).agg(n=("abroad", "size"), abroad=("abroad", "sum"))
    china = out[(out.index.get_level_values("ccode1") == CHINA) | (out.index.get_level_values("ccode2") == CHINA)]
    china = china[china.index.get_level_values("year").to_series().between(2003, 2018).to_numpy()]
    keys = china.index.to_frame(index=False)
    partner = keys["ccode1"].where(keys["ccode2"] == CHINA, keys["ccode2"])
    expected = counts.reindex(pd.MultiIndex.from_arrays([partner, keys["year"]]), fill_value=0)
    assert np.array_equal(china["engagements"].to_numpy(dtype=int), expected["n"].to_numpy(dtype=int))
    assert np.array_equal(china["engagements_abroad"].to_numpy(dtype=int), expected["abroad"].to_numpy(dtype=int))
    assert china["engagements"].sum() > 5000


def test_engagements_are_null_for_dyads_without_china(out):
    keys = out.index.to_frame(index=False)
    without_china = ((keys["ccode1"] != CHINA) & (keys["ccode2"] != CHINA)).to_numpy()
    assert out.loc[without_china, "engagements"].isna().all()
    usa_russia = _dyad(out, USA, RUSSIA)
    assert usa_russia.loc[2003:2018, "engagements"].isna().all()


# --- ledger ---------------------------------------------------------------------------------


def test_ledger_counts_equal_the_mirror_file_without_alt_rows(out, mirror, con):
    events = pd.read_csv(mirror / "ledger" / "events.csv", dtype=str)
    alt = events["title"].str.startswith("ALT:")
    assert alt.sum() >= 1
    events = events[~alt]
    ccode = dict(con.execute("SELECT iso3, ccode FROM out_states WHERE iso3 IS NOT NULL").fetchall())
    a, b = events["actor1_iso3"].map(ccode), events["actor2_iso3"].map(ccode)
    assert a.notna().all() and b.notna().all()
    events = events.assign(ccode1=np.minimum(a, b).astype(int), ccode2=np.maximum(a, b).astype(int), year=events["date"].str[:4].astype(int))
    kinds = {
        "ledger_high_level_events": {"state_visit", "official_visit", "leader_meeting", "phone_call"},
        "ledger_joint_exercises": {"joint_exercise"},
        "ledger_agreements": {"agreement_signed"},
    }
    dyads = sorted(set(zip(events["ccode1"], events["ccode2"])))
    assert (BELARUS, CHINA) in dyads
    for c1, c2 in dyads:
        mine = events[(events["ccode1"] == c1) & (events["ccode2"] == c2)]
        got = _dyad(out, c1, c2)
        for column, types in kinds.items():
            expected = mine[mine["event_type"].isin(types)].groupby("year").size()
            for year in range(1992, 2025):
                assert got.loc[year, column] == expected.get(year, 0), (c1, c2, year, column)


def test_alt_rows_are_not_counted(out):
    # the ledger has the China–Belarus 2018 drill twice: once as reported, once as an ALT: disagreement
    assert _dyad(out, BELARUS, CHINA).loc[2018, "ledger_joint_exercises"] == 1
    # China–Poland, June 2016: the Xi–Szydlo meeting counts; the Xi–Duda talks appear only as an ALT: row
    assert _dyad(out, POLAND, CHINA).loc[2016, "ledger_high_level_events"] == 1


def test_ledger_counts_are_null_for_dyads_the_ledger_does_not_cover(out):
    assert _dyad(out, USA, CHINA).loc[1992:2024, list(LEDGER)].isna().all().all()
    assert _dyad(out, BELARUS, CHINA).loc[1991, list(LEDGER)].isna().all()
