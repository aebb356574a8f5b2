"""UN issue codes: unvotes' codes checked against the resolutions' titles, and
codes derived for unxml roll calls by documented rules."""

from __future__ import annotations

import pandas as pd
import pyreadr
import pytest

from bilateral.sources.unissues import ISSUES, check_issue_codes, derive_issue_codes


@pytest.fixture(scope="module")
def unvotes_raw(mirror):
    roll_calls = pyreadr.read_r(str(mirror / "unvotes/un_roll_calls.rda"))["un_roll_calls"]
    issues = pyreadr.read_r(str(mirror / "unvotes/un_roll_call_issues.rda"))["un_roll_call_issues"]
    roll_calls["rcid"] = roll_calls["rcid"].astype("int64")
    issues = issues.rename(columns={"short_name": "issue_code"}).astype({"rcid": "int64", "issue_code": str})
    return roll_calls, issues


def _codes(frame, rcid):
    return set(frame.loc[frame["rcid"] == rcid, "issue_code"])


def test_the_2019_disarmament_resolutions_lose_colonialism_and_economic_development(unvotes_raw):
    roll_calls, issues = unvotes_raw
    kept, dropped = check_issue_codes(roll_calls, issues)
    for symbol in ("A/RES/74/31", "A/RES/74/41"):
        rcid = int(roll_calls.loc[roll_calls["unres"] == symbol, "rcid"].iloc[0])
        assert _codes(issues, rcid) == {"co", "di", "ec", "nu"}  # as published
        assert _codes(kept, rcid) == {"di", "nu"}
        assert _codes(dropped, rcid) == {"co", "ec"}


def test_a_code_with_support_in_the_text_is_kept_and_one_without_is_dropped():
    roll_calls = pd.DataFrame({"rcid": [1, 2], "short": ["Nuclear disarmament", "Human rights in Myanmar"], "descr": [None, None]})
    issues = pd.DataFrame({"rcid": [1, 1, 2, 2], "issue_code": ["nu", "co", "hr", "ec"]})
    kept, dropped = check_issue_codes(roll_calls, issues)
    assert set(zip(kept["rcid"], kept["issue_code"])) == {(1, "nu"), (2, "hr")}
    assert set(zip(dropped["rcid"], dropped["issue_code"])) == {(1, "co"), (2, "ec")}
    assert dropped["reason"].str.contains("no term for").all()


def test_the_check_drops_few_codes_and_mostly_in_2019(unvotes_raw):
    roll_calls, issues = unvotes_raw
    _, dropped = check_issue_codes(roll_calls, issues)
    sessions = dropped.merge(roll_calls[["rcid", "session"]], on="rcid")["session"]
    assert len(dropped) < 0.02 * len(issues)  # a check, not a recoding
    assert (sessions == 74).sum() >= 25  # the 2019 batch is where most failures sit


def test_the_warehouse_keeps_the_checked_codes_and_lists_the_dropped(con, unvotes_raw):
    roll_calls, issues = unvotes_raw
    kept, dropped = check_issue_codes(roll_calls, issues)
    stored = con.sql("SELECT rcid, issue_code FROM out_un_issues WHERE coded_by = 'unvotes'").df()
    assert len(stored) == len(kept) == len(issues) - len(dropped)
    assert con.sql("SELECT count(*) FROM out_un_issues_dropped").fetchone()[0] == len(dropped)
    print(f"unvotes codes dropped by the title check: {len(dropped)} of {len(issues)}")


def test_derived_rules_reproduce_unvotes_checked_codes_on_earlier_sessions(unvotes_raw):
    """An independent test of the rules: on sessions 60–73 (2005–2018), where
    unvotes' codes pass the check, the rules applied to the titles find the
    same codes with precision and recall near 0.9."""
    roll_calls, issues = unvotes_raw
    kept, _ = check_issue_codes(roll_calls, issues)
    window = roll_calls[(roll_calls["session"] >= 60) & (roll_calls["session"] < 74)]
    derived = derive_issue_codes(window.assign(title=window["short"].fillna(""), agenda_item_name=window["descr"].fillna("")))
    truth = {(r, c) for r, c in zip(kept["rcid"], kept["issue_code"]) if r in set(window["rcid"])}
    found = set(zip(derived["rcid"], derived["issue_code"]))
    precision, recall = len(truth & found) / len(found), len(truth & found) / len(truth)
    print(f"derived issue codes on sessions 60-73: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.85 and recall >= 0.8


@pytest.mark.parametrize("title, agenda, codes", [
    ("Treaty on the Prohibition of Nuclear Weapons", "General and complete disarmament", {"nu", "di"}),
    ("Situation of human rights in the Islamic Republic of Iran", "Promotion and protection of human rights", {"hr"}),
    ("Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba",
     "Necessity of ending the economic, commercial and financial embargo", {"ec"}),
    ("Assistance to Palestine refugees", "United Nations Relief and Works Agency for Palestine Refugees in the Near East", {"me"}),
    ("Dissemination of information on decolonization", "Implementation of the Declaration on the Granting of Independence to "
     "Colonial Countries and Peoples", {"co"}),
    ("Implementation of the Convention on the Prohibition of the Development, Production and Stockpiling of Bacteriological "
     "(Biological) and Toxin Weapons", "General and complete disarmament", {"di"}),  # "development" is no economic code here
    ("Aggression against Ukraine", "Letter dated 28 February 2014", set()),  # no rule fits: left uncoded
])
def test_derivation_rules(title, agenda, codes):
    derived = derive_issue_codes(pd.DataFrame({"rcid": [1], "title": [title], "agenda_item_name": [agenda]}))
    assert set(derived["issue_code"]) == codes


def test_unxml_roll_calls_are_coded_by_rule_or_left_uncoded(con):
    frame = con.sql("""SELECT r.rcid, count(i.issue_code) AS codes FROM out_un_roll_calls r
                       LEFT JOIN out_un_issues i USING (rcid) WHERE r.source = 'unxml' GROUP BY r.rcid""").df()
    assert len(frame) == 640
    coded = int((frame["codes"] > 0).sum())
    print(f"unxml roll calls with a derived issue code: {coded} of {len(frame)}")
    assert 0.5 * len(frame) < coded < len(frame)  # most, not all: no guessing
    assert set(con.sql("SELECT DISTINCT issue_code FROM out_un_issues").df()["issue_code"]) <= set(ISSUES)
