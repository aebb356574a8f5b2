"""The merged UN roll-call table (unvotes + unxml) and the alignment measures
that run on it to 2026, checked against the raw files read here on their own
(``json`` for unxml, ``pyreadr`` for unvotes)."""

from __future__ import annotations

import json

import pandas as pd
import pyreadr
import pytest

from bilateral.errors import SourceSchemaError
from bilateral.measures.un_rollcalls import MIN_OVERLAP_AGREEMENT, Overlap, check_overlap, overlap_agreement
from bilateral.sources.unxml import SOURCE as UNXML, un_names

CHINA, BELARUS, HUNGARY = 710, 370, 310
LISTS = {"MS_in_favour": "yes", "MS_against": "no", "MS_abstaining": "abstain"}


def _year(text):
    text = text.strip()
    return int(text[:4]) if text[4:5] == "-" else int(text[-4:])


@pytest.fixture(scope="module")
def unxml_votes(mirror):
    """(symbol, year, ccode, vote) from the raw JSON: recorded votes, each symbol once, each state once."""
    rows, seen = set(), set()
    for f in UNXML.files:
        with open(mirror / f.path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                r = json.loads(line)
                if r["symbol"] in seen or r["adoption_type"] != "By a recorded vote":
                    continue
                seen.add(r["symbol"])
                rows |= {(r["symbol"], _year(r["adoption_date"]), un_names()[n][0], vote) for lst, vote in LISTS.items() for n in r[lst]}
    return pd.DataFrame(sorted(rows), columns=["symbol", "year", "ccode", "vote"])


@pytest.fixture(scope="module")
def unvotes_symbols(mirror):
    roll_calls = pyreadr.read_r(str(mirror / "unvotes/un_roll_calls.rda"))["un_roll_calls"]
    return roll_calls[["rcid", "unres"]].dropna()


def test_one_row_per_state_and_roll_call_with_a_source(con):
    frame = con.sql("SELECT source, count(*) AS n, count(DISTINCT (rcid, ccode)) AS keys FROM out_un_votes GROUP BY source").df().set_index("source")
    assert set(frame.index) == {"unvotes", "unxml"}
    assert (frame["n"] == frame["keys"]).all()
    assert frame.loc["unvotes", "n"] == 870109  # every unvotes vote (raw un_votes.rda: 870,109 rows)


def test_unxml_adds_exactly_the_resolutions_unvotes_lacks(con, unxml_votes, unvotes_symbols):
    only_unxml = unxml_votes[~unxml_votes["symbol"].isin(set(unvotes_symbols["unres"]))]
    stored = con.sql("SELECT symbol, ccode, vote FROM out_un_votes WHERE source = 'unxml'").df()
    assert len(stored) == len(only_unxml)
    assert set(zip(stored["symbol"], stored["ccode"], stored["vote"])) == set(zip(only_unxml["symbol"], only_unxml["ccode"], only_unxml["vote"]))
    # no resolution is counted from both sources
    both = con.sql("SELECT symbol FROM out_un_roll_calls WHERE symbol IS NOT NULL GROUP BY symbol HAVING count(DISTINCT source) > 1").df()
    assert both.empty
    assert con.sql("SELECT count(*) FROM out_un_roll_calls WHERE source = 'unxml'").fetchone()[0] == only_unxml["symbol"].nunique() == 640


@pytest.mark.slow
def test_the_two_sources_agree_where_they_overlap(mirror, unxml_votes, unvotes_symbols):
    """Session 74 to January 2020: the same resolution, state by state."""
    votes = pyreadr.read_r(str(mirror / "unvotes/un_votes.rda"))["un_votes"]
    votes = votes.merge(unvotes_symbols, on="rcid")
    codes = pd.read_csv(mirror / "codes/countrycode_codelist_slim.csv", usecols=["iso2c", "cown"], keep_default_na=False)  # Namibia is "NA"
    codes = codes[codes["cown"] != ""]
    iso2_to_cow = dict(zip(codes["iso2c"], codes["cown"].astype(float).astype(int))) | {"NA": 565, "YU": 345}  # Namibia: blank ISO2 in the code list; Serbia votes as "Yugoslavia", YU
    votes["ccode"] = votes["country_code"].astype(str).map(iso2_to_cow).astype("Int64")
    votes["vote"] = votes["vote"].astype(str)
    pairs = votes.merge(unxml_votes.astype({"ccode": "Int64"}), left_on=["unres", "ccode"], right_on=["symbol", "ccode"],
                        suffixes=("_unvotes", "_unxml"))
    overlap = overlap_agreement(pairs.drop(columns="symbol").rename(columns={"unres": "symbol"}))
    assert overlap.resolutions == 90
    # every unxml vote on those 90 resolutions has its unvotes counterpart
    assert overlap.shared_votes == unxml_votes["symbol"].isin(set(unvotes_symbols["unres"])).sum() == 16174
    print(f"unvotes and unxml agree on {overlap.agreeing:,} of {overlap.shared_votes:,} shared state votes ({overlap.rate:.2%})")
    assert overlap.rate >= MIN_OVERLAP_AGREEMENT
    assert check_overlap(overlap) is overlap


def test_the_overlap_check_fails_when_the_sources_disagree():
    pairs = pd.DataFrame({"symbol": ["A/RES/74/1"] * 4, "ccode": [1, 2, 3, 4],
                          "vote_unvotes": ["yes", "yes", "no", "abstain"], "vote_unxml": ["yes", "no", "no", "abstain"]})
    overlap = overlap_agreement(pairs)
    assert (overlap.shared_votes, overlap.agreeing, overlap.rate) == (4, 3, 0.75)
    with pytest.raises(SourceSchemaError, match="agree on 3 of 4"):
        check_overlap(overlap)
    with pytest.raises(SourceSchemaError):
        check_overlap(Overlap(0, 0, 0))


def _pair_agreement(votes, a, b, year):
    side = votes[votes["year"].eq(year)]
    both = side[side["ccode"] == a].merge(side[side["ccode"] == b], on="symbol")
    return int((both["vote_x"] == both["vote_y"]).sum()), len(both)


def test_china_belarus_2022_agreement_on_recorded_adopted_resolutions(con, unxml_votes):
    same, common = _pair_agreement(unxml_votes, CHINA, BELARUS, 2022)
    row = con.execute("SELECT un_votes_common, un_agree_share FROM out_alignment WHERE ccode1 = $a AND ccode2 = $b AND year = 2022",
                      {"a": BELARUS, "b": CHINA}).fetchone()
    assert row[0] == common and common > 50
    assert row[1] == pytest.approx(same / common)


def test_china_hungary_2025_agreement_is_63_6_percent(con, unxml_votes):
    same, common = _pair_agreement(unxml_votes, CHINA, HUNGARY, 2025)
    assert round(100 * same / common, 1) == 63.6  # issue 8: 64.9% if the 21 copied symbols counted twice
    share = con.execute("SELECT un_agree_share FROM out_alignment WHERE ccode1 = $a AND ccode2 = $b AND year = 2025",
                        {"a": HUNGARY, "b": CHINA}).fetchone()[0]
    assert round(100 * share, 1) == 63.6


def test_every_alignment_measure_runs_to_the_latest_year_with_votes(con, unxml_votes):
    latest = int(unxml_votes["year"].max())
    assert latest == 2026
    frame = con.execute("SELECT * FROM out_dyad_year WHERE ccode1 = $a AND ccode2 = $b AND year BETWEEN 2015 AND 2026 ORDER BY year",
                        {"a": BELARUS, "b": CHINA}).df().set_index("year")
    for column in ("un_votes_common", "un_agree_share", "un_s_score", "un_kappa", "un_pi"):
        assert frame[column].notna().all(), column
    assert list(frame.index) == list(range(2015, 2027))
    # issue-specific agreement after 2019 rests on derived codes: present for human rights in 2023
    assert frame.loc[2023, "un_votes_common_hr"] > 0


def test_2020_combines_unvotes_january_and_unxml(con):
    """unvotes holds every 2019 recorded resolution unxml has; 2020 mixes January (unvotes) and the rest (unxml)."""
    sources = con.sql("SELECT year, list(DISTINCT source ORDER BY source) AS s FROM out_un_votes WHERE year BETWEEN 2019 AND 2021 GROUP BY year ORDER BY year").df()
    assert [list(s) for s in sources["s"]] == [["unvotes"], ["unvotes", "unxml"], ["unxml"]]


def test_the_merged_tables_have_their_documented_columns(con):
    from bilateral.measures.un_rollcalls import COLUMNS

    for table, documented in COLUMNS.items():
        assert con.sql(f"SELECT * FROM {table} LIMIT 0").columns == list(documented), table
    title = con.sql("SELECT DISTINCT title FROM out_un_votes WHERE symbol = 'A/RES/ES-11/1'").fetchall()
    assert title == [("Aggression against Ukraine",)]
