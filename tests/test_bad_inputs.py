"""Bad input across every command (issue 11): each case asserts the exit
code, a message that names the problem, no traceback, and that every file
the command could touch is unchanged afterwards.

Commands run in-process through Typer's CliRunner against the one session
warehouse. Small files are compared byte for byte; the 450 MB session
warehouse by its inode, size and modification time in nanoseconds (any write
or replacement changes one of them), which keeps the matrix fast.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilateral.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """Files a careless or hostile command line might name."""
    root = tmp_path_factory.mktemp("bad-inputs")
    (root / "notes.txt").write_text("my notes, not a warehouse\n")
    (root / "empty.duckdb").touch()
    with duckdb.connect(str(root / "theirs.duckdb")) as con:
        con.execute("CREATE TABLE accounts AS SELECT 1 AS id")
    (root / "a-folder").mkdir()
    (root / "brief" / "report.html").mkdir(parents=True)
    (root / "article.txt").write_text("China and Belarus traded a lot.\n")
    return root


def _state(root: Path, warehouse: Path) -> dict:
    files = {str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir")
             for p in sorted(root.rglob("*"))}
    stat = warehouse.stat()
    for extra in (warehouse.with_name(warehouse.name + ".wal"),):
        files[extra.name] = extra.exists()
    return {"files": files, "warehouse": (stat.st_ino, stat.st_size, stat.st_mtime_ns)}


# (arguments, expected exit code, words the message must contain). {W}: the
# workspace folder; {DB}: the session warehouse; {M}: the source mirror.
CASES = [
    # country
    (["country", ""], 2, "No state matches ''"),
    (["country", "   "], 2, "No state matches"),
    (["country", "A" * 201], 2, "too long to be a state"),
    (["country", "Belarus " * 12_500], 2, "100,000 characters"),
    (["country", "Belarussia"], 2, "Did you mean Belarus"),
    (["country", "Atlantis"], 2, "No state matches 'Atlantis'"),
    (["country", "999"], 2, "No state matches '999'"),
    (["country", "B\x00LR"], 2, "No state matches"),
    (["country", "Czechia", "--year", "1980"], 2, "was not a state in the COW system in 1980"),
    (["country", "BLR", "--year", "abc"], 2, "Invalid value for '--year'"),
    (["country", "BLR", "--mirror", "{W}/no-such-mirror"], 2, "no-such-mirror"),
    # measures
    (["measures", "CHN", "CHN"], 2, "are the same state"),
    (["measures", "CHN", "Atlantis"], 2, "No state matches 'Atlantis'"),
    (["measures", "CHN", "BLR", "--years", "2020-1990"], 2, "first year first"),
    (["measures", "CHN", "BLR", "--years", "abc"], 2, "is not a year range"),
    (["measures", "CHN", "BLR", "--years", "1990-2000-2010"], 2, "is not a year range"),
    (["measures", "CHN", "BLR", "--years", ""], 2, "empty year range"),
    (["measures", "CHN", "BLR", "--years", "1700-1750"], 2, "nothing to show for 1700-1750"),
    (["measures", "CHN", "BLR", "--years", "2100"], 2, "nothing to show for 2100"),
    (["measures", "CHN", "BLR", "--format", "xml"], 2, "unknown format 'xml'"),
    (["measures", "CHN", "BLR", "--weights", "alignment=abc"], 2, "is not dimension=weight"),
    (["measures", "CHN", "BLR", "--weights", "trust=1"], 2, "unknown dimension"),
    (["measures", "CHN", "BLR", "--weights", "alignment=-1"], 2, "non-negative"),
    (["measures", "CHN", "BLR", "--weights", "alignment=inf"], 2, "finite"),
    (["measures", "CHN", "BLR", "--weights", "alignment=0"], 2, "not all zero"),
    (["measures", "CHN", "BLR", "--weights", ","], 2, "lists nothing"),
    (["measures", "CHN", "BLR", "--db", "{W}/notes.txt"], 2, "notes.txt is not a bilateral warehouse"),
    (["measures", "CHN", "BLR", "--db", "{W}/theirs.duckdb"], 2, "theirs.duckdb is not a bilateral warehouse"),
    (["measures", "CHN", "BLR", "--db", "{W}/empty.duckdb"], 2, "empty.duckdb is not a bilateral warehouse"),
    (["measures", "CHN", "BLR", "--db", "{W}/a-folder"], 2, "a-folder is a folder"),
    (["measures", "CHN", "BLR", "--db", "{W}/notes.txt/wh.duckdb"], 2, "notes.txt is a file, not a folder"),
    (["measures", "CHN"], 2, "Missing argument 'b'"),
    # partners
    (["partners", "BLR", "--dimension", "trust"], 2, "unknown dimension or index 'trust'"),
    (["partners", "BLR", "--year", "1700"], 2, "has no composite score in 1700"),
    (["partners", "BLR", "--top", "0"], 2, "Invalid value for '--top'"),
    (["partners", "BLR", "--top", "abc"], 2, "Invalid value for '--top'"),
    (["partners", "BLR", "--format", "xml"], 2, "unknown format 'xml'"),
    (["partners", "Atlantis"], 2, "No state matches 'Atlantis'"),
    # explain
    (["explain", "CHN", "BLR", "--peers", ",,,"], 2, "lists nothing"),
    (["explain", "CHN", "BLR", "--peers", "POL,,HUN"], 2, "has an empty item"),
    (["explain", "CHN", "BLR", "--peers", "POL,POL"], 2, "given more than once"),
    (["explain", "CHN", "BLR", "--peers", "Atlantis"], 2, "No state matches 'Atlantis'"),
    (["explain", "CHN", "BLR", "--third", "CHN"], 2, "is one of the pair"),
    (["explain", "CHN", "BLR", "--third", "Atlantis"], 2, "No state matches 'Atlantis'"),
    (["explain", "CHN", "BLR", "--format", "csv"], 2, "unknown format 'csv'"),
    (["explain", "BLR", "CHN", "--years", "1950-1960"], 2, "Belarus (BLR, COW 370) is a state in 1991-"),
    (["explain", "CHN", "China"], 2, "are the same state"),
    # report
    (["report", "CHN", "BLR", "--out", "{W}/notes.txt"], 2, "notes.txt is a file, not a folder"),
    (["report", "CHN", "BLR", "--out", "/dev/null"], 2, "/dev/null is a file, not a folder"),
    (["report", "CHN", "BLR", "--out", "{W}/notes.txt/brief"], 2, "is a file, so no folder can be made under it"),
    (["report", "CHN", "BLR", "--out", "{W}/brief"], 2, "report.html is a folder"),
    (["report", "CHN", "BLR", "--format", "pdf", "--out", "{W}/new"], 2, "unknown item(s) 'pdf'"),
    (["report", "CHN", "BLR", "--format", ",,", "--out", "{W}/new"], 2, "lists nothing"),
    (["report", "CHN", "BLR", "--format", "html,html", "--out", "{W}/new"], 2, "given more than once"),
    (["report", "CHN", "BLR", "--charts", "pretty", "--out", "{W}/new"], 2, "unknown way to draw charts 'pretty'"),
    (["report", "CHN", "BLR", "--years", "2020-1990", "--out", "{W}/new"], 2, "first year first"),
    (["report", "BLR", "CHN", "--years", "1950-1960", "--out", "{W}/new"], 2, "Belarus (BLR, COW 370) is a state in 1991-"),
    (["report", "CHN", "Atlantis", "--out", "{W}/new"], 2, "No state matches 'Atlantis'"),
    (["report", "CHN", "PRC", "--out", "{W}/new"], 2, "are the same state"),
    # data
    (["data", "status", "--db", "{W}/notes.txt"], 2, "notes.txt is not a bilateral warehouse"),
    (["data", "status", "--db", "{W}/a-folder"], 2, "a-folder is a folder"),
    (["data", "build", "--db", "{W}/theirs.duckdb", "--mirror", "{M}"], 2, "theirs.duckdb is not a bilateral warehouse"),
    (["data", "build", "--db", "{W}/theirs.duckdb", "--mirror", "{M}", "--force"], 2, "theirs.duckdb is not a bilateral warehouse"),
    (["data", "build", "--db", "{W}/new.duckdb", "--mirror", "{W}/no-such-mirror"], 2, "no-such-mirror is not a folder"),
    (["data", "frobnicate"], 2, "No such command 'frobnicate'"),
    # check
    (["check", "{W}/no-such-article.txt"], 2, "no such file"),
    (["check", "{W}/article.txt", "--as-of", "yesterday"], 2, "is not a date"),
    (["check", "{W}/article.txt", "--format", "pdf"], 2, "unknown format 'pdf'"),
    # the top level
    (["frobnicate"], 2, "No such command 'frobnicate'"),
    (["--debug"], 2, "Missing command"),
]


def _expand(args: list[str], workspace: Path, warehouse: Path, mirror: Path) -> list[str]:
    return [a.replace("{W}", str(workspace)).replace("{DB}", str(warehouse)).replace("{M}", str(mirror)) for a in args]


def _with_db(args: list[str], warehouse: Path, mirror: Path) -> list[str]:
    """Commands that read the warehouse get the session one, and ``country``
    the mirror, unless the case names its own."""
    reads = args[0] in ("measures", "partners", "explain", "report", "check") or args[:2] == ["data", "status"]
    if reads and "--db" not in args:
        return [*args, "--db", str(warehouse)]
    if args[0] == "country" and "--mirror" not in args:
        return [*args, "--mirror", str(mirror)]
    return args


def test_the_matrix_has_sixty_distinct_inputs():
    assert len({tuple(args) for args, _, _ in CASES}) == len(CASES) >= 60


@pytest.mark.parametrize("args, code, problem", CASES, ids=[" ".join(a)[:60] for a, _, _ in CASES])
def test_bad_input_is_refused_cleanly(args, code, problem, workspace, warehouse_db, mirror):
    argv = _with_db(_expand(args, workspace, warehouse_db, mirror), warehouse_db, mirror)
    before = _state(workspace, warehouse_db)
    result = runner.invoke(app, argv)
    message = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == code, message[-1500:]
    assert problem in message, message[-1500:]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert _state(workspace, warehouse_db) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=300))
def test_any_name_resolves_or_is_refused_cleanly(name, mirror):
    result = runner.invoke(app, ["country", name, "--mirror", str(mirror)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        flat = " ".join(result.output.split())
        assert any(p in flat for p in ("No state matches", "too long to be a state", "is ambiguous", "Invalid value", "No such option")), flat


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(years=st.one_of(st.text(alphabet="0123456789-– ,.x", max_size=14),
                       st.tuples(st.integers(-5000, 5000), st.integers(-5000, 5000)).map(lambda t: f"{t[0]}-{t[1]}")))
def test_any_year_range_shows_data_or_says_why(years, warehouse_db):
    result = runner.invoke(app, ["measures", "CHN", "BLR", "--years", years, "--format", "csv", "--db", str(warehouse_db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        flat = " ".join(result.output.replace("│", " ").split())
        assert any(p in flat for p in ("year range", "nothing to show", "Invalid value", "No such option")), flat
