"""Trajectory on hand-built series: planted turning points are found, none are
invented in a plain line or in noise, and phase labels follow the documented
thresholds; milestones keep disputed ledger rows apart."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from bilateral.explain import stats, trajectory
from bilateral.explain.trajectory import PENALTY_FACTOR
from bilateral.explain.milestones import milestones, summary
from bilateral.explain.trajectory import THRESHOLDS, change_points, label, phases

YEARS = np.arange(1992, 2024)
CHINA, BELARUS = 710, 370


def series(values, years=YEARS) -> pd.Series:
    return pd.Series(values, index=years, dtype=float)


def planted(seed: int) -> pd.Series:
    """Level 30 until 2001, 60 from 2002, 35 from 2013, plus noise of SD 3."""
    rng = np.random.default_rng(seed)
    level = np.where(YEARS < 2002, 30.0, np.where(YEARS < 2013, 60.0, 35.0))
    return series(level + rng.normal(0, 3, len(YEARS)))


@pytest.mark.parametrize("seed", range(5))
def test_planted_level_shifts_are_found(seed):
    found = change_points(planted(seed))
    assert all(any(abs(f - planted_year) <= 1 for f in found) for planted_year in (2002, 2013))
    assert len(found) <= 3  # an extra break is rare (see the rate test below), never a cascade


def test_planted_change_of_slope_is_found():
    rng = np.random.default_rng(7)
    values = np.where(YEARS < 2008, 20 + 2.5 * (YEARS - 1992), 60 - 2.0 * (YEARS - 2008)) + rng.normal(0, 1.5, len(YEARS))
    found = change_points(series(values))
    assert len(found) == 1 and abs(found[0] - 2008) <= 1


@pytest.mark.parametrize("seed", range(5))
def test_no_turning_point_in_a_noisy_line(seed):
    rng = np.random.default_rng(100 + seed)
    assert change_points(series(10 + 1.2 * (YEARS - 1992) + rng.normal(0, 3, len(YEARS)))) == []


def test_the_penalty_keeps_false_turning_points_rare_and_finds_real_ones():
    """The documented rates behind PENALTY_FACTOR: in 100 noisy straight lines at
    most 8 get a turning point; in 100 series with two shifts of 25–30 points
    (noise SD 3) at least 90 get exactly the two."""
    assert PENALTY_FACTOR == 5
    false = sum(bool(change_points(series(10 + 1.2 * (YEARS - 1992) + np.random.default_rng(500 + s).normal(0, 3, len(YEARS)))))
                for s in range(100))
    found = sum(len(f) == 2 and abs(f[0] - 2002) <= 1 and abs(f[1] - 2013) <= 1 for f in (change_points(planted(s)) for s in range(100)))
    assert false <= 8 and found >= 90


def test_short_series_has_no_turning_points():
    assert change_points(series([1.0, 50.0, 1.0, 50.0], YEARS[:4])) == []


@pytest.mark.parametrize("net, slope, r2, sd, words", [
    (2.0, 0.2, 0.9, 1.0, "stayed stable"),
    (-4.9, -0.3, 0.9, 12.0, "fluctuated without a clear direction"),
    (30.0, 3.0, 0.9, 1.0, "rose sharply"),
    (-20.0, -4.0, 0.2, 1.0, "fell sharply"),
    (10.0, 1.0, 0.8, 1.0, "rose steadily"),
    (-10.0, -1.0, 0.3, 1.0, "fell unevenly"),
])
def test_labels_follow_the_thresholds(net, slope, r2, sd, words):
    assert label(net, slope, r2, sd) == words


def test_phases_of_a_rise_then_a_plateau():
    values = np.where(YEARS < 2008, 20 + 2 * (YEARS - 1992), 52.0)
    parts = phases(series(values), breaks=[2008])
    assert [(p.first, p.last) for p in parts] == [(1992, 2007), (2008, 2023)]
    assert parts[0].label == "rose steadily" and parts[0].slope == pytest.approx(2.0)
    assert parts[1].label == "stayed stable"
    assert abs(parts[1].start_fit - parts[0].end_fit) < THRESHOLDS["jump"]


def test_trend_interval_covers_the_true_slope():
    rng = np.random.default_rng(3)
    trend = stats.trend(series(5 + 0.8 * (YEARS - 1992) + rng.normal(0, 2, len(YEARS))))
    assert trend.low < 0.8 < trend.high and trend.direction == 1
    assert stats.trend(series([1.0, 2.0], YEARS[:2])) is None


def test_missing_years_stay_missing():
    values = series(np.arange(len(YEARS), dtype=float)).astype(object)
    values.iloc[5] = None
    assert len(stats.clean(values)) == len(YEARS) - 1
    assert 1997 not in stats.changes(values).index and 1998 not in stats.changes(values).index


@pytest.fixture()
def ledger_con():
    """A warehouse with only the tables milestones read: a ledger with one ALT row."""
    con = duckdb.connect()
    con.execute("""CREATE TABLE core_ledger__events AS SELECT * FROM (VALUES
        ('1992-01-20', DATE '1992-01-20', 1992, 'CHN', 'BLR', 710, 370, 'diplomatic_ties_established', 'Ties established', FALSE, 'https://a.example'),
        ('1992-01-27', DATE '1992-01-27', 1992, 'CHN', 'BLR', 710, 370, 'diplomatic_ties_established', 'ALT: ties dated 27 January', TRUE, 'https://b.example'),
        ('2013-07', DATE '2013-07-01', 2013, 'CHN', 'BLR', 710, 370, 'partnership_upgrade', 'Strategic partnership', FALSE, 'https://c.example'),
        ('2014-01', DATE '2014-01-01', 2014, 'CHN', 'BLR', 710, 370, 'phone_call', 'A call (not a milestone)', FALSE, 'https://d.example'),
        ('2015-01', DATE '2015-01-01', 2015, 'CHN', 'RUS', 710, 365, 'state_visit', 'Another dyad', FALSE, 'https://e.example')
        ) t(date, date_start, year, actor1_iso3, actor2_iso3, actor1_ccode, actor2_ccode, event_type, title, is_alt, source_url)""")
    yield con
    con.close()


class _State:
    def __init__(self, ccode, name, iso3):
        self.ccode, self.name, self.iso3 = ccode, name, iso3


def test_milestones_mark_alt_rows_disputed_and_do_not_count_them(ledger_con):
    a, b = _State(CHINA, "China", "CHN"), _State(BELARUS, "Belarus", "BLR")
    events = milestones(ledger_con, a, b, (1991, 2023))
    assert list(events["type"]) == ["diplomatic_ties_established", "diplomatic_ties_established", "partnership_upgrade"]
    assert list(events["disputed"]) == [False, True, False]
    assert events.loc[1, "title"] == "ties dated 27 January"  # the ALT: marker becomes the flag
    said = summary(events, a, b, (1991, 2023))
    assert said[0].text.startswith("The timeline lists 2 milestones")
    assert said[1].kind == "gap" and "27 January 1992" in said[1].text


def test_trajectory_of_a_hand_built_dyad(ledger_con):
    a, b = _State(CHINA, "China", "CHN"), _State(BELARUS, "Belarus", "BLR")
    rng = np.random.default_rng(1)
    composite = np.where(YEARS < 2013, 30.0, 60.0) + rng.normal(0, 2, len(YEARS))
    scores = pd.DataFrame({"state": CHINA, "partner": BELARUS, "year": YEARS, "composite_index": composite,
                           "composite_dimensions": 4, "composite_inputs": 15})
    for name in ("alignment", "economic", "military", "political", "science"):
        scores[f"score_{name}"] = np.nan
        scores[f"{name}_indicators"] = 0
    out = trajectory.trajectory(ledger_con, a, b, (1992, 2023), scores)
    assert 2013 in out["series"]["composite"]["change_points"]
    texts = [s.text for s in out["statements"]]
    assert any("turning point in 2013" in t and "partnership upgrade" in t for t in texts)
    assert all(s.evidence for s in out["statements"])


def test_a_phase_spanning_a_change_in_inputs_is_flagged():
    """UN votes run past the other sources, so a score's last years can rest on fewer
    indicators; a rise or fall across that change is flagged as possibly coverage."""
    years = range(2000, 2027)
    series = pd.Series([50.0 + 0.2 * (y - 2000) for y in years if y < 2024] + [74.0, 50.0, 45.0], index=list(years))
    coverage = pd.Series([2] * 25 + [1, 1], index=list(years))  # the second indicator ends in 2024
    parts = trajectory.phases(series, [2024])
    notes = trajectory._phase_coverage_notes("alignment score", "score_alignment", parts, coverage)
    assert len(notes) == 1 and "phase of 2024–2026 spans a change in its inputs (2 before, 1 from 2025)" in notes[0].text
    assert notes[0].kind == "gap"
    steady = pd.Series([2] * 27, index=list(years))
    assert trajectory._phase_coverage_notes("alignment score", "score_alignment", parts, steady) == []


def test_a_jump_at_a_source_boundary_is_a_break_not_a_turning_point(ledger_con):
    """The same jump in 2013, but the inputs change that year too (a source starts): no turning point, no milestone."""
    a, b = _State(CHINA, "China", "CHN"), _State(BELARUS, "Belarus", "BLR")
    rng = np.random.default_rng(1)
    composite = np.where(YEARS < 2013, 30.0, 60.0) + rng.normal(0, 2, len(YEARS))
    scores = pd.DataFrame({"state": CHINA, "partner": BELARUS, "year": YEARS, "composite_index": composite,
                           "composite_dimensions": np.where(YEARS < 2013, 4, 5), "composite_inputs": np.where(YEARS < 2013, 15, 31)})
    for name in ("alignment", "economic", "military", "political", "science"):
        scores[f"score_{name}"] = np.nan
        scores[f"{name}_indicators"] = 0
    out = trajectory.trajectory(ledger_con, a, b, (1992, 2023), scores)
    series = out["series"]["composite"]
    assert 2013 not in series["change_points"]
    assert series["spans"] == [[int(YEARS[0]), 2012], [2013, int(YEARS[-1])]] and series["span_used"] == [2013, int(YEARS[-1])]
    texts = [s.text for s in out["statements"]]
    assert any("broken in 2013" in t for t in texts)
    assert not any("turning point in 2013" in t for t in texts)
    assert not any("jump" in t or "drop" in t for t in texts)
