"""The warehouse file a user names with --db: only a bilateral warehouse is
ever rebuilt; a foreign, locked or unreadable file, a folder, a symlink and
a path with a quote are each handled without losing anything (issue 11,
defects 1, 3, 11, 12, 13 and 18).

Builds here are made cheap by registering one small source (``majors``) and
skipping the out_ layer, so the file handling is tested without a full build.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from bilateral import warehouse
from bilateral.cli import app
from bilateral.errors import WarehouseError

runner = CliRunner()


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:  # streamed: a warehouse is 500 MB
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links as links) with its content digest."""
    state = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            state[str(path.relative_to(folder))] = "-> " + str(path.readlink())
        elif path.is_file():
            state[str(path.relative_to(folder))] = _digest(path)
    return state


def _no_traceback(result) -> bool:
    """The command ended through its own exit, not an uncaught exception."""
    return "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))


@pytest.fixture()
def empty_mirror(tmp_path) -> Path:
    """A mirror with no files: any build attempt fails fast instead of building."""
    folder = tmp_path / "empty-mirror"
    folder.mkdir()
    return folder


@pytest.fixture()
def cheap_build(monkeypatch):
    """Builds of only the ``majors`` source, without the out_ layer; counts them."""
    majors = [(module, source) for module, source in warehouse.registered() if source.name == "majors"]
    monkeypatch.setattr(warehouse, "registered", lambda: majors)
    monkeypatch.setattr(warehouse, "build_out", lambda con: None)
    loads = []
    original = warehouse._load_source

    def counted(con, source, mirror):
        loads.append(source.name)
        return original(con, source, mirror)

    monkeypatch.setattr(warehouse, "_load_source", counted)
    return loads


def _stale_warehouse(path: Path) -> Path:
    """A small file that looks like a warehouse an older release built."""
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE _meta (key VARCHAR, value VARCHAR)")
        con.execute("INSERT INTO _meta VALUES ('out_version', 'an older release')")
        con.execute("CREATE TABLE _sources (name VARCHAR, fingerprint VARCHAR)")
    return path


# defect 1: a user's file is overwritten


def test_a_text_file_named_as_db_is_refused_and_left_alone(tmp_path, empty_mirror):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a warehouse\n")
    before = _folder_state(tmp_path)
    result = runner.invoke(app, ["measures", "CHN", "BLR", "--db", str(notes), "--mirror", str(empty_mirror)])
    assert result.exit_code == 2, result.output
    assert "notes.txt is not a bilateral warehouse" in result.output
    assert _no_traceback(result)
    assert _folder_state(tmp_path) == before


def test_another_programs_duckdb_file_is_refused_even_with_force(tmp_path, empty_mirror):
    other = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE accounts AS SELECT 1 AS id, 'alice' AS owner")
    before = _folder_state(tmp_path)
    for force in (False, True):
        with pytest.raises(WarehouseError, match="theirs.duckdb is not a bilateral warehouse .*without bilateral's _meta"):
            warehouse.build(mirror=empty_mirror, db=other, force=force, progress=False)
    with pytest.raises(WarehouseError, match="theirs.duckdb is not a bilateral warehouse"):
        warehouse.connect(other, mirror=empty_mirror, progress=False)
    assert _folder_state(tmp_path) == before


def test_an_empty_file_is_not_a_warehouse(tmp_path, empty_mirror):
    empty = tmp_path / "empty.duckdb"
    empty.touch()
    with pytest.raises(WarehouseError, match="empty.duckdb is not a bilateral warehouse .*not a DuckDB file"):
        warehouse.connect(empty, mirror=empty_mirror, progress=False)
    assert empty.read_bytes() == b""


# defect 3: --db pointing at a directory


def test_a_folder_as_db_is_a_clear_error(tmp_path, empty_mirror):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for args in (["measures", "CHN", "BLR"], ["data", "build"], ["data", "status"]):
        result = runner.invoke(app, [*args, "--db", str(folder), "--mirror", str(empty_mirror)])
        assert result.exit_code == 2, (args, result.output)
        assert "is a folder" in result.output and "bilateral.duckdb" in result.output, args
        assert _no_traceback(result), args
    assert list(folder.iterdir()) == []


def test_a_path_under_a_file_is_a_clear_error(tmp_path, empty_mirror):
    afile = tmp_path / "plain"
    afile.write_text("x")
    with pytest.raises(WarehouseError, match="plain is a file, not a folder"):
        warehouse.build(mirror=empty_mirror, db=afile / "wh.duckdb", progress=False)


# defect 11: a locked warehouse is replaced under its writer

_HOLD = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("CREATE TABLE writers_work AS SELECT 42 AS answer")
    print("holding", flush=True)
    sys.stdin.readline()
""")


def test_a_warehouse_held_by_a_writer_is_an_error_not_a_rebuild(tmp_path, empty_mirror):
    path = _stale_warehouse(tmp_path / "held.duckdb")
    writer = subprocess.Popen([sys.executable, "-c", _HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "holding"
        for call in (lambda: warehouse.connect(path, mirror=empty_mirror, progress=False),
                     lambda: warehouse.build(mirror=empty_mirror, db=path, progress=False)):
            with pytest.raises(WarehouseError, match="held.duckdb is in use by another process"):
                call()
        assert not list(tmp_path.glob("held.duckdb.building-*"))
    finally:
        writer.communicate("\n", timeout=30)
    with duckdb.connect(str(path), read_only=True) as con:  # the writer's table survived
        assert con.execute("SELECT answer FROM writers_work").fetchone() == (42,)


# defect 12: a build lock


def test_readers_of_a_missing_warehouse_wait_for_one_build(tmp_path, mirror, cheap_build, capfd):
    path = tmp_path / "shared.duckdb"
    errors = []

    def reader():
        try:
            warehouse.connect(path, mirror=mirror, progress=True).close()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert cheap_build == ["majors"], "more than one reader built the warehouse"
    assert "waiting for it to finish" in capfd.readouterr().err


@pytest.mark.slow
def test_a_build_waits_for_the_lock_holder_and_then_finds_nothing_to_do(tmp_path, mirror, cheap_build, capfd):
    from bilateral import dbfile

    path = tmp_path / "wh.duckdb"
    warehouse.build(mirror=mirror, db=path, progress=False)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from bilateral.dbfile import build_lock\n"
         "with build_lock(Path(sys.argv[1])):\n print('locked', flush=True); sys.stdin.readline()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    timer = threading.Timer(1.0, lambda: holder.communicate("\n", timeout=30))
    timer.start()
    try:
        result = warehouse.build(mirror=mirror, db=path, progress=True)
    finally:
        timer.join()
    assert not result.changed and cheap_build == ["majors"]
    assert f"Another build of {dbfile.target(path)} is running" in capfd.readouterr().err


# defect 13: a --db symlink is replaced by a regular file


def test_a_symlinked_db_is_built_beside_its_target(tmp_path, mirror, cheap_build):
    real_folder, link_folder = tmp_path / "real", tmp_path / "links"
    real_folder.mkdir(), link_folder.mkdir()
    target = _stale_warehouse(real_folder / "wh.duckdb")
    link = link_folder / "wh.duckdb"
    link.symlink_to(target)
    with warehouse.connect(link, mirror=mirror, progress=False) as con:
        assert con.execute("SELECT count(*) FROM core_majors__major_power").fetchone()[0] > 0
    assert link.is_symlink() and link.resolve() == target
    assert sorted(p.name for p in link_folder.iterdir()) == ["wh.duckdb"]
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("SELECT value FROM _meta WHERE key = 'out_version'").fetchone()[0] == warehouse.out_fingerprint()


# defect 18 (and 8, last bullet): a quote in the --db path


def test_a_path_with_an_apostrophe_builds_and_reuses(tmp_path, mirror, cheap_build, monkeypatch):
    path = tmp_path / "it's" / "wh.duckdb"
    assert warehouse.build(mirror=mirror, db=path, progress=False).changed
    monkeypatch.setattr(warehouse, "OUT_VERSION", "next")  # the out_ layer changes; the source is reused through ATTACH
    result = warehouse.build(mirror=mirror, db=path, progress=False)
    assert result.changed and result.reused == ["majors"] and cheap_build == ["majors"]
    with warehouse.connect(path, mirror=mirror, progress=False) as con:
        assert con.execute("SELECT count(*) FROM core_majors__major_power").fetchone()[0] > 0


def test_sql_string_doubles_quotes():
    from bilateral.dbfile import sql_string

    with duckdb.connect() as con:
        for text in ("it's", "o'brien/'x'", "plain", "''"):
            assert con.execute(f"SELECT {sql_string(text)}").fetchone()[0] == text
