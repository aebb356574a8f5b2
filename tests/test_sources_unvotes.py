"""UN General Assembly votes (unvotes): counts, keys, and votes checked against the raw .rda files."""

from __future__ import annotations

import datetime as dt

import pytest

from bilateral.checks import run_checks
from bilateral.sources.unvotes import SOURCE

CHINA, BELARUS, TAIWAN = 710, 370, 713
GOLDEN = {"votes": 870109, "roll_calls": 6203, "issues": 5745}


@pytest.fixture(scope="module")
def tables(mirror, un_votes):
    return {name: un_votes if name == "votes" else SOURCE.load(name, mirror=mirror) for name in GOLDEN}


@pytest.mark.parametrize("name", GOLDEN)
def test_table_has_its_golden_rows_unique_key_and_documented_columns(tables, name):
    frame, spec = tables[name], SOURCE.table(name)
    assert len(frame) == GOLDEN[name] == spec.golden_rows
    assert run_checks(frame, spec, f"unvotes.{name}")[-1] == "check_golden_rows"
    assert not frame.duplicated(list(spec.key)).any()
    assert list(frame.columns) == list(spec.columns)


def test_every_vote_is_resolved_to_a_state(tables):
    votes = tables["votes"]
    assert votes["ccode"].notna().all()
    assert set(votes["vote"]) == {"yes", "no", "abstain"}


def test_china_and_belarus_on_the_2019_human_rights_council_report(tables):
    # raw un_votes.rda, rcid 9114 (A/RES/74/132, 18 Dec 2019): Belarus "no", China "yes"
    votes = tables["votes"]
    rc = votes[votes["rcid"] == 9114].set_index("ccode")
    assert rc.loc[BELARUS, "vote"] == "no"
    assert rc.loc[CHINA, "vote"] == "yes"
    assert rc.loc[CHINA, "date"] == dt.date(2019, 12, 18)
    assert len(rc) == 183
    roll_call = tables["roll_calls"].set_index("rcid").loc[9114]
    assert roll_call["unres"] == "A/RES/74/132" and roll_call["session"] == 74


def test_the_china_seat_is_taiwan_before_1971(tables):
    votes = tables["votes"]
    assert votes.loc[votes["country"] == "Taiwan", "ccode"].eq(TAIWAN).all()
    assert votes.loc[votes["ccode"] == CHINA, "date"].min() >= dt.date(1971, 1, 1)


def test_states_without_an_iso2_code_are_resolved_by_name(tables):
    votes = tables["votes"]
    by_country = votes.groupby("country")["ccode"].unique()
    assert list(by_country["Yemen Arab Republic"]) == [678]
    assert list(by_country["Zanzibar"]) == [511]
    assert list(by_country["Yugoslavia"]) == [345]
    assert list(by_country["Czechoslovakia"]) == [315]
    # West Germany's late-1990 votes come after unification (3 Oct 1990)
    frg = votes[votes["country"] == "Federal Republic of Germany"]
    assert set(frg.loc[frg["date"] >= dt.date(1990, 10, 3), "ccode"]) == {255}
    assert set(frg.loc[frg["date"] < dt.date(1990, 10, 3), "ccode"]) == {260}


def test_issues_use_the_six_codes(tables, mirror):
    import pyreadr

    # counted from the raw file, read directly (not through the loader)
    raw = pyreadr.read_r(str(mirror / "unvotes" / "un_roll_call_issues.rda"))["un_roll_call_issues"]
    expected = raw["short_name"].astype(str).value_counts().to_dict()
    issues = tables["issues"]
    assert set(expected) == {"di", "me", "hr", "co", "nu", "ec"}  # the six codes unvotes documents
    assert issues["issue_code"].value_counts().to_dict() == expected
