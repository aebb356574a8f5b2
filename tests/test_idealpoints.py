"""Our dynamic ordered-logit ideal points: recovered from simulated votes with
known positions, and compared year by year with the published
Bailey–Strezhnev–Voeten estimate on the real UN votes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import check_grad

from bilateral.measures import idealpoints
from conftest import once_per_session
from bilateral.measures.idealpoints import Priors, design, estimate, objective, prior, rescale, split

USA, UK, RUSSIA, CHINA, IRAN = 2, 200, 365, 710, 630
#: The tests on a fit to every recorded vote (half a minute): `pytest -m "not slow"` skips them.
FULL_FIT = pytest.mark.slow
COMPARED_YEARS = range(1990, 2020)
MIN_R = 0.95


def simulate(states=60, calls=200, years=(2000, 2001, 2002), step_sd=0.2, absent=0.1, seed=0, movers=()):
    """Votes drawn from the model itself: θ a random walk (``movers`` jump +1.5
    in the last year), roll calls with random discrimination and cutpoints."""
    rng = np.random.default_rng(seed)
    theta = np.cumsum(np.r_[[rng.normal(size=states)], rng.normal(0, step_sd, (len(years) - 1, states))], axis=0)
    theta[-1, list(movers)] += 1.5
    rows = []
    for t, year in enumerate(years):
        beta, cut, band = rng.normal(0, 1.5, calls), rng.normal(-0.5, 1.0, calls), np.exp(rng.normal(-0.5, 0.5, calls))
        eta = theta[t][:, None] * beta[None, :] - cut[None, :]
        u = rng.random(eta.shape)
        vote = np.where(u < 1 / (1 + np.exp(-eta)), "yes", np.where(u < 1 / (1 + np.exp(-eta - band)), "abstain", "no"))
        state, call = np.nonzero(rng.random(eta.shape) > absent)
        rows.append(pd.DataFrame({"rcid": t * calls + call, "ccode": 100 + state, "year": year, "vote": vote[state, call]}))
    truth = pd.DataFrame({"ccode": np.tile(100 + np.arange(states), len(years)), "year": np.repeat(years, states), "theta": theta.ravel()})
    return pd.concat(rows, ignore_index=True), truth


def top_state(truth: pd.DataFrame) -> int:
    return int(truth.groupby("ccode")["theta"].mean().idxmax())


# --- simulated votes -------------------------------------------------------


def test_recovers_known_positions_with_the_right_sign():
    votes, truth = simulate()
    fitted = estimate(votes, anchor=top_state(truth)).merge(truth, on=["ccode", "year"])
    assert len(fitted) == len(truth)
    for year, group in fitted.groupby("year"):
        assert group["idealpoint"].corr(group["theta"]) > 0.95, year
    # one scale for all years: pooled state-years agree too
    assert fitted["idealpoint"].corr(fitted["theta"]) > 0.95
    assert fitted["idealpoint"].mean() == pytest.approx(0, abs=1e-9)
    assert fitted["idealpoint"].std(ddof=0) == pytest.approx(1)


def test_states_that_move_are_seen_moving_against_the_rest():
    movers = (3, 17, 40)
    votes, truth = simulate(step_sd=0.05, movers=movers, seed=1)
    fitted = estimate(votes, anchor=top_state(truth)).pivot(index="ccode", columns="year", values="idealpoint")
    change = fitted[2002] - fitted[2001]
    moved = change.loc[[100 + m for m in movers]]
    others = change.drop(moved.index)
    assert moved.min() > others.max()  # the three largest rises
    assert moved.min() > 4 * others.abs().median()


def test_the_sign_follows_the_anchor_not_the_vote_labels():
    votes, truth = simulate(seed=2)
    anchor = top_state(truth)
    swapped = votes.assign(vote=votes["vote"].map({"yes": "no", "no": "yes", "abstain": "abstain"}))
    a = estimate(votes, anchor=anchor).set_index(["ccode", "year"])["idealpoint"]
    b = estimate(swapped, anchor=anchor).set_index(["ccode", "year"])["idealpoint"]
    assert a.corr(b) > 0.99
    assert a.loc[anchor].min() > 0 and b.loc[anchor].min() > 0


def test_fewer_votes_mean_a_wider_posterior():
    votes, truth = simulate(seed=3)
    sparse = 100 + 5
    keep = (votes["ccode"] != sparse) | (votes["rcid"] % 10 == 0)
    fitted = estimate(votes[keep], anchor=top_state(truth)).set_index("ccode")
    assert (fitted["idealpoint_sd"] > 0).all()
    assert fitted.loc[sparse, "idealpoint_sd"].min() > 1.5 * fitted.drop(sparse)["idealpoint_sd"].median()


def test_unanimous_roll_calls_are_left_out_of_the_counts():
    votes, truth = simulate(states=20, calls=30, seed=4)
    unanimous = pd.DataFrame({"rcid": 10_000, "ccode": 100 + np.arange(20), "year": 2000, "vote": "yes"})
    fitted = estimate(pd.concat([votes, unanimous]), anchor=top_state(truth)).set_index(["ccode", "year"])
    counted = votes.groupby(["ccode", "year"]).size()
    assert (fitted["n_votes"] == counted.reindex(fitted.index)).all()


def test_gradient_matches_finite_differences():
    votes, _ = simulate(states=8, calls=12, seed=5)
    d = design(votes)
    f = objective(d, Priors())
    states, calls = d.sizes
    x = np.random.default_rng(0).normal(size=states + 3 * calls)
    assert check_grad(lambda z: f(z)[0], lambda z: f(z)[1], x) < 1e-5 * np.linalg.norm(f(x)[1])


def test_rescaling_periods_keeps_the_likelihood_and_lowers_the_prior():
    votes, _ = simulate(states=10, calls=20, seed=6)
    d = design(votes)
    states, calls = d.sizes
    x = np.random.default_rng(1).normal(size=states + 3 * calls)
    y = rescale(x, d, Priors())
    index = lambda z: split(z, states, calls)[1][d.j] * split(z, states, calls)[0][d.s] - split(z, states, calls)[2][d.j]  # noqa: E731
    np.testing.assert_allclose(index(y), index(x), atol=1e-9)
    assert prior(*split(y, states, calls)[:3], d, Priors())[0] < prior(*split(x, states, calls)[:3], d, Priors())[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda v: v.assign(vote=v["vote"].where(v.index != 0, "maybe")), "maybe"),
        (lambda v: v.drop(columns="rcid"), "rcid"),
        (lambda v: v.assign(year=np.where(v.index % 2 == 0, 2000, 2001)), "one period"),
        (lambda v: pd.concat([v, v.iloc[:1]]), "twice"),
    ],
)
def test_bad_votes_are_refused_with_a_reason(change, message):
    votes, truth = simulate(states=10, calls=10, seed=7)
    with pytest.raises(ValueError, match=message):
        estimate(change(votes), anchor=top_state(truth))


def test_an_absent_anchor_is_refused():
    votes, _ = simulate(states=10, calls=10, seed=8)
    with pytest.raises(ValueError, match="anchor"):
        estimate(votes)  # the USA does not vote in the simulation


# --- the real UN votes, 1946–2020, fitted once -----------------------------


@pytest.fixture(scope="module")
def votes(un_votes):
    return un_votes


@pytest.fixture(scope="module")
def ours(request, tmp_path_factory):
    """The full fit (10-15 s), made once however pytest-xdist splits this module's tests."""
    fitted = once_per_session(tmp_path_factory, "idealpoints-full-fit", lambda: estimate(request.getfixturevalue("votes")))
    print(f"\nfull fit: {fitted.attrs['fit']}")
    return fitted


@pytest.fixture(scope="module")
def published(mirror):
    from bilateral.sources.voeten import SOURCE as VOETEN

    return VOETEN.load("country_year", mirror=mirror)[["ccode", "year", "idealpoint_all"]]


@FULL_FIT
def test_correlates_with_the_published_estimate_in_every_year_1990_2019(ours, published):
    both = ours.merge(published, on=["ccode", "year"]).dropna(subset=["idealpoint_all"])
    r = both.groupby("year").apply(lambda g: g["idealpoint"].corr(g["idealpoint_all"]), include_groups=False)
    table = pd.DataFrame({"r": r, "states": both.groupby("year").size()}).loc[list(COMPARED_YEARS)]
    print("\nPearson r with Bailey–Strezhnev–Voeten idealpoint_all, by calendar year:")
    print(table.to_string(float_format="{:.3f}".format))
    print(f"min r {table['r'].min():.3f} in {table['r'].idxmin()}")
    below = table[table["r"] < MIN_R]
    assert below.empty, f"r < {MIN_R} in {below['r'].round(3).to_dict()}"


@FULL_FIT
def test_the_usa_is_on_the_positive_side_every_year_like_the_published_scale(ours, published):
    usa = ours[ours["ccode"] == USA].merge(published, on=["ccode", "year"])
    assert (usa["idealpoint_all"] > 0).all()
    assert (usa["idealpoint"] > 0).all()


@FULL_FIT
def test_orderings_in_2015_follow_the_votes(ours, published):
    year = ours[ours["year"] == 2015].set_index("ccode")["idealpoint"]
    assert year[USA] > year[UK] > year[RUSSIA] > year[CHINA] > year[IRAN]
    # every pair of these states that the published scale sets ≥ 0.5 apart is in the same order here
    states = [USA, 666, UK, 220, 255, 740, RUSSIA, 140, 750, CHINA, 101, 40, IRAN, 652]
    theirs = published[published["year"] == 2015].set_index("ccode")["idealpoint_all"]
    for a in states:
        for b in states:
            if theirs[a] - theirs[b] >= 0.5:
                assert year[a] > year[b], (a, b)


@FULL_FIT
def test_vote_counts_are_the_informative_votes(ours, votes):
    usa = votes[(votes["ccode"] == USA) & (votes["year"] == 2015)]
    divided = votes[votes["year"] == 2015].groupby("rcid")["vote"].nunique().gt(1)
    expected = usa["rcid"].map(divided).sum()
    assert ours.set_index(["ccode", "year"]).loc[(USA, 2015), "n_votes"] == expected


@FULL_FIT
def test_one_row_per_state_year_with_documented_columns(ours):
    assert list(ours.columns) == list(idealpoints.COLUMNS)
    assert not ours.duplicated(["ccode", "year"]).any()
    assert ours["idealpoint"].notna().all() and (ours["idealpoint_sd"] > 0).all()
