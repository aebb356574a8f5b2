"""`bilateral data status`: provenance a user can reproduce (every file with
its sha256, size, origin and upstream commit) and the latest year with data,
checked against the mirror's MANIFEST and the raw files, not the code's own
declarations."""

from __future__ import annotations

import hashlib
import re
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bilateral.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def status(warehouse_db) -> dict[str, dict]:
    result = runner.invoke(app, ["data", "status", "--json", "--db", str(warehouse_db)])
    assert result.exit_code == 0, result.output
    return {row["name"]: row for row in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def manifest(mirror) -> pd.DataFrame:
    return pd.read_csv(Path(mirror) / "MANIFEST.tsv", sep="\t", dtype=str).set_index("file")


def test_every_mirror_file_is_listed_as_the_manifest_records_it(status, manifest):
    files = [f for row in status.values() for f in row["files"] if not f["path"].startswith("bilateral/")]
    assert len(files) >= 20
    for f in files:
        entry = manifest.loc[f["path"]]
        assert f["sha256"] == entry["sha256"], f["path"]
        assert f["size_bytes"] == int(entry["bytes"]), f["path"]
        if f["url"] is None:  # a converted file: no byte-identical origin to point to
            assert f["repository"] is None and f["commit"] is None
            continue
        assert (f["repository"], f["commit"], f["upstream_path"]) == (entry["repository"], entry["commit"], entry["path_in_repository"]), f["path"]
        assert f["url"] == f"https://raw.githubusercontent.com/{entry['repository']}/{entry['commit']}/{entry['path_in_repository']}"


def test_package_data_lists_its_shipped_files(status):
    import bilateral

    ledger = status["ledger"]["files"]
    assert len(ledger) == 3
    for f in ledger:
        path = Path(bilateral.__file__).parent / "ledger" / Path(f["path"]).name
        assert f["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest() and f["size_bytes"] == path.stat().st_size


def test_latest_year_is_the_data_present_not_the_declared_coverage(status, mirror):
    raw = pd.read_stata(Path(mirror) / "voeten/IdealpointsJuly2025.dta")
    measured = raw.dropna(subset=["idealpointall", "idealpointfp"], how="all")
    assert status["voeten_idealpoints"]["latest_year"] == int(measured["year"].max()) == 2024
    assert status["sipri"]["latest_year"] == 2023  # the import file's 2024 column is empty
    assert (status["atop"]["latest_year"], status["cow_trade"]["latest_year"]) == (2018, 2014)
    assert status["codes"]["latest_year"] is None  # a code list has no years


def test_plain_table_stays_readable(warehouse_db):
    result = runner.invoke(app, ["data", "status", "--db", str(warehouse_db)], terminal_width=160)
    assert result.exit_code == 0, result.output
    assert "latest data" in result.output and "voeten_idealpoints" in result.output
    assert not re.search(r"[0-9a-f]{40}", result.output) and max(len(line) for line in result.output.splitlines()) <= 160
