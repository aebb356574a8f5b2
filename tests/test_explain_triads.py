"""Triads on hand-built data: a third state that drives both sides is detected,
one that does not is not, and the default third state is the one both sides
are jointly closest to."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from bilateral.explain import frames, stats, triads
from bilateral.explain.evidence import COVERAGE, INPUTS, SCORES

A, B, C, D, E = 710, 370, 365, 2, 200  # China, Belarus, Russia, USA, UK
YEARS = np.arange(1991, 2024)


def wide(ab, ac, bc) -> pd.DataFrame:
    """The frame triads.series builds: every score of A–B, A–C, B–C per year (only the composite filled)."""
    frame = pd.DataFrame({"year": YEARS})
    for column in SCORES.values():
        for suffix, values in (("ab", ab), ("ac", ac), ("bc", bc)):
            frame[f"{column}_{suffix}"] = values if column == "composite_index" else np.nan
    return frame


def driven(seed: int):
    """C's pull moves A–C, B–C and A–B alike (a common random walk), each with its own noise."""
    rng = np.random.default_rng(seed)
    pull = np.cumsum(rng.normal(0, 3, len(YEARS)))
    noise = lambda: rng.normal(0, 1.5, len(YEARS))  # noqa: E731
    return 40 + pull + noise(), 50 + pull + noise(), 55 + pull + noise()


def independent(seed: int):
    """A–B follows its own walk; A–C and B–C share another one."""
    rng = np.random.default_rng(seed)
    own, pull = np.cumsum(rng.normal(0, 3, len(YEARS))), np.cumsum(rng.normal(0, 3, len(YEARS)))
    noise = lambda: rng.normal(0, 1.5, len(YEARS))  # noqa: E731
    return 40 + own + noise(), 50 + pull + noise(), 55 + pull + noise()


@pytest.mark.parametrize("seed", range(10))
def test_a_third_state_that_drives_both_sides_is_detected(seed):
    result = triads.co_movements(wide(*driven(seed)))["composite"]
    assert result.positive and result.n == len(YEARS) - 1


def test_a_third_state_that_does_not_drive_them_is_not_detected():
    flagged = [seed for seed in range(40) if triads.co_movements(wide(*independent(seed)))["composite"].positive]
    assert len(flagged) <= 3  # a 95% interval wrongly excludes 0 about one time in forty


def test_levels_that_merely_trend_together_are_not_co_movement():
    """Two series that both rise, with unrelated year-to-year moves, correlate in
    levels (r near 1) but not in changes."""
    rng = np.random.default_rng(11)
    ab = 20 + 1.5 * (YEARS - 1991) + rng.normal(0, 3, len(YEARS))
    shared = 30 + 1.5 * (YEARS - 1991) + rng.normal(0, 3, len(YEARS))
    assert np.corrcoef(ab, shared)[0, 1] > 0.9
    assert not triads.co_movements(wide(ab, shared, shared))["composite"].positive


def test_fisher_interval_matches_the_textbook_value():
    low, high = stats.fisher_interval(0.5, 28)  # z = 0.5493, SE = 0.2, ±1.96 SE
    assert low == pytest.approx(np.tanh(0.5493 - 0.392), abs=1e-3)
    assert high == pytest.approx(np.tanh(0.5493 + 0.392), abs=1e-3)


@pytest.fixture()
def small_warehouse():
    """out_index and out_states for five states over 2014–2023: C is close to
    both A and B, D to A only, E to neither."""
    closeness = {(A, B): 50, (A, C): 70, (B, C): 65, (A, D): 90, (B, D): 10, (A, E): 20, (B, E): 15, (C, D): 30, (C, E): 30, (D, E): 80}
    rows = []
    for (x, y), level in closeness.items():
        for year in range(2014, 2024):
            rows.append({"ccode1": min(x, y), "ccode2": max(x, y), "year": year, "composite_index": level + (year % 2),
                         **{c: 50.0 for c in SCORES.values() if c != "composite_index"},
                         **{c: 4 for c in (*COVERAGE.values(), *INPUTS.values())}})
    con = duckdb.connect()
    con.register("_rows", pd.DataFrame(rows))
    con.execute("CREATE TABLE out_index AS SELECT * FROM _rows")
    con.execute("""CREATE TABLE out_states AS SELECT * FROM (VALUES (710, 'CHN', 'China'), (370, 'BLR', 'Belarus'),
                   (365, 'RUS', 'Russia'), (2, 'USA', 'United States'), (200, 'GBR', 'United Kingdom')) t(ccode, iso3, name)""")
    yield con
    con.close()


def test_default_third_is_the_state_both_are_jointly_closest_to(small_warehouse):
    table = triads.candidates(small_warehouse, A, B, (2014, 2023))
    assert list(table["third"]) == [C, E, D]  # D is closest to A (90) but far from B (10): the weaker tie decides
    assert table.attrs["years"] == (2014, 2023)
    farthest = table.sort_values(["far", "mean"]).iloc[0]
    assert farthest["third"] == E


def test_triad_names_the_default_and_cites_it(small_warehouse):
    class State:
        def __init__(self, ccode, name, iso3):
            self.ccode, self.name, self.iso3 = ccode, name, iso3

    out = triads.triad(small_warehouse, State(A, "China", "CHN"), State(B, "Belarus", "BLR"), years=(2014, 2023))
    assert out["third"] == {"ccode": C, "name": "Russia", "default": True}
    first = out["statements"][0]
    assert "is Russia" in first.text and {e.measure for e in first.evidence} == {"composite_index_CHN_RUS", "composite_index_BLR_RUS"}
    assert all(s.evidence for s in out["statements"])


def test_directed_frame_sees_each_dyad_from_both_sides(small_warehouse):
    frame = frames.directed_scores(small_warehouse, [A, B], (2014, 2014), columns=("composite_index",))
    ab = frame[(frame["state"] == A) & (frame["partner"] == B)]
    ba = frame[(frame["state"] == B) & (frame["partner"] == A)]
    assert len(ab) == len(ba) == 1 and float(ab["composite_index"].iloc[0]) == float(ba["composite_index"].iloc[0])
