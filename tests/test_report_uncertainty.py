"""The brief honours the published uncertainty of ideal points and says
which alliance years are assumed: a distance within overlapping 90%
intervals is never called a difference, and carried-forward ATOP years are
never presented as observed."""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from test_report import _json, _section, briefs  # noqa: F401

DIFFERENCE = re.compile(r"\b(differ|difference|gap|apart|moved|narrow|widen|closer|further|farther)", re.I)


def _ideal_sentences(brief: dict) -> list[dict]:
    return [s for s in _section(brief, "alignment")["sentences"] if any(e["source"] == "voeten_idealpoints" for e in s["evidence"])]


def test_overlapping_intervals_are_not_called_a_difference(briefs, warehouse_db):
    brief = _json(briefs, "china-belarus")
    with duckdb.connect(str(warehouse_db), read_only=True) as con:
        rows = con.sql("SELECT year, ideal_point_gap_clear FROM out_dyad_year WHERE ccode1 = 370 AND ccode2 = 710").df()
    gap_clear = dict(zip(rows["year"], rows["ideal_point_gap_clear"]))
    sentences = [s for s in _ideal_sentences(brief) if s.get("kind") != "gap"]
    assert sentences
    overlapping = 0
    for sentence in sentences:
        year = next(e["year"] for e in sentence["evidence"] if e["measure"] == "ideal_point_distance")
        measures = {e["measure"] for e in sentence["evidence"]}
        assert any(m.endswith("_q5") for m in measures) and any(m.endswith("_q95") for m in measures)  # the intervals are evidence
        assert "ideal_point_gap_clear" in measures
        if gap_clear[year] == 0:
            overlapping += 1
            assert "no clear difference" in sentence["text"] and "within the estimates' uncertainty" in sentence["text"]
            rest = sentence["text"].replace("no clear difference", "").replace("higher points lie closer to the US-led Western position", "")
            assert not DIFFERENCE.search(rest), sentence["text"]  # the scale's explanation aside, nothing claims a difference
        else:
            assert "do not overlap" in sentence["text"]
    assert overlapping >= 1  # China and Belarus in 2023 and 2024: the intervals overlap


def test_the_estimate_is_named_and_never_mixed(briefs):
    sentences = _ideal_sentences(_json(briefs, "china-belarus"))
    latest = sentences[0]
    assert "foreign-policy roll calls only" in latest["text"]  # 2024: the only estimate published for both
    assert any("different scales" in s["text"] for s in sentences)
    for sentence in sentences:
        estimates = {e["measure"].split("_")[1] for e in sentence["evidence"] if e["measure"].startswith("idealpoint_")}
        assert len(estimates) <= 1, sentence["text"]


def test_carried_forward_alliances_are_said_to_be_assumed(briefs):
    brief = _json(briefs, "russia-belarus")
    military = _section(brief, "military")
    defence = next(s for s in military["sentences"] if "defence obligation" in s["text"])
    assert "1993–2018" in defence["text"] and "assumed, not observed, to continue in 2019–2026" in defence["text"]
    carried = [e for e in defence["evidence"] if e["measure"] == "atop_carried_forward"]
    assert carried and carried[0]["date"].startswith("2019")
    observed = [e for e in defence["evidence"] if e["measure"] == "atop_defense"]
    assert all(not str(e["date"]).endswith("2024") for e in observed)  # no observed claim past 2018
