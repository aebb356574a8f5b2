"""Wording an analyst would sign (issue 9, parts 4–6): rules every brief
obeys, checked on the Markdown and JSON of every test dyad, and the
invariants behind them checked on generated data.

- a phase label never contradicts the figures quoted beside it
  ("stayed stable (22.4 to 1.2)" and "rose unevenly (20.7 to 18.6)" cannot
  be written), and a sentence names at most four phases;
- bloc sentences never say "did not drift together" beside yearly changes
  that clearly move together;
- the Markdown is at most 400 lines, its headline at most 8 sentences, with
  no number of more than four decimals, no ISO date outside a link, no
  "Unnamed" reporter; a headline rank names its index;
- a strategic rivalry is in the military section and the headline.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.explain import stats, trajectory
from bilateral.explain.blocs import _verdict_statement, drift
from bilateral.report.render_md import value_text
from bilateral.report.sections import headline_ok
from bilateral.report.model import Evidence, Statement
from bilateral.wording import by_reporter, figures_differ, reporter_name
from test_report import DYADS, _json, _read, _section, briefs  # noqa: F401

STABLE = trajectory.THRESHOLDS["stable_net"]
finite = st.floats(-100, 100, allow_nan=False)


def agrees(words: str, first: float, last: float) -> bool:
    """The label's direction against the quoted start and end."""
    change = last - first
    if words.startswith("rose"):
        return change >= STABLE
    if words.startswith("fell"):
        return change <= -STABLE
    if words == "stayed stable":
        return abs(change) < STABLE
    return abs(change) < STABLE  # "fluctuated without a clear direction": ends near where it began


@given(first=st.floats(0, 100), last=st.floats(0, 100), net=finite, slope=st.floats(-20, 20), r2=st.floats(0, 1),
       sd=st.floats(0, 30))
def test_label_agrees_with_the_figures_quoted(first, last, net, slope, r2, sd):
    words = trajectory.label(net, slope, r2, sd, observed=last - first)
    assert agrees(words, first, last), (words, first, last)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=8, max_size=30))
def test_phases_of_any_series_agree_with_their_figures(values):
    series = pd.Series(values, index=range(1990, 1990 + len(values)))
    for phase in trajectory.phases(series):
        assert agrees(phase.label, phase.first_value, phase.last_value), phase


def test_the_cases_of_issue_9_cannot_be_written():
    # a flat fitted line over a phase that ends far below where it began; a rising fit over a phase that ends lower
    assert trajectory.label(2.0, 0.1, 0.1, 3.0, observed=1.2 - 22.4).startswith("fell")
    assert trajectory.label(8.0, 0.5, 0.2, 4.0, observed=18.6 - 20.7) != "rose unevenly"


def test_at_most_four_phases_a_sentence():
    years = np.arange(1960, 2020)
    values = np.concatenate([np.full(6, v) for v in (10, 60, 15, 70, 20, 80, 25, 85, 30, 90)]).astype(float)
    series = pd.Series(values + np.random.default_rng(0).normal(0, 0.5, len(years)), index=years)
    parts = trajectory.phases(series)
    assert len(parts) > 4
    said = trajectory._phase_statement("A–B", "composite index", "composite_index", parts)
    assert len(said) > 1
    assert all(len(re.findall(r" in \d{4}–\d{4} \(", s.text)) <= trajectory.MAX_PHASES for s in said)
    assert sum(len(re.findall(r" in \d{4}–\d{4} \(", s.text)) for s in said) == len(parts)


class _State:
    def __init__(self, name):
        self.name = name


def test_bloc_words_follow_the_correlation():
    """One side drifts, the other not, yet their yearly changes move together (r near 0.9)."""
    rng = np.random.default_rng(5)
    years = range(2000, 2024)
    wiggle = rng.normal(0, 1, len(years)).cumsum()
    a = pd.Series(0.4 * np.arange(len(years)) + wiggle, index=years)
    b = pd.Series(wiggle + rng.normal(0, 0.2, len(years)), index=years)
    result = drift(a, b)
    assert result["co_movement"].low > 0.5
    text = _verdict_statement(_State("Aland"), _State("Bland"), "NATO", result).text
    assert "did not" not in text and "moved together" in text, text


def test_reported_figures_differ_only_beyond_five_percent():
    assert not figures_differ([100.0, 104.0]) and figures_differ([100.0, 106.0]) and not figures_differ([50.0, 50.0])
    assert by_reporter("Unnamed statistics (Redplanx)") == "by Redplanx, citing unnamed statistics"
    assert reporter_name("China Customs") == "China Customs"


def test_evidence_numbers_have_at_most_four_decimals():
    assert value_text(75.48423241671908) == "75.4842" and value_text(2253.0) == "2,253" and value_text(2010, "year") == "2010"
    assert value_text(0.000012) == "1.2e-05"


def test_a_headline_rank_names_its_index():
    ev = (Evidence("x", "m", 1, "rank", year=2000),)
    assert not headline_ok(Statement("Hungary is China's 188th closest partner.", ev))
    assert headline_ok(Statement("Hungary is China's 188th closest partner on the composite index.", ev))


# -- every test dyad's brief ---------------------------------------------------

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LONG_DECIMAL = re.compile(r"\d\.\d{5,}")
LINK = re.compile(r"\]\([^)]*\)|https?://\S+")


@pytest.mark.parametrize("name", list(DYADS))
def test_markdown_obeys_the_wording_rules(briefs, name):
    md = _read(briefs[name] / "report.md")
    assert md.count("\n") <= 400, md.count("\n")
    text = LINK.sub("", md)
    assert not LONG_DECIMAL.findall(text), LONG_DECIMAL.findall(text)[:5]
    assert not ISO_DATE.findall(text), ISO_DATE.findall(text)[:5]
    assert "Unnamed" not in text
    brief = _json(briefs, name)
    headline = _section(brief, "summary")["sentences"]
    assert len(headline) <= 8
    for sentence in headline:
        assert headline_ok(Statement(sentence["text"], (Evidence("x", "m", 1, "u", year=2000),))), sentence["text"]
        # the ledger is curated and selective: its counts are examples, never a headline measure
        assert {e["source"] for e in sentence["evidence"]} != {"ledger"}, sentence["text"]


def test_ussr_china_headlines_the_rivalry(briefs):
    brief = _json(briefs, "ussr-china")
    said = [s["text"] for s in _section(brief, "military")["sentences"]]
    assert said[0].startswith("Thompson & Dreyer code the Soviet Union and China as strategic rivals from 1958 to 1989")
    assert "defence obligation in 1960–1980" in said[0]  # the alliance on paper is named beside the rivalry
    headline = [s["text"] for s in _section(brief, "summary")["sentences"]]
    assert any("strategic rivals from 1958 to 1989" in t for t in headline)
    assert not any("defence obligation" in t and "rival" not in t for t in headline)


def _ideal_points(usa_slope: float, state_slope: float):
    import duckdb

    con = duckdb.connect()
    rows = [(ccode, year, slope * (year - 2000) + base) for ccode, slope, base in ((2, usa_slope, 2.0), (710, state_slope, -1.0))
            for year in range(2000, 2020)]
    con.execute("CREATE TABLE core_voeten_idealpoints__country_year (ccode INT, year INT, idealpoint_all DOUBLE)")
    con.executemany("INSERT INTO core_voeten_idealpoints__country_year VALUES (?, ?, ?)", rows)
    return con


def test_a_move_that_is_the_usas_own_is_said_to_be_so():
    from bilateral.explain.blocs import own_movement

    china = type("S", (), {"name": "China", "ccode": 710})()
    said = own_movement(_ideal_points(0.1, 0.01), china, 2, (2000, 2019))
    assert said is not None and "United States' own ideal point moved" in said.text and "away from" in said.text
    assert own_movement(_ideal_points(0.01, -0.1), china, 2, (2000, 2019)) is None  # China's own move: nothing to add
