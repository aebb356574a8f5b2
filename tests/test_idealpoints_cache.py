"""The cached ideal-point fit: written once, reused for the same votes, fitted
again when the votes change; and the warehouse's votes fit ``estimate``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.measures import idealpoints
from bilateral.measures.idealpoints_cache import VOTE_COLUMNS, cached_estimate, load_votes, votes_key

USA = 2


def small_votes(seed: int = 0) -> pd.DataFrame:
    """Eight states (the USA among them) over three years, 25 roll calls a year,
    drawn so that positions are spread: enough for a fit in about a second."""
    rng = np.random.default_rng(seed)
    states = np.array([USA, 200, 220, 365, 630, 710, 750, 140])
    theta = np.linspace(1.5, -1.5, len(states))
    rows = []
    for t, year in enumerate((2024, 2025, 2026)):
        beta, cut = rng.normal(0, 1.5, 25), rng.normal(0, 1, 25)
        p = 1 / (1 + np.exp(-(theta[:, None] * beta[None, :] - cut[None, :])))
        u = rng.random(p.shape)
        vote = np.where(u < p, "yes", np.where(u < p + (1 - p) / 3, "abstain", "no"))
        state, call = np.indices(p.shape).reshape(2, -1)
        rows.append(pd.DataFrame({"rcid": 100_000 + t * 25 + call, "ccode": states[state], "iso3": "X" + states[state].astype(str),
                                  "year": year, "vote": vote[state, call]}))
    return pd.concat(rows, ignore_index=True)


def test_the_fit_is_cached_reused_and_refitted_when_votes_change(tmp_path, monkeypatch):
    votes = small_votes()
    first = cached_estimate(votes, tmp_path)
    assert first.fitted and first.path.exists() and first.path.parent == tmp_path
    assert set(first.frame["year"]) == {2024, 2025, 2026}
    means = first.frame.groupby("ccode")["idealpoint"].mean()
    order = [USA, 200, 220, 365, 630, 710, 750, 140]  # the simulated positions, highest first
    assert means[USA] > 0 and means.reindex(order).corr(pd.Series(range(8, 0, -1), index=order), method="spearman") > 0.8

    def no_refit(*args, **kwargs):
        raise AssertionError("estimate was called although the votes are cached")

    monkeypatch.setattr(idealpoints, "estimate", no_refit)
    again = cached_estimate(votes.sample(frac=1, random_state=1), tmp_path)  # same votes in another order
    assert not again.fitted and again.path == first.path
    pd.testing.assert_frame_equal(again.frame, first.frame, check_like=True)

    changed = votes.copy()
    changed.loc[changed.index[0], "vote"] = "no" if changed.loc[changed.index[0], "vote"] != "no" else "yes"
    assert votes_key(changed) != votes_key(votes)
    with pytest.raises(AssertionError, match="estimate was called"):
        cached_estimate(changed, tmp_path)  # one changed vote: the cache no longer applies
    added = pd.concat([votes, votes.tail(8).assign(rcid=999_999, year=2026)], ignore_index=True)
    with pytest.raises(AssertionError, match="estimate was called"):
        cached_estimate(added, tmp_path)  # one more roll call: likewise


def test_votes_without_the_fit_columns_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"lack columns \['vote'\]"):
        cached_estimate(small_votes().drop(columns="vote"), tmp_path)


def test_the_warehouse_votes_have_what_estimate_reads(con):
    """A read of the warehouse table (no fit): the columns and values estimate's design accepts."""
    columns = {row[0] for row in con.execute("DESCRIBE out_un_votes").fetchall()}
    assert set(VOTE_COLUMNS) <= columns
    latest, values = con.execute("SELECT max(year), list(DISTINCT vote) FROM out_un_votes").fetchone()
    assert latest >= 2026 and set(values) <= {"yes", "abstain", "no"}
    votes = load_votes(con)
    assert list(votes.columns) == list(VOTE_COLUMNS) and votes["ccode"].notna().all()
    sample = votes[votes["year"] == 2025]
    design = idealpoints.design(sample)  # raises on a missing column, a double vote or an unknown vote value
    assert design.sizes[1] > 0 and USA in set(design.ccode.tolist())


@pytest.mark.slow
def test_cli_fits_once_then_reads_the_cache(warehouse_db, con, tmp_path, monkeypatch):
    """The command's wiring (warehouse → votes → cache → message); the fit itself is
    replaced by one that records the votes it got, as the real one takes half a minute."""
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path))
    seen = []

    def fake(votes, **kwargs):
        seen.append(len(votes))
        years = votes.drop_duplicates(["ccode", "year"])[["ccode", "year"]]
        return years.assign(idealpoint=0.0, idealpoint_sd=1.0, n_votes=1).reset_index(drop=True)

    monkeypatch.setattr(idealpoints, "estimate", fake)
    runner = CliRunner()
    first = runner.invoke(app, ["data", "idealpoints", "--db", str(warehouse_db)])
    assert first.exit_code == 0, first.output
    assert "1946–2026" in first.stdout and str(tmp_path / "idealpoints") in first.stdout
    second = runner.invoke(app, ["data", "idealpoints", "--db", str(warehouse_db)])
    assert second.exit_code == 0 and "from the cache" in second.output
    assert seen == [con.execute("SELECT count(*) FROM out_un_votes").fetchone()[0]]  # every recorded vote, fitted once
