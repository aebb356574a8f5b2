"""Peers on hand-built scores: B's rank among A's partners in the set, ties,
and the verdict "special or regional"."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bilateral.explain import peers

A, B = 710, 370
PEERS = (290, 310, 316)  # Poland, Hungary, Czechia
YEARS = np.arange(2000, 2021)


def frame(own, others) -> pd.DataFrame:
    rows = [{"state": A, "partner": B, "year": y, "composite_index": v} for y, v in zip(YEARS, own)]
    for partner, values in zip(PEERS, others):
        rows += [{"state": A, "partner": partner, "year": y, "composite_index": v} for y, v in zip(YEARS, values)]
    return pd.DataFrame(rows)


def test_rank_counts_partners_scoring_higher_and_ties():
    table = peers.ranks(frame([50.0] * len(YEARS), [[60.0] * len(YEARS), [50.0] * len(YEARS), [40.0] * len(YEARS)]), B, "composite_index")
    assert set(table["rank"]) == {2} and set(table["tied"]) == {1} and set(table["ranked"]) == {4}
    assert set(table["peer_median"]) == {50.0}


def test_a_partner_pulling_ahead_of_its_region():
    rng = np.random.default_rng(0)
    own = 30 + 2.0 * (YEARS - 2000) + rng.normal(0, 1, len(YEARS))
    others = [40 + rng.normal(0, 1, len(YEARS)) for _ in PEERS]
    table = peers.ranks(frame(own, others), B, "composite_index")
    result = peers.verdict(table)
    assert result["verdict"] == "pulls_ahead"
    assert result["rank_trend"].direction == -1  # climbing towards 1
    assert table["rank"].iloc[0] == 4 and table["rank"].iloc[-1] == 1


def test_a_regional_pattern():
    rng = np.random.default_rng(1)
    rise = 30 + 1.5 * (YEARS - 2000)
    table = peers.ranks(frame(rise + rng.normal(0, 1, len(YEARS)), [rise + d + rng.normal(0, 1, len(YEARS)) for d in (-5, 0, 5)]), B, "composite_index")
    assert peers.verdict(table)["verdict"] == "regional_pattern"


def test_b_without_scores_gives_an_empty_table():
    scores = frame([np.nan] * len(YEARS), [[1.0] * len(YEARS)] * 3)
    assert peers.ranks(scores, B, "composite_index").empty
