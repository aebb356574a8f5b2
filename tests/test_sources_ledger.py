"""The curated ledger shipped in the package: counts, sources on every row, and its validation."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from bilateral.checks import run_checks
from bilateral.errors import SourceSchemaError
from bilateral.sources import ledger
from bilateral.sources.ledger import SOURCE, package_sha256

CHINA, BELARUS, SERBIA = 710, 370, 345
GOLDEN = {"events": 104, "trade_reported": 63, "key_votes": 54}


@pytest.fixture(scope="module")
def tables(mirror):
    return {name: SOURCE.load(name, mirror=mirror) for name in GOLDEN}


def _raw_rows(name: str) -> list[dict]:
    """The shipped CSV read with the csv module, independently of the loader."""
    import csv

    with open(str(ledger.ledger_path(ledger.FILES_OF[name])), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", GOLDEN)
def test_table_has_its_golden_rows_unique_key_and_documented_columns(tables, name):
    frame, spec = tables[name], SOURCE.table(name)
    assert len(frame) == len(_raw_rows(name))  # every row of the file, counted independently
    assert len(frame) == GOLDEN[name] == spec.golden_rows  # and the count pinned when the loader was verified
    run_checks(frame, spec, f"ledger.{name}")
    assert list(frame.columns) == list(spec.columns)


@pytest.mark.parametrize("name", GOLDEN)
def test_every_row_cites_an_http_source(tables, name):
    assert tables[name]["source_url"].str.match(r"https?://").all()


def test_prc_ambassador_puts_2023_china_belarus_trade_at_8400(tables):
    trade = tables["trade_reported"]
    rows = trade[(trade["year"] == 2023) & (trade["partner_a_ccode"] == CHINA) & (trade["partner_b_ccode"] == BELARUS)]
    ambassador = rows[(rows["reporter"] == "PRC Ambassador Xie Xiaoyong") & (rows["period"] == "full_year")]
    assert ambassador[["measure", "value_musd", "source_date"]].values.tolist() == [["total_trade", 8400, "2024-08-30"]]


def test_events_dates_and_alt_rows(tables):
    events = tables["events"]
    raw = _raw_rows("events")
    assert events["is_alt"].sum() == sum(r["title"].startswith("ALT:") for r in raw) > 0
    park = events[events["date"] == "2011-09"].iloc[0]
    assert park["date_start"] == pd.Timestamp("2011-09-01").date() and park["date_precision"] == "month"
    assert set(events.loc[events["actor2_iso3"] == "SRB", "actor2_ccode"]) == {SERBIA}
    assert events["event_type"].value_counts()["leader_meeting"] == sum(r["event_type"] == "leader_meeting" for r in raw) > 0


def test_key_vote_on_aggression_against_ukraine(tables):
    votes = tables["key_votes"].set_index(["resolution", "country_iso3"])["vote"]
    assert votes[("A/RES/ES-11/1", "CHN")] == "abstain" and votes[("A/RES/ES-11/1", "BLR")] == "no"


def test_package_sha256_fingerprints_the_three_files():
    digest = package_sha256()
    assert len(digest) == 64 and digest == package_sha256()


@pytest.fixture()
def ledger_copy(tmp_path, monkeypatch):
    """A writable copy of the ledger that the loader reads instead of the packaged files."""
    for name in ledger.FILES:
        with ledger.ledger_path(name).open("rb") as src, open(tmp_path / name, "wb") as dst:
            shutil.copyfileobj(src, dst)
    monkeypatch.setattr(ledger, "ledger_path", lambda name: tmp_path / name)
    return tmp_path


def _edit(path, column, row, value):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


def test_unknown_event_type_is_refused(ledger_copy, mirror):
    _edit(ledger_copy / "events.csv", "event_type", 3, "summit_of_friends")
    with pytest.raises(SourceSchemaError, match=r"summit_of_friends.*events.csv line\(s\) \[5\]"):
        SOURCE.load("events", mirror=mirror)


def test_row_without_a_source_url_is_refused(ledger_copy, mirror):
    _edit(ledger_copy / "trade_reported.csv", "source_url", 0, "")
    with pytest.raises(SourceSchemaError, match="source_url"):
        SOURCE.load("trade_reported", mirror=mirror)


def test_changed_file_changes_the_fingerprint(ledger_copy):
    before = package_sha256()
    _edit(ledger_copy / "unga_key_votes.csv", "vote", 0, "yes")
    assert package_sha256() != before
