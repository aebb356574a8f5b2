"""Appending to the stored events: new files are added without reading the
old ones again, and the de-duplication rule holds across runs, so any split of
the files into runs stores what one run over all of them stores.

The GDELT 2.0 fixture has three 15-minute files; the second re-emits twelve
events of the first with a later DATEADDED and more mentions, the third holds
broken rows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from bilateral.errors import BilateralError
from bilateral.events import ingest, status

GDELT2 = Path(__file__).resolve().parent / "fixtures" / "events" / "gdelt2"
FIRST, SECOND, THIRD = (GDELT2 / n for n in ("20120801000000.export.CSV.zip", "20120801001500.export.CSV.zip", "20120801003000.export.CSV"))


def _stored(root: Path) -> pd.DataFrame:
    """The stored gdelt2 events, one row per event id, file names without folders."""
    frame = pq.read_table(root / "events" / "source=gdelt2").to_pandas()
    frame["file"] = frame["file"].map(lambda f: Path(f.split("!")[0]).name)
    frame = frame.drop(columns=["year", "month"]).sort_values("event_id").reset_index(drop=True)
    assert frame["event_id"].is_unique
    return frame


@pytest.fixture(scope="module")
def one_run(tmp_path_factory, mirror):
    root = tmp_path_factory.mktemp("one_run")
    ingest([FIRST, SECOND, THIRD], "gdelt2", root=root, mirror=mirror)
    return _stored(root)


@pytest.mark.parametrize("runs", [[[FIRST], [SECOND, THIRD]], [[FIRST], [SECOND], [THIRD]], [[SECOND], [THIRD], [FIRST]]],
                         ids=["1+23", "1+2+3", "2+3+1"])
def test_appends_store_what_one_run_stores(mirror, tmp_path, one_run, runs):
    results = [ingest(paths, "gdelt2", root=tmp_path, mirror=mirror, append=True) for paths in runs]
    pd.testing.assert_frame_equal(_stored(tmp_path), one_run)
    assert sum(r.rows_written - r.rows_superseded for r in results) == len(one_run)
    # the twelve re-emitted events: superseded when the later emission comes later, dropped when it came first
    if runs[0] == [FIRST]:
        assert sum(r.rows_superseded for r in results) == 12
    else:
        assert sum(r.rows_superseded for r in results) == 0 and results[-1].rows_duplicate == 12
    quarantine = pd.read_csv(tmp_path / "quarantine" / "gdelt2.tsv", sep="\t", dtype=str)
    assert len(quarantine) == 5  # the third file's broken rows, once
    account = status(tmp_path).set_index("format").loc["gdelt2"]
    assert account.rows_written == len(one_run)
    # the account balances; the one line the CSV reader rejected is quarantined but was never a row read
    assert account.rows_read == account.rows_quarantined - 1 + account.rows_filtered + account.rows_duplicate + account.rows_written


def test_an_append_reads_no_old_file_again(mirror, tmp_path, one_run):
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(FIRST, folder)
    ingest([folder], "gdelt2", root=tmp_path / "events", mirror=mirror, append=True)
    (folder / FIRST.name).unlink()  # gone: an append that needed it would fail
    shutil.copy(SECOND, folder)
    shutil.copy(THIRD, folder)
    result = ingest([folder], "gdelt2", root=tmp_path / "events", mirror=mirror, append=True)
    assert result.rows_superseded == 12
    pd.testing.assert_frame_equal(_stored(tmp_path / "events"), one_run)
    again = ingest([folder], "gdelt2", root=tmp_path / "events", mirror=mirror, append=True)
    assert (again.rows_read, len(again.files_skipped)) == (0, 2)
    pd.testing.assert_frame_equal(_stored(tmp_path / "events"), one_run)


def test_an_append_keeps_the_stored_filters(mirror, tmp_path):
    ingest([FIRST], "gdelt2", root=tmp_path, mirror=mirror, min_sources=2)
    with pytest.raises(BilateralError, match="ingested with the filters"):
        ingest([SECOND], "gdelt2", root=tmp_path, mirror=mirror, append=True)


def test_append_from_the_command_line(mirror, tmp_path, one_run):
    from bilateral.cli import app

    runner = CliRunner()
    for path in (FIRST, SECOND, THIRD):
        done = runner.invoke(app, ["events", "ingest", str(path), "--format", "gdelt2", "--append", "--events", str(tmp_path), "--mirror", str(mirror)])
        assert done.exit_code == 0, done.output
    assert "replaced 0 stored rows" in done.output
    pd.testing.assert_frame_equal(_stored(tmp_path), one_run)
