"""Our PELT (bilateral.explain.pelt) gives the breaks ruptures' Pelt(model="linear")
gives, on simulated series (noise, planted jumps and slope changes, exact
lines whose segment costs tie at zero) and on the composite index of real
dyads from the warehouse. ruptures is imported here only, as the reference."""

from __future__ import annotations

import numpy as np
import pytest

from bilateral.explain.pelt import pelt
from bilateral.explain.trajectory import MIN_SIZE, change_points, penalty


def _signal(values, years):
    years = np.asarray(years, dtype=float)
    return np.column_stack([np.asarray(values, dtype=float), np.ones_like(years), years - years.mean()])


def _reference(values, years, min_size=MIN_SIZE, pen=None):
    import ruptures as rpt  # here, not at the top: with scipy.stats it takes a second, and every worker collects this module

    pen = penalty(np.asarray(values, dtype=float)) if pen is None else pen
    return rpt.Pelt(model="linear", min_size=min_size, jump=1).fit(_signal(values, years)).predict(pen=pen)


def _simulated():
    rng = np.random.default_rng(11)
    for i in range(150):
        n = int(rng.integers(6, 60))
        years = np.arange(1990, 1990 + n)
        level = np.cumsum(rng.normal(0, 1, n)) * rng.uniform(0, 5)
        for k in rng.integers(0, n, int(rng.integers(0, 4))):  # planted jumps and changes of slope
            level[k:] += rng.normal(0, 20)
            level[k:] += rng.normal(0, 2) * np.arange(n - k)
        yield f"random {i}", level + rng.normal(0, rng.uniform(0.1, 6), n), years
    yield "constant", np.full(20, 42.0), np.arange(2000, 2020)
    yield "exact line", 3.0 + 0.5 * np.arange(25), np.arange(1995, 2020)
    yield "two exact lines", np.r_[np.arange(12) * 1.0, 40 - np.arange(12) * 2.0], np.arange(2000, 2024)
    yield "gap in years", np.r_[np.zeros(8), np.ones(8) * 30], np.r_[np.arange(1990, 1998), np.arange(2005, 2013)]


@pytest.mark.parametrize("name, values, years", list(_simulated()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_breaks_of_simulated_series_are_those_of_ruptures(name, values, years):
    assert pelt(_signal(values, years), penalty(values), MIN_SIZE) == _reference(values, years)


@pytest.mark.parametrize("min_size, pen", [(2, 1.0), (3, 0.01), (4, 50.0), (6, 5.0), (3, 1e6)])
def test_other_minimum_sizes_and_penalties_agree_too(min_size, pen):
    rng = np.random.default_rng(min_size)
    for _ in range(20):
        n = int(rng.integers(2 * min_size, 50))
        values, years = rng.normal(0, 5, n).cumsum(), np.arange(n)
        assert pelt(_signal(values, years), pen, min_size) == _reference(values, years, min_size, pen)


def test_a_single_segment_ends_at_the_last_row():
    assert pelt(_signal(np.arange(10.0), np.arange(10)), 1e9, 3) == [10]


@pytest.mark.slow
def test_the_composite_index_of_real_dyads_breaks_where_ruptures_breaks_it(con):
    frame = con.sql("""
        select ccode1, ccode2, year, composite_index from out_index
        where composite_index is not null
          and (ccode1, ccode2) in (select ccode1, ccode2 from out_index where composite_index is not null
                                   group by ccode1, ccode2 having count(*) >= 6 order by hash(ccode1 * 1000 + ccode2) limit 150)
        order by all""").df()
    checked = 0
    for _, dyad in frame.groupby(["ccode1", "ccode2"]):
        values, years = dyad["composite_index"].to_numpy(float), dyad["year"].to_numpy(float)
        expected = [int(years[k]) for k in _reference(values, years)[:-1]]
        assert change_points(dyad.set_index("year")["composite_index"]) == expected, dyad[["ccode1", "ccode2"]].iloc[0].tolist()
        checked += 1
    assert checked >= 100
