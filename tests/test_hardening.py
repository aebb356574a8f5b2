"""Issue 11, defects 2, 4, 5, 9, 10, 14, 15, 16 and 17: bounded input, years
outside any coverage, empty lists, errors that do not hide bugs, missing
that is not zero, file-system problems, a non-UTF-8 terminal, a silent
network and the Python API's own checks. Each test failed before its fix."""

from __future__ import annotations

import errno
import socket
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import BilateralError, CountryNotFoundError, SourceFileError, SourceSchemaError, UnitOfAnalysisError, WarehouseError

runner = CliRunner()


def _clean(result) -> bool:
    """Ended through the CLI's own exit, with no traceback."""
    return "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- defect 2: a long name hangs ----------------------------------------------


@pytest.mark.parametrize("name", ["A" * 201, "A" * 100_000, "Belarus " * 12_500, "9" * 5000])
def test_a_name_over_200_characters_is_refused_at_once(name, mirror):
    started = time.perf_counter()
    with pytest.raises(CountryNotFoundError, match=f"of {len(name):,} characters .* at most 200"):
        bilateral.resolve(name, mirror=mirror)
    assert time.perf_counter() - started < 1.0


def test_the_cli_refuses_a_long_name_without_reading_any_file(tmp_path):
    empty = tmp_path / "empty-mirror"
    empty.mkdir()
    result = runner.invoke(app, ["country", "A" * 100_000, "--mirror", str(empty)])
    assert result.exit_code == 2 and _clean(result)
    assert "too long to be a state" in result.output


def test_suggestions_come_from_an_index_not_every_name(mirror, monkeypatch):
    import difflib

    from bilateral.countries import get_resolver

    resolver = get_resolver(mirror)
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: pytest.fail("all-pairs search over every known name"))
    compared = []
    original = difflib.SequenceMatcher.ratio
    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", lambda self: compared.append(1) or original(self))
    with pytest.raises(CountryNotFoundError, match=r"Did you mean Belarus \(BLR, COW 370\)"):
        resolver.resolve("Byelorusia")
    assert 0 < len(compared) <= 20 < len(resolver._by_name)
    started = time.perf_counter()
    with pytest.raises(CountryNotFoundError):
        resolver.resolve("Republic of " * 16)  # 192 characters of real words
    assert time.perf_counter() - started < 0.5


# -- defect 4: years outside any coverage ---------------------------------------


@pytest.mark.parametrize("args", [
    ["measures", "CHN", "BLR", "--years", "1700-1750"],
    ["measures", "CHN", "BLR", "--years", "2100"],
    ["explain", "BLR", "CHN", "--years", "1950-1960"],
])
def test_years_when_nothing_can_be_shown_are_an_error(args, warehouse_db):
    result = runner.invoke(app, [*args, "--db", str(warehouse_db)])
    assert result.exit_code == 2 and _clean(result), result.output
    flat = " ".join(result.output.split())
    assert "nothing to show for" in flat
    assert "Belarus (BLR, COW 370) is a state in 1991-" in flat and "China (CHN, COW 710) is a state in 1860-" in flat  # COW: China from 1860
    assert "the data cover 1816-" in flat


def test_a_report_for_years_before_a_state_existed_writes_nothing(warehouse_db, tmp_path):
    out = tmp_path / "brief"
    result = runner.invoke(app, ["report", "BLR", "CHN", "--years", "1950-1960", "--out", str(out), "--db", str(warehouse_db)])
    assert result.exit_code == 2 and _clean(result), result.output
    assert "Belarus (BLR, COW 370) is a state in 1991-" in " ".join(result.output.split())
    assert not out.exists()


def test_years_partly_covered_still_show_what_exists(con):
    from bilateral.measures.api import dyad_measures

    frame = dyad_measures(con, "CHN", "BLR", years=(1985, 1995))
    assert list(frame["year"]) == list(range(1991, 1996))  # Belarus from 1991


def test_partners_in_a_year_without_scores_is_an_error(warehouse_db):
    result = runner.invoke(app, ["partners", "BLR", "--year", "1700", "--db", str(warehouse_db)])
    assert result.exit_code == 2 and _clean(result)
    assert "has no composite score in 1700" in " ".join(result.output.split())


# -- defect 5: empty lists ------------------------------------------------------


@pytest.mark.parametrize("args, problem", [
    (["explain", "CHN", "BLR", "--peers", ",,,"], "lists nothing"),
    (["explain", "CHN", "BLR", "--peers", "POL,,HUN"], "has an empty item"),
    (["report", "CHN", "BLR", "--format", ",,"], "lists nothing"),
    (["report", "CHN", "BLR", "--format", "html,pdf"], "unknown item(s) 'pdf'"),
    (["measures", "CHN", "BLR", "--weights", ","], "lists nothing"),
    (["measures", "CHN", "BLR", "--weights", "trust=1"], "unknown dimension"),
    (["measures", "CHN", "BLR", "--weights", "alignment=0,economic=0"], "not all zero"),
    (["measures", "CHN", "BLR", "--years", " "], "empty year range"),
])
def test_empty_or_malformed_lists_are_refused_before_any_work(args, problem, tmp_path):
    missing = tmp_path / "never-built.duckdb"
    result = runner.invoke(app, [*args, "--db", str(missing), "--mirror", str(tmp_path)])
    assert result.exit_code == 2 and _clean(result), result.output
    assert problem in " ".join(result.output.replace("│", " ").split())
    assert not missing.exists()


# -- defect 9: errors that hide bugs -------------------------------------------


def test_a_programming_error_is_reported_as_a_bug_not_as_bad_input(warehouse_db, monkeypatch):
    from bilateral.measures import api

    def broken(*args, **kwargs):
        raise ValueError("an internal invariant broke")

    monkeypatch.setattr(api, "dyad_measures", broken)
    result = runner.invoke(app, ["measures", "CHN", "BLR", "--db", str(warehouse_db)])
    assert result.exit_code == 1 and _clean(result)
    assert "internal error" in result.output and "--debug" in result.output
    debug = runner.invoke(app, ["--debug", "measures", "CHN", "BLR", "--db", str(warehouse_db)])
    assert isinstance(debug.exception, ValueError)


def test_a_missing_table_is_an_error_naming_it():
    from bilateral.report.queries import load

    with duckdb.connect() as con:
        con.execute("CREATE TABLE _sources (name VARCHAR)")
        with pytest.raises(WarehouseError, match=r"the warehouse has no table core_\w+; rebuild it"):
            load(con, 710, 370)


# -- defect 10: missing is not zero ----------------------------------------------


def test_range_check_fails_text_that_is_not_a_number():
    from bilateral.checks import check_ranges

    spec = SimpleNamespace(ranges={"share": (0, 100)}, key=("id",))
    check_ranges(pd.DataFrame({"id": [1, 2], "share": [5.0, None]}), spec, "demo.table")  # NULL is allowed
    with pytest.raises(SourceSchemaError, match="demo.table: 1 values of share"):
        check_ranges(pd.DataFrame({"id": [1, 2], "share": ["5", "n/a"]}), spec, "demo.table")


def _arms_sentence(tiv):
    from bilateral.report.model import Section
    from bilateral.report.sections import military

    ctx = SimpleNamespace(a=SimpleNamespace(name="Russia"), b=SimpleNamespace(name="Belarus"))
    deals = pd.DataFrame({"from_a": [True] * len(tiv), "tiv_delivered": pd.array(tiv, dtype="Float64"), "year": [2001] * len(tiv),
                          "supplier": "Russia", "recipient": "Belarus", "weapon_designation": "x", "weapon_description": "y",
                          "number_ordered": 1, "number_delivered": 1, "delivery_years": "2001", "status": "done"})
    section = Section("military", "Military")
    military._arms_found(ctx, section, deals, (2001, 2001))
    return section.sentences[-1]


def test_sipri_deals_with_unknown_delivered_amounts_are_not_zero_tiv():
    partly = _arms_sentence([5.0, None])
    assert "5 million TIV delivered; not known for 1 deal" in partly.text
    unknown = _arms_sentence([None, None])
    assert "delivered TIV not known" in unknown.text
    assert not [e for e in unknown.evidence if e.measure == "tiv_delivered"]  # no 0 offered as evidence


def test_a_year_with_one_trade_flow_missing_is_not_a_zero_year():
    from bilateral.report.sections.economic import _is_zero

    a = pd.Series([0.0, 0.0, None, 3.0])
    b = pd.Series([0.0, None, None, 0.0])
    assert list(_is_zero(a) & _is_zero(b)) == [True, False, False, False]
    assert list(_is_zero(pd.Series(pd.array([0.0, None], dtype="Float64")))) == [True, False]


# -- defect 14: file-system problems -----------------------------------------------


@pytest.mark.parametrize("case", ["file", "devnull", "under-file", "html-folder"])
def test_an_unwritable_out_is_refused_before_the_work(case, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("keep me")
    out = {"file": plain, "devnull": Path("/dev/null"), "under-file": plain / "brief", "html-folder": tmp_path / "brief"}[case]
    if case == "html-folder":
        (out / "report.html").mkdir(parents=True)
    before = _files(tmp_path)
    result = runner.invoke(app, ["report", "CHN", "BLR", "--out", str(out), "--db", str(tmp_path / "none.duckdb"), "--mirror", str(tmp_path)])
    assert result.exit_code == 2 and _clean(result), result.output
    expected = {"file": "is a file, not a folder", "devnull": "is a file, not a folder", "under-file": "is a file, so no folder",
                "html-folder": "report.html is a folder"}[case]
    assert expected in result.output
    assert _files(tmp_path) == before


def test_a_full_disk_leaves_no_temp_file_and_a_clear_error(tmp_path, monkeypatch):
    from bilateral.paths import write_atomically

    def full(self, *args, **kwargs):
        with open(self, "w") as handle:
            handle.write("half a rep")
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(OSError):
        write_atomically(tmp_path / "report.md", "# a whole report")
    assert list(tmp_path.iterdir()) == []

    monkeypatch.setattr("bilateral.report.write_report", lambda *a, **k: write_atomically(tmp_path / "report.md", "x"))
    result = runner.invoke(app, ["report", "CHN", "BLR", "--out", str(tmp_path)])
    assert result.exit_code == 2 and _clean(result)
    assert "No space left on device" in result.output and "report.md" in result.output


def test_a_read_only_out_folder_is_refused_before_the_work(tmp_path, monkeypatch):
    import os

    from bilateral import paths

    locked = tmp_path / "locked"
    locked.mkdir()  # as root every folder is writable, so the file system's answer is stood in for
    monkeypatch.setattr(paths.os, "access", lambda path, mode, **kw: Path(path) != locked or not mode & os.W_OK)
    result = runner.invoke(app, ["report", "CHN", "BLR", "--out", str(locked / "brief"), "--db", str(tmp_path / "none.duckdb"),
                                 "--mirror", str(tmp_path)])
    assert result.exit_code == 2 and _clean(result), result.output
    assert f"cannot write in {locked}" in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == [locked] and list(locked.iterdir()) == []


def test_force_on_a_read_only_warehouse_is_refused_before_any_build(tmp_path, monkeypatch):
    import os

    from bilateral import dbfile, warehouse

    path = tmp_path / "wh.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE _meta (key VARCHAR, value VARCHAR)")
        con.execute("INSERT INTO _meta VALUES ('out_version', 'an older release')")
    before = path.read_bytes()
    monkeypatch.setattr(dbfile.os, "access", lambda p, mode, **kw: Path(p) != path or not mode & os.W_OK)
    monkeypatch.setattr(warehouse, "_load_source", lambda *a: pytest.fail("a source was loaded into a warehouse that cannot be written"))
    with pytest.raises(WarehouseError, match="wh.duckdb is read-only; nothing was built"):
        warehouse.build(mirror=tmp_path, db=path, force=True, progress=False)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["wh.duckdb"]


@pytest.mark.slow
def test_a_read_only_home_breaks_no_command(tmp_path, mirror, warehouse_db):
    """HOME under a plain file: no cache or data folder can be made there."""
    import os
    import subprocess
    import sys

    plain = tmp_path / "plain"
    plain.write_text("not a folder")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "BILATERAL_"))} | {"HOME": str(plain / "home")}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "bilateral.cli", *args], env=env, capture_output=True, text=True, timeout=300)

    for args, code, words in ((["country", "BLR", "--mirror", str(mirror)], 0, '"iso3": "BLR"'),
                              (["country", "Belarussia", "--mirror", str(mirror)], 2, "Did you mean Belarus"),
                              (["measures", "CHN", "BLR", "--years", "2014", "--format", "csv", "--db", str(warehouse_db)], 0, "2014"),
                              (["measures", "CHN", "BLR", "--mirror", str(mirror)], 2, "plain is a file, not a folder")):
        done = run(*args)
        assert done.returncode == code and "Traceback" not in done.stderr, (args, done.stderr[-1500:])
        assert words in done.stdout + done.stderr, (args, done.stdout[-500:], done.stderr[-500:])
    assert plain.read_text() == "not a folder"


# -- defect 15: a terminal that is not UTF-8 ----------------------------------------


def test_explain_and_partners_fall_back_to_ascii(warehouse_db):
    ascii_runner = CliRunner(charset="ascii")
    for args in (["explain", "CHN", "BLR"], ["partners", "BLR", "--top", "3"]):
        result = ascii_runner.invoke(app, [*args, "--db", str(warehouse_db)])
        assert result.exit_code == 0 and _clean(result), (args, result.output[-500:])
        assert result.stdout_bytes.isascii() and result.stdout_bytes.strip(), args
        if args[0] == "explain":
            assert "\n* " in result.stdout  # the bullet, as ASCII


# -- defect 16: a silent network -----------------------------------------------------


@pytest.mark.slow
def test_a_server_that_never_answers_times_out_and_says_what_was_fetched(tmp_path, monkeypatch, capfd):
    from bilateral.sources import fetch

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection in the kernel, never answers
    port = listener.getsockname()[1]
    monkeypatch.setattr(fetch, "READ_TIMEOUT", 1.0)
    started = time.perf_counter()
    try:
        with pytest.raises(SourceFileError, match="could not download .*timed out"):
            fetch.download(f"http://127.0.0.1:{port}/file.rda", tmp_path / "file.rda")
    finally:
        listener.close()
    assert time.perf_counter() - started < 10
    assert f"fetching http://127.0.0.1:{port}/file.rda" in capfd.readouterr().err
    assert fetch.CONNECT_TIMEOUT <= 10 and not list(tmp_path.iterdir())


# -- defect 17: the Python API's own checks ---------------------------------------------


def test_create_dyadyears_refuses_bad_years_and_types(con):
    from bilateral.arguments import ArgumentError

    for years, problem in (((2020, 1990), "runs backwards"), ((1990.5, 2000), "whole year"), ((1990,), "a pair"),
                           ("1990-2000", "a pair"), ((True, 2000), "whole year")):
        with pytest.raises(ArgumentError, match=problem):
            bilateral.create_dyadyears(con, years=years)
    with pytest.raises(ArgumentError, match="connection from bilateral.connect"):
        bilateral.create_dyadyears("warehouse.duckdb")
    with pytest.raises(ArgumentError, match="directed must be True or False"):
        bilateral.create_dyadyears(con, directed="yes")
    assert len(bilateral.create_dyadyears(con, years=(1990, 1990))) > 0


def test_add_verbs_and_lookup_refuse_wrong_arguments(con, mirror):
    from bilateral.arguments import ArgumentError

    with pytest.raises(UnitOfAnalysisError, match="needs the DataFrame"):
        bilateral.add_trade([(2, 20, 1990)], con)
    with pytest.raises(ArgumentError, match="connection"):
        bilateral.add_trade(pd.DataFrame({"ccode1": [2], "ccode2": [20], "year": [1990]}), None)
    with pytest.raises(ArgumentError, match="errors='bogus' is not one of 'null', 'raise'"):
        bilateral.lookup(["Belarus"], errors="bogus", mirror=mirror)
    with pytest.raises(ArgumentError, match="values must be a list"):
        bilateral.lookup("Belarus", mirror=mirror)
    with pytest.raises(ArgumentError, match="year must be a whole year"):
        bilateral.resolve("Germany", year=1990.7, mirror=mirror)


def test_measure_api_refuses_wrong_arguments(con):
    from bilateral.arguments import ArgumentError
    from bilateral.measures.api import dyad_measures, partners

    with pytest.raises(ArgumentError, match="runs backwards"):
        dyad_measures(con, "CHN", "BLR", years=(2020, 1990))
    with pytest.raises(ArgumentError, match="top must be a whole number"):
        partners(con, "BLR", top=0)
    with pytest.raises(BilateralError):
        partners(con, "BLR", year="2014")


# -- architecture: SQL parameters in measures/api.py ------------------------------------


def test_a_state_without_iso3_gives_null_not_the_text_none(con):
    from bilateral.measures.api import dyad_measures

    frame = dyad_measures(con, 240, 245, years=(1850, 1860))  # Hanover and Bavaria (COW), which have no ISO3
    assert len(frame) == 11
    assert frame["a_iso3"].isna().all() and frame["b_iso3"].isna().all()


def test_the_measures_api_quotes_no_value_into_its_sql():
    """Values travel as bound parameters ($name); only identifiers checked against
    a fixed list (a column such as score_economic) are formatted into the text."""
    import inspect
    import re

    from bilateral.measures import api

    quoted = re.findall(r"'\{[^}]*\}'", inspect.getsource(api))
    assert quoted == [], f"values formatted into SQL string literals: {quoted}"


@pytest.mark.parametrize("index", ["ties", "dependence", "alignment", "composite"])
def test_partners_on_each_index_ranks_from_one(con, index):
    from bilateral.measures.api import partners

    frame = partners(con, "CHN", index, top=3)
    assert frame["rank"].tolist()[0] == 1 and len(frame) == 3 and frame["year"].nunique() == 1
