"""UN alignment measures against independent computations: by hand on tiny
frames, a pandas self-join on the real votes, and the raw China–Belarus votes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.measures.alignment import agreement

CHINA, BELARUS = 710, 370


def _frame(a_votes: list[str], b_votes: list[str], year: int = 2000) -> pd.DataFrame:
    rows = [(rcid, CHINA if side == 0 else BELARUS, year, vote) for side, votes in enumerate((a_votes, b_votes)) for rcid, vote in enumerate(votes) if vote]
    return pd.DataFrame(rows, columns=["rcid", "ccode", "year", "vote"])


def test_five_votes_by_hand():
    # Belarus (ccode1) and China (ccode2) on five roll calls; the sixth, China absent, is dropped.
    china = ["yes", "yes", "no", "abstain", "yes", "yes"]
    belarus = ["yes", "no", "no", "yes", "yes", None]
    row = agreement(_frame(china, belarus)).iloc[0]
    assert (row.ccode1, row.ccode2, row.un_votes_common) == (BELARUS, CHINA, 5)
    assert row.un_agree_share == pytest.approx(3 / 5)
    # distances on yes=1, abstain=2, no=3: 0, 2, 0, 1, 0 → mean 0.6; S = 1 - 2*0.6/2
    assert row.un_s_score == pytest.approx(0.4)
    # Cohen's κ: China yes 3/5, no 1/5, abstain 1/5; Belarus yes 3/5, no 2/5.
    p_china = {"yes": 0.6, "abstain": 0.2, "no": 0.2}
    p_belarus = {"yes": 0.6, "abstain": 0.0, "no": 0.4}
    pos = {"yes": 1, "abstain": 2, "no": 3}
    expected_kappa = sum(p_china[a] * p_belarus[b] * abs(pos[a] - pos[b]) for a in pos for b in pos)
    assert row.un_kappa == pytest.approx(1 - 0.6 / expected_kappa)
    pooled = {c: (p_china[c] + p_belarus[c]) / 2 for c in pos}
    expected_pi = sum(pooled[a] * pooled[b] * abs(pos[a] - pos[b]) for a in pos for b in pos)
    assert row.un_pi == pytest.approx(1 - 0.6 / expected_pi)


def test_nominal_kappa_matches_the_textbook_formula_when_votes_are_yes_or_no():
    china = ["yes", "yes", "no", "no", "yes"]
    belarus = ["yes", "no", "no", "yes", "yes"]
    row = agreement(_frame(china, belarus)).iloc[0]
    p_o = 3 / 5
    p_e = 0.6 * 0.6 + 0.4 * 0.4  # both: yes 3/5, no 2/5
    assert row.un_kappa == pytest.approx((p_o - p_e) / (1 - p_e))


def test_identical_votes_are_fully_aligned():
    votes = ["yes", "no", "abstain", "yes"]
    row = agreement(_frame(votes, votes)).iloc[0]
    assert (row.un_agree_share, row.un_s_score, row.un_kappa, row.un_pi) == (1, 1, 1, 1)


def test_unknown_vote_value_is_refused():
    with pytest.raises(ValueError, match="maybe"):
        agreement(_frame(["yes", "maybe"], ["yes", "no"]))


@pytest.fixture(scope="module")
def votes(un_votes):
    return un_votes


@pytest.mark.slow
def test_agreement_equals_a_pandas_self_join(votes):
    sample = votes[votes["year"].isin([1975, 2005])]
    ours = agreement(sample).set_index(["ccode1", "ccode2", "year"])
    pairs = sample.merge(sample, on=["rcid", "year"], suffixes=("1", "2"))
    pairs = pairs[pairs.ccode1 < pairs.ccode2]
    theirs = pairs.assign(same=pairs.vote1 == pairs.vote2).groupby(["ccode1", "ccode2", "year"]).agg(common=("same", "size"), agree=("same", "mean"))
    joined = theirs.join(ours, how="outer")
    assert len(joined) == len(theirs) == len(ours)
    assert (joined["common"] == joined["un_votes_common"]).all()
    np.testing.assert_allclose(joined["agree"], joined["un_agree_share"])


@pytest.mark.slow
def test_china_belarus_2015_from_the_raw_votes(votes, mirror):
    from bilateral.sources.unvotes import SOURCE

    raw = SOURCE.load_raw("votes", mirror=mirror)
    calls = SOURCE.load("roll_calls", mirror=mirror)
    calls_2015 = set(calls.loc[calls["year"] == 2015, "rcid"])
    raw = raw[raw["rcid"].isin(calls_2015)]
    china = raw[raw.country == "China"].set_index("rcid")["vote"].astype(str)
    belarus = raw[raw.country == "Belarus"].set_index("rcid")["vote"].astype(str)
    both = china.index.intersection(belarus.index)
    row = agreement(votes[votes.year == 2015]).query("ccode1 == 370 and ccode2 == 710").iloc[0]
    assert row.un_votes_common == len(both)
    assert row.un_agree_share == pytest.approx((china[both] == belarus[both]).mean())


def test_issue_agreement_uses_only_that_issue(votes, mirror):
    from bilateral.sources.unvotes import SOURCE

    issues = SOURCE.load("issues", mirror=mirror)
    year = votes[votes.year == 2010]
    result = agreement(year, issues).query("ccode1 == 370 and ccode2 == 710").iloc[0]
    human_rights = year[year.rcid.isin(issues.loc[issues.issue_code == "hr", "rcid"])]
    expected = agreement(human_rights).query("ccode1 == 370 and ccode2 == 710").iloc[0]
    assert result.un_votes_common_hr == expected.un_votes_common
    assert result.un_agree_share_hr == pytest.approx(expected.un_agree_share)


VOTE = st.sampled_from(["yes", "no", "abstain", None])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(VOTE, VOTE), min_size=1, max_size=30))
def test_measures_are_bounded_and_symmetric(pairs):
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    forward = agreement(_frame(a, b))
    backward = agreement(_frame(b, a))
    if forward.empty:
        assert backward.empty
        return
    row, mirror_row = forward.iloc[0], backward.iloc[0]
    for column in ("un_votes_common", "un_agree_share", "un_s_score", "un_kappa", "un_pi"):
        assert row[column] == pytest.approx(mirror_row[column], nan_ok=True)
    assert 0 <= row.un_agree_share <= 1
    assert -1 <= row.un_s_score <= 1
    assert np.isnan(row.un_kappa) or row.un_kappa <= 1 + 1e-12
    assert np.isnan(row.un_pi) or row.un_pi <= 1 + 1e-12
