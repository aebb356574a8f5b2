"""The determinants model on simulated panels: it recovers known coefficients
despite year shocks and dyad-level noise, its outcome never contains a
determinant's own data, and shared alignment means the same thing whether
computed for all dyads or for one."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from bilateral.explain import determinants
from bilateral.measures import determinants as model
from bilateral.measures import panel

TRUE = {"regime_difference": -8.0, "log_distance": -2.5, "alliance": 6.0, "igo_shared": 0.4}


def simulated(seed: int = 0, dyads: int = 600, years: range = range(1990, 2011)) -> pd.DataFrame:
    """y = Σ β·x + a shock per year + a lasting effect per dyad + noise."""
    rng = np.random.default_rng(seed)
    ids = np.arange(dyads)
    base = pd.DataFrame({"ccode1": ids // 100 + 1, "ccode2": ids % 100 + 200, "dyad_effect": rng.normal(0, 4, dyads),
                         "log_distance": rng.uniform(5, 9.5, dyads), "igo_level": rng.uniform(5, 60, dyads)})
    frame = base.merge(pd.DataFrame({"year": list(years), "shock": rng.normal(0, 5, len(years))}), how="cross")
    n = len(frame)
    frame["regime_difference"] = rng.uniform(0, 0.9, n)
    frame["alliance"] = (rng.uniform(0, 1, n) < 0.2).astype(float)
    frame["igo_shared"] = frame["igo_level"] + rng.normal(0, 3, n)
    frame["outcome"] = 20 + frame["shock"] + frame["dyad_effect"] + rng.normal(0, 5, n)
    for name, beta in TRUE.items():
        frame["outcome"] += beta * frame[name]
    return frame


def test_model_recovers_known_coefficients():
    fit = model.fit_panel(simulated(), list(TRUE))
    terms = fit.terms.set_index("term")
    for name, beta in TRUE.items():
        assert terms.loc[name, "ci_low"] <= beta <= terms.loc[name, "ci_high"], name
        assert terms.loc[name, "coef"] == pytest.approx(beta, abs=0.15 * abs(beta) + 0.05)
    assert fit.n_dyads == 600 and fit.years == (1990, 2010)


def test_the_fit_does_not_depend_on_the_order_of_the_rows():
    """DuckDB hands the panel over in any order; the fit is the same to the last bit (a build is reproducible)."""
    data = simulated()
    first = model.fit_panel(data, list(TRUE))
    shuffled = model.fit_panel(data.sample(frac=1, random_state=7), list(TRUE))
    pd.testing.assert_frame_equal(first.terms, shuffled.terms, check_exact=True)
    assert first.r2 == shuffled.r2


def test_dyad_clustered_intervals_are_wider_than_naive_ones():
    """Dyad effects make a dyad's years alike; clustering must not pretend they are independent."""
    import statsmodels.api as sm

    data = simulated(1)
    fit = model.fit_panel(data, ["log_distance"])
    naive = sm.OLS(data["outcome"], sm.add_constant(pd.concat([data[["log_distance"]],
                   pd.get_dummies(data["year"], drop_first=True, dtype=float)], axis=1))).fit()
    assert float(fit.terms["se"].iloc[0]) > 1.5 * float(naive.bse["log_distance"])


def test_contributions_add_up_to_the_predicted_gap():
    data = simulated(2)
    fit = model.fit_panel(data, list(TRUE))
    row = data.iloc[123]
    table = determinants.contributions(fit, row)
    means = data[data["year"] == row["year"]][list(TRUE)].mean()
    expected = sum(fit.terms.set_index("term").loc[n, "coef"] * (row[n] - means[n]) for n in TRUE)
    assert table["contribution"].sum() == pytest.approx(expected)


def test_outcome_leaves_out_the_determinants_own_data():
    kept = panel.outcome_indicators("composite", tuple(panel.BY_NAME))
    used = {"igo_shared", "atop_any", "atop_defense", "rivalry", "un_agree_share", "un_s_score", "un_kappa", "ideal_point_distance"}
    assert not used & {m for ms in kept.values() for m in ms}
    assert kept["economic"] == ["trade_total_musd"] and kept["alignment"] == []
    assert kept["military"] == ["arms_tiv_delivered_total"] and kept["science"] == ["coauthored_works"]
    # without the IGO determinant, the political score gets igo_shared back
    assert "igo_shared" in panel.outcome_indicators("political", ("log_distance",))["political"]
    with pytest.raises(ValueError, match="same data as a determinant"):
        panel.outcome_indicators("alignment", ("shared_alignment",))


def test_purged_outcome_is_the_composite_rule_on_what_is_left():
    frame = pd.DataFrame({"ind_trade": [80.0, None], "ind_arms": [0.0, 40.0], "ind_alliance": [60.0, None], "ind_igo": [None, None]})
    kept = {"economic": ["trade_total_musd"], "military": ["arms_tiv_delivered_total", "atop_defense"], "political": ["igo_shared"]}
    outcome, present = panel.purged_outcome(frame, kept)
    # economic 80, military mean(0, 60) = 30, political missing; equal default weights
    assert outcome[0] == pytest.approx((0.2 * 80 + 0.2 * 30) / 0.4) and outcome[1] == pytest.approx(40.0)
    assert list(present) == [2, 1] and panel.required_dimensions(kept) == 2


@pytest.fixture()
def votes_warehouse():
    """out_dyad_year with UN agreement among 30 states in one year, random but fixed."""
    rng = np.random.default_rng(5)
    states = list(range(100, 130))
    rows = [(a, b, 2000, float(rng.uniform(0.3, 1.0))) for i, a in enumerate(states) for b in states[i + 1:]]
    rows = [r for r in rows if rng.uniform() > 0.1]  # some dyads missing
    con = duckdb.connect()
    con.register("_rows", pd.DataFrame(rows, columns=["ccode1", "ccode2", "year", "un_agree_share"]))
    con.execute("CREATE TABLE out_dyad_year AS SELECT * FROM _rows")
    yield con
    con.close()


def test_shared_alignment_is_the_same_for_all_dyads_and_for_one(votes_warehouse):
    everyone = panel.shared_alignment(votes_warehouse, (2000, 2000)).set_index(["ccode1", "ccode2"])["shared_alignment"]
    compared = 0
    for pair in ((100, 101), (105, 120), (110, 129), (101, 102), (115, 125)):
        one = panel.shared_alignment(votes_warehouse, (2000, 2000), pair=pair)["shared_alignment"].iloc[0]
        if pair in everyone.index:
            assert one == pytest.approx(everyone.loc[pair])
            compared += 1
        else:  # fewer than MIN_THIRDS common third states: missing both ways, never 0
            assert np.isnan(one)
    assert compared >= 3


def test_shared_alignment_of_identical_voters_is_one(votes_warehouse):
    votes_warehouse.execute("DELETE FROM out_dyad_year WHERE 129 IN (ccode1, ccode2)")
    votes_warehouse.execute("""INSERT INTO out_dyad_year SELECT least(ccode2, 129), greatest(ccode2, 129), year, un_agree_share
                               FROM out_dyad_year WHERE ccode1 = 100 AND ccode2 <> 129""")
    # 129 now agrees with every third state exactly as 100 does
    value = panel.shared_alignment(votes_warehouse, (2000, 2000), pair=(100, 129))["shared_alignment"].iloc[0]
    assert value == pytest.approx(1.0)


def test_fit_is_stored_and_read_back():
    fit = model.fit_panel(simulated(3, dyads=200), list(TRUE), indicators="trade_total_musd")
    con = duckdb.connect()
    con.execute("CREATE TABLE _sources (name VARCHAR, built_at VARCHAR)")
    model.store(con, fit)
    back = model.load(con)
    assert back.n_obs == fit.n_obs and back.years == fit.years and back.indicators == "trade_total_musd"
    pd.testing.assert_frame_equal(back.terms.reset_index(drop=True), fit.terms.reset_index(drop=True), check_dtype=False)
    assert back.means.loc[2000, "alliance"] == pytest.approx(fit.means.loc[2000, "alliance"])


def test_within_year_fit_equals_the_year_dummy_regression():
    """Coefficients and two-way clustered SEs as statsmodels gives them with explicit year dummies."""
    import statsmodels.api as sm

    data = simulated(4, dyads=900)
    dyad = (data["ccode1"] - 1) * 100 + data["ccode2"] - 200  # 30 × 30 states, so each way has enough clusters
    data["ccode1"], data["ccode2"] = dyad % 30 + 1, dyad // 30 + 200
    fit = model.fit_panel(data, list(TRUE)).terms.set_index("term")
    x = sm.add_constant(pd.concat([data[list(TRUE)], pd.get_dummies(data["year"], drop_first=True, dtype=float)], axis=1))
    groups = data[["ccode1", "ccode2"]].to_numpy()
    dummies = sm.OLS(data["outcome"], x).fit(cov_type="cluster", cov_kwds={"groups": groups})
    for name in TRUE:
        assert fit.loc[name, "coef"] == pytest.approx(dummies.params[name], rel=1e-9)
        assert fit.loc[name, "se"] == pytest.approx(dummies.bse[name], rel=1e-6)
