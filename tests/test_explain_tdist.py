"""Student's t for whole degrees of freedom (bilateral.explain.tdist) against
scipy's, which the package no longer imports for it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import stdtr, stdtrit

from bilateral.explain import tdist

DEGREES = list(range(1, 41)) + [47, 60, 99, 150, 301]
T_VALUES = [-50.0, -7.5, -3.2, -2.0, -1.0, -0.3, 0.0, 0.01, 0.5, 1.96, 2.7, 4.0, 12.0, 1e3]


@pytest.mark.parametrize("df", DEGREES)
def test_cdf_matches_scipy(df):
    ours = np.array([tdist.cdf(t, df) for t in T_VALUES])
    np.testing.assert_allclose(ours, stdtr(df, np.array(T_VALUES)), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("df", DEGREES)
def test_tails_keep_their_relative_precision(df):
    """The p-value of a trend is a lower tail: compared relative to its size, not to 1."""
    for t in (-3.0, -6.0, -10.0, -40.0):
        assert tdist.cdf(t, df) == pytest.approx(float(stdtr(df, t)), rel=1e-11, abs=0)


@pytest.mark.parametrize("df", DEGREES)
def test_quantile_matches_scipy_and_inverts_the_cdf(df):
    for p in (0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995):
        q = tdist.quantile(p, df)
        assert q == pytest.approx(float(stdtrit(df, p)), rel=1e-10, abs=1e-12)
        assert tdist.cdf(q, df) == pytest.approx(p, rel=1e-12)


def test_known_table_values():
    """Printed t tables (two-sided 95%): 12.706 (1 df), 4.303 (2), 2.228 (10), 2.042 (30)."""
    assert [round(tdist.quantile(0.975, df), 3) for df in (1, 2, 10, 30)] == [12.706, 4.303, 2.228, 2.042]


def test_edges_and_bad_arguments():
    assert tdist.cdf(math.inf, 3) == 1.0 and tdist.cdf(-math.inf, 3) == 0.0
    assert math.isnan(tdist.cdf(math.nan, 3))
    for bad in (0, -2, 2.5):
        with pytest.raises(ValueError, match="degrees of freedom"):
            tdist.cdf(1.0, bad)
    for bad in (0.0, 1.0, -0.1, 1.5):
        with pytest.raises(ValueError, match="0 < p < 1"):
            tdist.quantile(bad, 5)


def test_far_tails_of_the_quantile_keep_their_relative_precision():
    """Bisection on the smaller tail: with one degree of freedom the quantile is the
    Cauchy one, −cot(π p); p near 1 mirrors it (1 − p is exact there); p below 1e-17 still works."""
    for p in (1e-12, 1e-20):
        assert tdist.quantile(p, 1) == pytest.approx(-1 / math.tan(math.pi * p), rel=1e-9)
        near_one = 1 - p * 1e4
        assert tdist.quantile(near_one, 1) == pytest.approx(1 / math.tan(math.pi * (1 - near_one)), rel=1e-9)
    for df in (2, 7, 30):
        assert tdist.quantile(1e-9, df) == pytest.approx(float(stdtrit(df, 1e-9)), rel=1e-9)


def test_many_degrees_of_freedom_end_and_agree_with_scipy():
    """Terms that underflow end the tail sum (with 10,000 degrees of freedom and t = 40 it never ended)."""
    for df, t in ((3000, 45.0), (10000, 40.0), (10000, 99.0), (5000, -60.0)):
        assert tdist.cdf(t, df) == pytest.approx(float(stdtr(df, t)), rel=1e-12, abs=1e-300)
