"""The warehouse build: every table checked, atomic replacement, skipping of
unchanged sources, and a previous warehouse that survives failed or killed builds."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bilateral import warehouse
from bilateral.errors import SourceSchemaError, WarehouseError
from bilateral.warehouse import build, registered, table_name


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:  # streamed: a warehouse is 500 MB
        return hashlib.file_digest(handle, "sha256").hexdigest()


@pytest.fixture()
def copy_of_warehouse(warehouse_db, tmp_path) -> Path:
    path = tmp_path / "copy.duckdb"
    shutil.copy(warehouse_db, path)
    return path


def test_every_table_is_built_with_its_golden_count(con):
    for _, source in registered():
        for spec in source.tables:
            for layer in ("raw", "core") if spec.keep_raw else ("core",):  # imf_dots flows: core only
                name = table_name(layer, source, spec.name)
                rows = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                assert rows > 0, f"{name} is empty"
                if layer == "core" and spec.golden_rows is not None:
                    assert rows == spec.golden_rows, name


def test_sources_table_records_provenance(con):
    frame = con.sql("SELECT * FROM _sources").df().set_index("name")
    assert set(frame.index) == {source.name for _, source in registered()}
    for name, row in frame.iterrows():
        assert row["version"] and row["licence"] and row["citation"].lstrip().startswith("@"), name
        assert row["coverage_start"] <= row["coverage_end"], name
        assert row["rows"] > 0, name
    assert frame.loc["cow_trade", "coverage_end"] == 2014


def test_noop_rebuild_writes_nothing(copy_of_warehouse, mirror):
    before = (copy_of_warehouse.stat().st_mtime_ns, _digest(copy_of_warehouse))
    result = build(mirror=mirror, db=copy_of_warehouse, progress=False)
    assert not result.changed and not result.loaded
    assert (copy_of_warehouse.stat().st_mtime_ns, _digest(copy_of_warehouse)) == before


def _content(con, table: str) -> tuple:
    return con.execute(f"SELECT count(*), sum(hash(t)) FROM {table} t").fetchone()


def _changed(source_name: str, monkeypatch) -> None:
    original = warehouse.fingerprint

    def changed(source, module):
        value = original(source, module)
        return value + "-changed" if source.name == source_name else value

    monkeypatch.setattr(warehouse, "fingerprint", changed)


def test_changed_source_is_the_only_one_reloaded(copy_of_warehouse, mirror, monkeypatch):
    """The new file starts as a byte copy of the old one: the reused sources'
    tables are kept as they were, and every other table and view (here also
    two planted by hand) is gone before the changed source and the out_
    layer are written again."""
    with duckdb.connect(str(copy_of_warehouse)) as con:  # planted: a table and a view of ours, and another schema's table
        trade_before = _content(con, "core_cow_trade__dyad_year")
        con.execute("CREATE TABLE out_planted AS SELECT 1 AS x")
        con.execute("CREATE VIEW planted_view AS SELECT * FROM out_planted")
        con.execute('CREATE SCHEMA "their schema"')
        con.execute('CREATE TABLE "their schema"."a ""quoted"" name" AS SELECT 1 AS x')
    _changed("majors", monkeypatch)
    seen_by_out_layer = []

    def out_layer(con):  # the out_ layer itself is tested elsewhere: record what it would start from
        seen_by_out_layer.append({
            "tables": {name if schema == "main" else f"{schema}.{name}"
                       for schema, name in con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()},
            "views": con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()[0],
        })

    monkeypatch.setattr(warehouse, "build_out", out_layer)
    result = build(mirror=mirror, db=copy_of_warehouse, progress=False)
    assert result.changed and result.loaded == ["majors"] and "cow_trade" in result.reused
    expected = {table_name(layer, source, spec.name) for _, source in registered() for spec in source.tables
                for layer in (("raw", "core") if spec.keep_raw else ("core",))} | {"_sources"}
    assert seen_by_out_layer == [{"tables": expected, "views": 0}]
    with duckdb.connect(str(copy_of_warehouse), read_only=True) as con:
        assert _content(con, "core_cow_trade__dyad_year") == trade_before
        assert trade_before[0] == 673654
        assert con.execute("SELECT count(*) FROM core_majors__major_power").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'out_planted'").fetchone()[0] == 0


def test_a_reused_table_missing_from_the_warehouse_is_an_error(copy_of_warehouse, mirror, monkeypatch):
    """A warehouse edited by hand so that a source it records as built lost a
    table is not silently patched: the build names the table, and the file is left as it was."""
    with duckdb.connect(str(copy_of_warehouse)) as con:
        con.execute("DROP TABLE core_cow_trade__dyad_year")
    before = _digest(copy_of_warehouse)
    _changed("majors", monkeypatch)
    with pytest.raises(WarehouseError, match="cow_trade.*core_cow_trade__dyad_year.*--force"):
        build(mirror=mirror, db=copy_of_warehouse, progress=False)
    assert _digest(copy_of_warehouse) == before
    assert not list(copy_of_warehouse.parent.glob("*.building-*"))


def test_failed_check_leaves_previous_warehouse_intact(copy_of_warehouse, mirror, monkeypatch):
    before = _digest(copy_of_warehouse)
    sources = registered()
    module, trade = next((m, s) for m, s in sources if s.name == "cow_trade")
    broken_table = dataclasses.replace(trade.table(), golden_rows=1)
    broken = dataclasses.replace(trade, tables=(broken_table,))
    monkeypatch.setattr(warehouse, "registered", lambda: [(module, broken)] + [x for x in sources if x[1] is not trade])
    with pytest.raises(SourceSchemaError, match="cow_trade.dyad_year: 673654 rows where 1 were recorded"):
        build(mirror=mirror, db=copy_of_warehouse, force=True, progress=False)
    assert _digest(copy_of_warehouse) == before
    assert not list(copy_of_warehouse.parent.glob("*.building-*"))


def test_killed_build_leaves_previous_warehouse_intact(copy_of_warehouse, mirror):
    before = _digest(copy_of_warehouse)
    code = "import sys; from bilateral.warehouse import build; build(mirror=sys.argv[1], db=sys.argv[2], force=True, progress=False)"
    process = subprocess.Popen([sys.executable, "-c", code, str(mirror), str(copy_of_warehouse)], env=os.environ.copy())
    deadline = time.time() + 60
    while not list(copy_of_warehouse.parent.glob("*.building-*")) and time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
    time.sleep(1.0)  # let it write some tables
    assert process.poll() is None, "the build finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _digest(copy_of_warehouse) == before
    with duckdb.connect(str(copy_of_warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM _sources").fetchone()[0] == len(registered())
    # the next build clears the leftover and finds nothing to do
    result = build(mirror=mirror, db=copy_of_warehouse, progress=False)
    assert not result.changed
    assert not list(copy_of_warehouse.parent.glob("*.building-*"))


def test_connect_without_a_warehouse_can_refuse(tmp_path):
    with pytest.raises(WarehouseError, match="missing; run `bilateral data build"):
        warehouse.connect(tmp_path / "none.duckdb", build_if_missing=False)


def test_connect_notices_a_warehouse_from_an_older_release(warehouse_db, monkeypatch):
    monkeypatch.setattr(warehouse, "OUT_VERSION", "newer")
    before = warehouse_db.stat().st_mtime_ns
    with pytest.raises(WarehouseError, match="stale"):
        warehouse.connect(warehouse_db, build_if_missing=False)
    assert warehouse_db.stat().st_mtime_ns == before  # only read


def test_status_lists_every_source(warehouse_db):
    frame = warehouse.status(db=warehouse_db)
    assert len(frame) == len(registered())
    assert {"name", "version", "coverage_start", "coverage_end", "rows", "licence"} <= set(frame.columns)


# -- issue 11, defect 8: the reuse check sees every file a table is built from


@pytest.fixture()
def package_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the package's code and reference files that the fingerprints read instead."""
    copy = tmp_path / "bilateral"
    shutil.copytree(warehouse._package_dir(), copy, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    monkeypatch.setattr(warehouse, "_package_dir", lambda: copy)
    return copy


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_an_alias_file_change_reloads_the_sources(package_copy):
    module, majors = next((m, s) for m, s in registered() if s.name == "majors")
    before = warehouse.fingerprint(majors, module)
    _append(package_copy / "data" / "aliases.tsv", "# a new spelling\n")  # the resolver's aliases key every source's rows
    assert warehouse.fingerprint(majors, module) != before


def test_a_code_change_in_a_table_layer_rebuilds_out_without_a_version_bump(package_copy):
    before = warehouse.out_fingerprint()
    _append(package_copy / "report" / "wording.py", "\n# words only: no table changes\n")
    assert warehouse.out_fingerprint() == before
    _append(package_copy / "measures" / "economic.py", "\n# a measure changes\n")
    changed = warehouse.out_fingerprint()
    assert changed != before
    _append(package_copy / "data" / "blocs.tsv", "\n")
    assert warehouse.out_fingerprint() != changed
