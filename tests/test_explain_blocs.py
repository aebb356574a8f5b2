"""Bloc memberships as data (dates, sources, the 1 July rule) and the drift
verdicts on hand-built distance series."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from bilateral.explain import blocs

UK, POLAND, FINLAND, SWEDEN, WEST_GERMANY, GERMANY, USA = 200, 290, 375, 380, 260, 255, 2
YEARS = np.arange(1995, 2024)


def test_every_spell_cites_a_source_and_a_check_date():
    spells = blocs.load_blocs()
    assert set(spells["bloc"]) == set(blocs.BLOC_NAMES)
    assert spells["source_url"].str.match(r"https://\S+$").all()
    assert all(date.fromisoformat(d) for d in spells["checked"])
    assert not spells.duplicated(["bloc", "ccode", "joined"]).any()
    assert (spells["left"].isna() | (spells["left"] > spells["joined"])).all()


@pytest.mark.parametrize("bloc, year, size", [
    ("eu", 1958, 6), ("eu", 1995, 15), ("eu", 2004, 25), ("eu", 2013, 28), ("eu", 2019, 28), ("eu", 2020, 27),
    ("nato", 1950, 12), ("nato", 1999, 19), ("nato", 2004, 26), ("nato", 2020, 30), ("nato", 2023, 31), ("nato", 2024, 32),
])
def test_bloc_sizes_by_year(bloc, year, size):
    assert len(blocs.members(bloc, year)) == size


def test_membership_counts_from_1_july():
    assert UK in blocs.members("eu", 2019) and UK not in blocs.members("eu", 2020)  # left 31 January 2020
    assert POLAND in blocs.members("nato", 1999) and POLAND not in blocs.members("nato", 1998)
    assert FINLAND in blocs.members("nato", 2023) and SWEDEN in blocs.members("nato", 2024) and SWEDEN not in blocs.members("nato", 2023)
    assert 344 in blocs.members("eu", 2013)  # Croatia, 1 July 2013: a member on the day


def test_germany_continues_under_its_new_code():
    assert WEST_GERMANY in blocs.members("nato", 1990) and GERMANY not in blocs.members("nato", 1990)
    assert GERMANY in blocs.members("nato", 1991) and WEST_GERMANY not in blocs.members("nato", 1991)
    assert blocs.members("usa", 2000) == {USA}


def distance(slope: float, noise: np.ndarray) -> pd.Series:
    return pd.Series(1.0 + slope * (YEARS - 1995) + noise, index=YEARS)


def test_two_sides_drifting_away_in_step():
    rng = np.random.default_rng(0)
    common = rng.normal(0, 0.1, len(YEARS))
    result = blocs.drift(distance(0.04, common + rng.normal(0, 0.02, len(YEARS))), distance(0.03, common + rng.normal(0, 0.02, len(YEARS))))
    assert result["verdict"] == "together_in_step"


def test_two_sides_drifting_away_but_not_in_step():
    rng = np.random.default_rng(1)
    result = blocs.drift(distance(0.04, rng.normal(0, 0.05, len(YEARS))), distance(0.03, rng.normal(0, 0.05, len(YEARS))))
    assert result["verdict"] == "together_not_in_step"


def test_opposite_directions_and_no_drift():
    rng = np.random.default_rng(2)
    assert blocs.drift(distance(0.04, rng.normal(0, 0.05, len(YEARS))), distance(-0.04, rng.normal(0, 0.05, len(YEARS))))["verdict"] == "opposite"
    assert blocs.drift(distance(0.0, rng.normal(0, 0.05, len(YEARS))), distance(0.04, rng.normal(0, 0.05, len(YEARS))))["verdict"] == "not_together"
